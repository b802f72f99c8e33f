// A team's status change and a dispatch, each acknowledged by a hub, survive SIGKILL of that hub
// right after the acknowledgement (the hub runs in a child process with the demo set, the calls go
// over its WebSocket, the store is reopened from the same data directory once the child is dead).
// And what a kill can cut off between two capabilities' writes (the task issued, the team not yet
// marked; the task done, the team not yet brought back) is caught up when teams opens.
import { describe, expect, it } from 'vitest';
import type { MethodName, ParamsOf, ResultOf } from '@contract/api';
import { openCore, type Core } from '../../../src-main/core/app';
import { quiet } from '../../support/core-harness';
import { killableDemoHub } from '../../support/killable-demo-hub';

const hub = killableDemoHub('cw-teams-kill-', 'teams-durability-token-0123456789');
const ctx = { transport: 'local', peer: 'test' } as const;
/** A call on a core opened by hand, typed as the contract says. */
const call = <M extends MethodName>(core: Core, m: M, params: ParamsOf<M>) => core.dispatch(m, params, ctx) as Promise<ResultOf<M>>;

describe('teams and SIGKILL', () => {
  it('keeps a dispatch and a status change when the hub is killed -9 right after acknowledging', async () => {
    const { socket, dataDir, people, kill } = await hub.start();
    const leader = people.find((p) => p.role === 'leader')!;
    const { teams } = (await socket.call('teams.list', {})).result as { teams: { id: string; name: string; status: string }[] };
    expect(teams).toHaveLength(26);
    const [fire, drain] = teams;

    const dispatched = await socket.call('teams.dispatch', {
      teamId: fire.id,
      task: { title: '北京路低洼点抢险', content: '携排水泵赶赴现场', deadline: Date.now() + 3600_000 },
      by: leader.id,
    });
    expect(dispatched.error).toBeUndefined();
    await socket.call('teams.changeStatus', { id: drain.id, status: 'dispatched', by: leader.id });
    const arrived = await socket.call('teams.changeStatus', { id: drain.id, status: 'on_scene', by: leader.id, position: { lat: 23.125, lng: 113.268 } });
    const killed = kill(); // no grace: nothing after the acknowledgement gets a chance to run
    expect(arrived.error).toBeUndefined();
    expect(await killed).toBe('SIGKILL');

    const core = await openCore({ dataDir, host: 'hub', log: quiet });
    try {
      const taskId = dispatched.result.task.id as string;
      expect(await call(core, 'teams.get', { id: fire.id })).toMatchObject({ status: 'dispatched', taskId });
      expect(await call(core, 'tasks.get', { id: taskId })).toMatchObject({ state: 'issued', addressee: { kind: 'team', name: fire.name } });
      const d = await call(core, 'teams.get', { id: drain.id });
      expect(d).toMatchObject({ status: 'on_scene', position: { lat: 23.125, lng: 113.268 } });
      expect(d.history.map((e) => e.status)).toEqual(['on_scene', 'dispatched', 'standby']);
      const { object } = await call(core, 'map.getObject', { id: drain.id });
      expect(object).toMatchObject({ status: 'deployed', position: { lat: 23.125, lng: 113.268 } });
    } finally {
      await core.close();
    }
  });

  it('catches up on open with a task issued to a team that was not marked, and with its current task done unheard', async () => {
    const dataDir = hub.dir('catch-up');
    let core = await openCore({ dataDir, host: 'hub', log: quiet, demo: true });
    const leader = (await call(core, 'duty.listPeople', {})).find((p) => p.role === 'leader')!;
    const [a, b] = (await call(core, 'teams.list', {})).teams;
    const task = { title: '抢险', content: '赶赴现场', deadline: Date.now() + 3600_000 };
    const one = await call(core, 'tasks.issue', { task: { ...task, addressee: { kind: 'team', name: a.name } }, by: leader.id });
    const two = await call(core, 'teams.dispatch', { teamId: b.id, task, by: leader.id });
    await call(core, 'tasks.acknowledge', { id: two.task.id, by: leader.id });
    // As if killed between the writes: the team's marking of the first task never happened …
    await core.store.write((tx) => {
      tx.run("DELETE FROM team_status_event WHERE team_id = ? AND kind = 'status'", [a.id]);
      tx.run("UPDATE team_state SET status = 'standby', task_id = NULL, dispatched_at = NULL WHERE team_id = ?", [a.id]);
    });
    await core.close();
    // … and the second task was completed while teams was not listening.
    core = await openCore({ dataDir, host: 'hub', log: quiet });
    await core.store.write((tx) => tx.run("UPDATE task SET state = 'done', finished_at = ? WHERE id = ?", [Date.now(), two.task.id]));
    await core.close();

    core = await openCore({ dataDir, host: 'hub', log: quiet });
    try {
      expect(await call(core, 'teams.get', { id: a.id })).toMatchObject({ status: 'dispatched', taskId: one.id });
      expect(await call(core, 'teams.get', { id: b.id })).toMatchObject({ status: 'returning', taskId: two.task.id });
    } finally {
      await core.close();
    }
  });
});
