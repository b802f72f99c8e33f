// The wall's events board rendered to HTML (no browser needed): newest first as given, each with
// its time, its kind in the page's language, what and where; the count in all when more exist.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ReplayEvent } from '@contract/replay';
import { localTime } from '@contract/yuexiu';
import { SliceHostProvider } from '../../state/context';
import { SliceHost } from '../../state/slice';
import { fakeClient } from '../../test-kit/fake-client';
import { EventsBoardView } from './EventsBoardPanel';

const T = localTime(2025, 6, 10, 10, 5);
const events: ReplayEvent[] = [
  { at: T, kind: 'task.overdue', who: '北京街', what: '「疏散北京路低洼点群众」已过时限', street: '北京街', position: null, links: { taskId: 'tsk_abcdefgh' } },
  {
    at: T - 60_000,
    kind: 'report.received',
    who: '周杰',
    what: '北京街 北京路低洼处：积水',
    street: '北京街',
    position: null,
    links: { reportId: 'rep_abcdefgh' },
  },
];

const render = (total: number): string =>
  renderToString(
    <SliceHostProvider host={new SliceHost(fakeClient().client)}>
      <EventsBoardView events={events} total={total} />
    </SliceHostProvider>,
  );

describe('the events board panel', () => {
  it('lists the events in the order given with time, kind, what and where; says how many in all when more exist', () => {
    const html = render(5);
    expect(html).toContain('data-total="5"');
    expect(html.indexOf('指令超时')).toBeLessThan(html.indexOf('接报'));
    expect(html).toContain('10:05');
    expect(html).toContain('events-kind-task-overdue');
    expect(html).toContain('共 5 项');
    expect(render(2)).not.toContain('共 2 项');
  });
});
