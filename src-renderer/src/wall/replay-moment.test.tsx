// The wall in replay (复盘上墙) beyond the cells: the alert strip, the header's warning slot and the
// significant-events board show the moment replayed (replay.getAt, replay.listEvents up to it), not
// the live picture, and the header's other slots are marked live. Rendered to HTML on a SliceHost
// over the fake client, with the live slices holding a different picture (a red warning and a
// Level I response now) than the moment (a yellow warning and Level IV then).
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ReplayEvent, ReplayState } from '@contract/replay';
import type { Warning } from '@contract/warnings';
import { localTime } from '@contract/yuexiu';
import { HeaderWarningSlot } from '../panels/warnings/HeaderWarningSlot';
import { SliceHostProvider } from '../state/context';
import { wallReplaySlice } from '../state/replay/wall-replay-slice';
import { SliceHost } from '../state/slice';
import { warningsSlice } from '../state/warnings/warnings-slice';
import { fakeClient } from '../test-kit/fake-client';
import { holdOpen, sliceOnFake } from '../test-kit/slice-kit';
import { AlertStrip } from './AlertStrip';
import { REPLAY_VIEWS } from './replay-views';
import { WallHeader } from './WallHeader';

const AT = localTime(2025, 6, 10, 9, 30);
const NOW = AT + 3 * 3600_000;

const moment: ReplayState = {
  at: AT,
  reports: [],
  responses: [
    {
      id: 'rsp_then0001',
      planTitle: '越秀区防汛防旱防风防冻应急预案',
      level: 'IV',
      activatedAt: AT - 600_000,
      actions: { total: 3, open: 2, overdue: 0 },
      openActions: [],
    },
  ],
  tasks: [],
  teams: [],
  stock: [],
  warnings: [{ id: 'wrn_then0001', type: 'rainstorm', level: 'yellow', headline: '越秀区暴雨黄色预警信号', issuedAt: AT - 900_000 }],
};
const eventsThen: ReplayEvent[] = [
  {
    at: AT - 60_000,
    kind: 'task.issued',
    who: '陈志强',
    what: '「回放前：转移群众」→ 北京街',
    street: '北京街',
    position: null,
    links: { taskId: 'tsk_then0001' },
  },
];

/**
 * Server rendering reads a zustand store's initial state (its server snapshot): the stores set
 * below are made to serve their current state instead, so the real components render what is set.
 */
function served(host: SliceHost): SliceHost {
  const stores = [host.get(warningsSlice).store, host.get(wallReplaySlice).store] as { getState(): unknown; getInitialState(): unknown }[];
  for (const store of stores) store.getInitialState = () => store.getState();
  return host;
}

/** A page whose live slices show now (red warning, Level I) and whose wall is in replay at AT. */
function page(): SliceHost {
  const host = new SliceHost(fakeClient().client, () => NOW);
  const liveRed = { id: 'wrn_now00001', type: 'rainstorm', level: 'red', event: '越秀区暴雨红色预警信号' } as unknown as Warning;
  host.get(warningsSlice).store.setState({ state: { active: [liveRed] } } as never);
  host
    .get(wallReplaySlice)
    .store.setState({ replay: { at: AT, since: NOW, until: NOW + 1800_000, by: null }, state: moment, events: { events: eventsThen, total: 1 } });
  return served(host);
}
const html = (host: SliceHost, node: React.ReactNode): string => renderToString(<SliceHostProvider host={host}>{node}</SliceHostProvider>);

describe('the wall in replay, beyond the cells', () => {
  it('the alert strip shows the warning and the response level in force at the moment, tagged 回放 hh:mm, not the live ones', () => {
    const s = html(page(), <AlertStrip />);
    expect(s).toContain('data-replay="moment"');
    expect(s).toContain('回放 09:30');
    expect(s).toContain('越秀区暴雨黄色预警信号');
    expect(s).toContain('data-level="yellow"');
    expect(s).not.toContain('红色');
    expect(s).toContain('Ⅳ级应急响应');
  });

  it('says nothing was in force then rather than hiding (a missing strip would read as lifted now)', () => {
    const host = page();
    host.get(wallReplaySlice).store.setState({ state: { ...moment, warnings: [], responses: [] } });
    const s = html(host, <AlertStrip />);
    expect(s).toContain('当时无生效预警');
    expect(s).toContain('当时无应急响应');
  });

  it('the header warning slot shows the moment’s signals and level, marked; the other slots are marked live', () => {
    const host = page();
    const slot = html(host, <HeaderWarningSlot />);
    expect(slot).toContain('data-replay="moment"');
    expect(slot).toContain('data-active="1"');
    expect(slot).toContain('data-level="yellow"');
    expect(slot).not.toContain('data-level="red"');
    expect(slot).toContain('Ⅳ级响应');
    const header = html(host, <WallHeader />);
    expect(header).toContain('data-testid="header-live-tag"');
    expect(header).toContain('data-replay="live"');
  });

  it('the events board shows the events up to the moment', () => {
    const Board = REPLAY_VIEWS['events-board'];
    const s = html(page(), <Board state={moment} />);
    expect(s).toContain('回放前：转移群众');
    expect(s).toContain('data-total="1"');
  });

  it('the wall-replay slice reads the events up to the moment with the district then', async () => {
    const { fake, s } = sliceOnFake(
      wallReplaySlice,
      {
        'wall.get': () => ({ replay: { at: AT, since: NOW, until: NOW + 1800_000, by: null } }) as never,
        'replay.getAt': () => moment,
        'replay.listEvents': () => ({ events: eventsThen, total: 1 }),
      },
      () => NOW,
    );
    await holdOpen(fake, s);
    expect(fake.calls.find((c) => c.method === 'replay.listEvents')?.params).toMatchObject({ to: AT });
    expect(s.store.getState().events).toEqual({ events: eventsThen, total: 1 });
  });
});
