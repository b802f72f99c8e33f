// The district's consultation form offers what a consultation belongs to by name (issue 17: names
// everywhere instead of ids): the open duty-log entries by time, street and summary, the responses
// in force by plan and level; never a field to type an id into. Rendered to HTML on a SliceHost
// whose duty and plans slices hold a few records.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SliceHostProvider } from '../state/context';
import { dutySlice } from '../state/duty/duty-slice';
import { report } from '../state/duty/test-fixtures';
import { plansSlice } from '../state/plans/plans-slice';
import { response } from '../state/plans/test-fixtures';
import { SliceHost, type AnySlice } from '../state/slice';
import { fakeClient } from '../test-kit/fake-client';
import { ConsultStartForm } from './ConsultStartForm';

/** A page whose slices hold what is set (server rendering reads a store's initial state: made to serve the current one). */
function host(): SliceHost {
  const h = new SliceHost(fakeClient().client);
  const at = Date.parse('2026-06-03T06:05:00Z'); // 14:05 in Guangzhou
  h.get(dutySlice).store.setState({
    reports: [
      report('rep_open00001', at, { summary: '北京路地下商场入口进水' }),
      report('rep_closed0001', at - 3600_000, { summary: '已办结的旧报告', status: 'closed' }),
    ],
  } as never);
  h.get(plansSlice).store.setState({
    responses: [response('rsp_active0001', at, [], { level: 'III' }), response('rsp_closed0001', at, [], { planTitle: '已结束的响应', status: 'closed' })],
  } as never);
  for (const s of [dutySlice, plansSlice] as AnySlice[]) {
    const store = h.get(s).store as unknown as { getState(): unknown; getInitialState(): unknown };
    store.getInitialState = () => store.getState();
  }
  return h;
}

/** The <select> with this testId, React's text separators out. */
const selectOf = (html: string, testId: string): string => {
  const at = html.indexOf(`<select data-testid="${testId}"`);
  expect(at, testId).toBeGreaterThan(-1);
  return html.slice(at, html.indexOf('</select>', at)).replace(/<!-- -->/g, '');
};

describe('the consultation form', () => {
  const html = renderToString(
    <SliceHostProvider host={host()}>
      <ConsultStartForm onNote={() => undefined} />
    </SliceHostProvider>,
  );

  it('offers the open duty-log entries by time, street and summary, never by id', () => {
    const entries = selectOf(html, 'consult-duty-entry');
    expect(entries).toContain('<option value="rep_open00001">06-03 14:05 · 北京街 · 北京路地下商场入口进水</option>');
    expect(entries).not.toContain('已办结的旧报告');
    expect(entries.replace(/value="[^"]*"/g, '')).not.toContain('rep_');
  });

  it('offers the responses in force by plan and level, never by id', () => {
    const plans = selectOf(html, 'consult-plan-response');
    expect(plans).toContain('<option value="rsp_active0001">越秀区防汛防旱防风防冻应急预案 Ⅲ级（较大）</option>');
    expect(plans).not.toContain('已结束的响应');
    expect(plans.replace(/value="[^"]*"/g, '')).not.toContain('rsp_');
  });

  it('has no field to type an id into', () => {
    expect(html).not.toMatch(/<input[^>]*data-testid="consult-(duty-entry|plan-response)"/);
  });
});
