// The wall's reporting countdown rendered to HTML (no browser needed): overdue reports first and
// red with the time they are late, then the soonest due with mm:ss left; nothing due says so.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SliceHostProvider } from '../../state/context';
import { clock, NOW } from '../../state/reporting/test-fixtures';
import { SliceHost } from '../../state/slice';
import { fakeClient } from '../../test-kit/fake-client';
import { ReportClockView } from './ReportClockPanel';

const MIN = 60_000;

function render(clocks: Parameters<typeof ReportClockView>[0]['clocks'], now = NOW): string {
  const host = new SliceHost(fakeClient().client);
  return renderToString(
    <SliceHostProvider host={host}>
      <ReportClockView clocks={clocks} now={now} />
    </SliceHostProvider>,
  );
}

describe('the reporting countdown panel', () => {
  it('lists overdue first (red, late by), then the soonest due with mm:ss left', () => {
    const html = render([
      clock('rep_soon0001', NOW + 4 * MIN + 5_000, { summary: '首报将到期' }),
      clock('rep_late0001', NOW - 2 * MIN - 30_000, { summary: '首报已超时', overdue: false }),
      clock('rep_later001', NOW + 100 * MIN, { summary: '续报', dueKind: 'followup', stage: 'followup' }),
    ]);
    const order = ['首报已超时', '首报将到期', '续报'].map((s) => html.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Overdue is judged at `now` by the page, though the clock was computed before it crossed.
    expect(html).toContain('data-overdue="1"');
    expect(html).toMatch(/class="report-clock-line overdue"[^>]*data-id="rep_late0001"/);
    expect(html).toContain('首报 已超时 02:30');
    expect(html).toContain('首报 04:05 内报送');
    expect(html).toContain('续报 1:40:00 内报送');
  });

  it('says when nothing is due', () => {
    expect(render([clock('rep_done0001', null, { stage: 'done' })])).toContain('无待报事件');
  });
});
