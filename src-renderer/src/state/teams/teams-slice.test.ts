// The teams slice with a scripted client: it loads the teams and counts, follows teams.changed
// (a change replaces the team, a removal drops it, a bulk change reads everything again), signs
// commands with the acting person and folds their replies in; refusals reach its error.
import { describe, expect, it } from 'vitest';
import { RpcError } from '@contract/errors';
import type { Replies } from '../../test-kit/fake-client';
import { expectListeningWhileHeld, holdOpen, sliceOnFake, tick } from '../../test-kit/slice-kit';
import { appSlice } from '../app/app-slice';
import { teamsSlice } from './teams-slice';
import { summary, team } from './test-fixtures';
import { minutesOut, teamsOut } from './teams';

const NOW = 50_000_000;

function server(extra: Replies = {}): Replies {
  return { 'teams.list': () => ({ teams: [team('obj_team0001', '区消防救援大队')], summary: summary({ standby: 1 }) }), ...extra };
}
const setup = (extra: Replies = {}) => sliceOnFake(teamsSlice, server(extra), () => NOW);

describe('teams slice', () => {
  it('loads the teams and counts when held, and stops listening on release', async () => {
    const { fake, s } = setup();
    const release = s.hold();
    fake.status('open');
    await tick();
    expect(s.store.getState()).toMatchObject({ loaded: true, summary: { byStatus: { standby: 1 } } });
    expect(s.store.getState().teams.map((t) => t.name)).toEqual(['区消防救援大队']);
    expectListeningWhileHeld(fake, s, release);
  });

  it('follows pushes: a changed team is replaced, a new one joins in order, a removed one leaves, a bulk change reloads', async () => {
    const { fake, s } = setup();
    await holdOpen(fake, s);
    const out = team('obj_team0001', '区消防救援大队', { status: 'dispatched', dispatchedAt: NOW - 5 * 60_000 });
    fake.emit('teams.changed', { change: 'status', teamId: out.id, team: out, entry: null, summary: summary({ dispatched: 1 }) });
    fake.emit('teams.changed', {
      change: 'registered',
      teamId: 'obj_team0002',
      team: team('obj_team0002', '北京街兼职抢险队', { professional: false }),
      entry: null,
      summary: summary({ dispatched: 1, standby: 1 }),
    });
    expect(s.store.getState().teams.map((t) => [t.name, t.status])).toEqual([
      ['区消防救援大队', 'dispatched'],
      ['北京街兼职抢险队', 'standby'],
    ]);
    expect(s.store.getState().summary?.byStatus).toMatchObject({ dispatched: 1, standby: 1 });
    expect(teamsOut(s.store.getState().teams).map((t) => [t.name, minutesOut(t, NOW)])).toEqual([['区消防救援大队', 5]]);
    fake.emit('teams.changed', { change: 'removed', teamId: 'obj_team0002', team: null, entry: null, summary: summary({ dispatched: 1 }) });
    expect(s.store.getState().teams).toHaveLength(1);
    const before = fake.calls.filter((c) => c.method === 'teams.list').length;
    fake.emit('teams.changed', { change: 'bulk', teamId: null, team: null, entry: null, summary: summary({ standby: 26 }) });
    await tick();
    expect(fake.calls.filter((c) => c.method === 'teams.list').length).toBe(before + 1);
  });

  it('changes status and dispatches as the acting person, folding the reply in; a refusal lands in error', async () => {
    const { fake, s, host } = setup({
      'teams.changeStatus': (p: any) => team(p.id, '区消防救援大队', { status: p.status }),
      'teams.dispatch': () => {
        throw new RpcError(-32000, '队伍“区消防救援大队”当前为“到达现场”，不能改为“已出动”');
      },
    });
    await holdOpen(fake, s);
    await host.get(appSlice).commands.setActor('per_officer01');
    await s.commands.changeTeamStatus('obj_team0001', 'dispatched', '出发');
    expect(fake.calls.find((c) => c.method === 'teams.changeStatus')?.params).toEqual({
      id: 'obj_team0001',
      status: 'dispatched',
      note: '出发',
      by: 'per_officer01',
    });
    expect(s.store.getState().teams[0].status).toBe('dispatched');
    expect(await s.commands.dispatchTeam('obj_team0001', { title: '抢险', content: '赶赴现场', deadline: NOW + 3600_000 })).toBeNull();
    expect(s.store.getState().error).toMatchObject({ command: 'dispatchTeam', message: expect.stringMatching(/^队伍/) });
  });
});
