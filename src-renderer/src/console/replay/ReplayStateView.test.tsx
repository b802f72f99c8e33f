// The 复盘 tab's lists rendered to HTML (no browser needed): what was open at the moment replayed,
// each list counted, a task overdue then marked, a team in the status it had.
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ReplayState } from '@contract/replay';
import { localTime } from '@contract/yuexiu';
import { SliceHostProvider } from '../../state/context';
import { SliceHost } from '../../state/slice';
import { team } from '../../state/teams/test-fixtures';
import { fakeClient } from '../../test-kit/fake-client';
import { ReplayStateView } from './ReplayStateView';

const T = localTime(2025, 6, 10, 10, 30);
const state: ReplayState = {
  at: T,
  reports: [],
  responses: [
    {
      id: 'rsp_abcdefgh',
      planTitle: '越秀区防汛防旱防风防冻应急预案',
      level: 'III',
      activatedAt: T - 30 * 60_000,
      actions: { total: 2, open: 1, overdue: 1 },
      openActions: [],
    },
  ],
  tasks: [
    {
      id: 'tsk_abcdefgh',
      title: '疏散北京路低洼点群众',
      addressee: { kind: 'street', name: '北京街' },
      state: 'received',
      issuedAt: T - 20 * 60_000,
      deadline: T - 60_000,
      position: null,
      responseId: 'rsp_abcdefgh',
      reportId: null,
      unacknowledged: false,
      overdue: true,
    },
  ],
  teams: [team('obj_team0001', '区排水抢险队', { status: 'on_scene' })],
  stock: [{ place: '北京街物资储备点', item: '沙包', unit: '袋', quantity: 120 }],
  warnings: [],
};

describe('the replay lists', () => {
  it('counts each list and shows what was open then, an overdue task marked', () => {
    const html = renderToString(
      <SliceHostProvider host={new SliceHost(fakeClient().client)}>
        <ReplayStateView state={state} events={[]} />
      </SliceHostProvider>,
    );
    expect(html).toContain(`data-at="${T}"`);
    expect(html).toMatch(/data-testid="replay-reports" data-count="0"/);
    expect(html).toMatch(/data-testid="replay-tasks" data-count="1"/);
    expect(html).toMatch(/class="overdue" data-state="received"/);
    expect(html).toContain('已超时');
    expect(html).toMatch(/data-status="on_scene"/);
    expect(html).toContain('未完成事项 1 项，超时 1 项');
    expect(html.replaceAll('<!-- -->', '')).toContain('北京街物资储备点 · 沙包 120袋');
  });
});
