// The 信息报送 part of a report's detail rendered to HTML (no browser needed): the versions with
// their figures and download buttons; the form offers the 首报 first, then 续报 or 终报 with the
// latest figures carried forward, and nothing after the 终报.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Filing } from '@contract/reporting';
import { SliceHostProvider } from '../../../state/context';
import { SliceHost } from '../../../state/slice';
import { fakeClient } from '../../../test-kit/fake-client';
import { FilingForm, FilingVersions } from './FilingSection';

const version = (seq: number, kind: Filing['kind'], evacuated: number): Filing => ({
  reportId: 'rep_a0001',
  seq,
  kind,
  followUpNo: kind === 'followup' ? seq - 1 : 0,
  eventClass: 'natural',
  level: 'major',
  figures: { deaths: 0, injured: 2, missing: 1, trapped: 7, evacuated, resettled: 48, households: 23, lossWan: 86.5 },
  cause: '短时强降雨',
  measures: '转移群众',
  text: '',
  unit: '越秀区应急管理局',
  signer: '陈志强',
  submittedAt: 1_749_520_800_000 + seq * 60_000,
  by: { id: 'per_zhou00001', name: '周杰', role: 'officer' },
  peer: 'console',
});

function render(node: React.ReactNode): string {
  const host = new SliceHost(fakeClient().client);
  return renderToString(<SliceHostProvider host={host}>{node}</SliceHostProvider>);
}

describe('the filing section', () => {
  it('lists every version with its figures and a .docx and PDF download each', () => {
    const html = render(<FilingVersions reportId="rep_a0001" versions={[version(1, 'first', 135), version(2, 'followup', 160)]} />);
    expect(html.match(/data-testid="filing-version"/g)).toHaveLength(2);
    expect(html).toContain('data-figure="evacuated">135<');
    expect(html).toContain('data-figure="evacuated">160<');
    expect(html.match(/data-testid="filing-docx"/g)).toHaveLength(2);
    expect(html.match(/data-testid="filing-pdf"/g)).toHaveLength(2);
  });

  it('offers the 首报 on a report without versions', () => {
    const html = render(<FilingForm reportId="rep_a0001" versions={[]} onSaved={() => {}} />);
    expect(html).toMatch(/<option value="first"[^>]*>首报<\/option>/);
    expect(html).not.toContain('value="followup"');
    expect(html).toContain('data-testid="filing-figure-lossWan"');
  });

  it('offers 续报 or 终报 after the 首报, the latest figures carried forward; nothing after the 终报', () => {
    const html = render(<FilingForm reportId="rep_a0001" versions={[version(1, 'first', 135)]} onSaved={() => {}} />);
    expect(html).toContain('value="followup"');
    expect(html).toContain('value="final"');
    expect(html).toMatch(/data-testid="filing-figure-evacuated"[^>]*value="135"/);
    const closed = render(<FilingForm reportId="rep_a0001" versions={[version(1, 'first', 135), version(2, 'final', 160)]} onSaved={() => {}} />);
    expect(closed).not.toContain('data-testid="filing-form"');
    expect(closed).toContain('终报已报');
  });
});
