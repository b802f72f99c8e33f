// Rescue teams (救援队伍) through the contract, on the real core and store: the status lifecycle
// and its refusals (naming the status, Chinese first), the map's copy of the status and position,
// dispatch as a task and the task's answers moving the team, the counts by status, and the
// history as of a moment (the replay: statusAt(moment) equals what the live list showed then).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TeamState } from '@contract/teams';
import { openHarness, staff, T0, type Harness } from '../duty/harness';

let h: Harness;
let ids: Record<string, string>;
const MIN = 60_000;

beforeEach(async () => {
  h = await openHarness();
  ids = await staff(h);
});
afterEach(() => h.close());

const BASE = { lat: 23.129, lng: 113.264 };
const SCENE = { lat: 23.125, lng: 113.268 };

async function team(name: string, people = 30, over: Record<string, unknown> = {}): Promise<string> {
  const o = await h.call('map.saveObject', {
    object: { kind: 'team', name, street: '北京街', position: BASE, people, professional: true, equipment: '冲锋舟 2 艘', contact: '020-1234', ...over },
  });
  // The map's event registers it with teams (on teams' queue): wait until it is there.
  await vi.waitFor(async () => expect((await h.call('teams.list')).teams.map((t) => t.id)).toContain(o.id));
  return o.id;
}

const mapStatus = async (id: string) => {
  const { object } = await h.call('map.getObject', { id });
  return object.kind === 'team' ? { status: object.status, position: object.position } : null;
};

const order = { title: '北京路低洼点抢险排涝', content: '携排水泵赶赴北京路与大南路交界处排涝', priority: 'urgent', deadline: T0 + 60 * MIN } as const;

describe('the status lifecycle', () => {
  it('standby → dispatched → on scene → returning → resting → standby, each change with who, when and where; the map follows', async () => {
    const id = await team('区消防救援大队');
    expect((await h.call('teams.get', { id })).status).toBe('standby');
    const by = ids['陈志强'];
    h.clock.now += MIN;
    await h.call('teams.changeStatus', { id, status: 'dispatched', by });
    expect(await mapStatus(id)).toEqual({ status: 'deployed', position: BASE });
    h.clock.now += 10 * MIN;
    const arrived = await h.call('teams.changeStatus', { id, status: 'on_scene', by: ids['周杰'], position: SCENE, note: '到达北京路' });
    expect(arrived).toMatchObject({
      status: 'on_scene',
      since: T0 + 11 * MIN,
      dispatchedAt: T0 + MIN,
      arrivedAt: T0 + 11 * MIN,
      returnedAt: null,
      position: SCENE,
    });
    expect(await mapStatus(id)).toEqual({ status: 'deployed', position: SCENE });
    h.clock.now += 60 * MIN;
    await h.call('teams.changeStatus', { id, status: 'returning', by, position: BASE });
    h.clock.now += 15 * MIN;
    const back = await h.call('teams.changeStatus', { id, status: 'resting', by });
    expect(back).toMatchObject({ status: 'resting', dispatchedAt: T0 + MIN, arrivedAt: T0 + 11 * MIN, returnedAt: T0 + 86 * MIN });
    expect(await mapStatus(id)).toEqual({ status: 'resting', position: BASE });
    h.clock.now += 120 * MIN;
    await h.call('teams.changeStatus', { id, status: 'standby', by });
    expect(await mapStatus(id)).toEqual({ status: 'standby', position: BASE });

    const detail = await h.call('teams.get', { id });
    expect(detail).toMatchObject({ name: '区消防救援大队', people: 30, equipment: '冲锋舟 2 艘', contact: '020-1234', returnedAt: T0 + 86 * MIN });
    expect(detail.history.map((e) => [e.kind, e.from, e.status, e.by?.name ?? null, e.at]).reverse()).toEqual([
      ['registered', null, 'standby', null, T0],
      ['status', 'standby', 'dispatched', '陈志强', T0 + MIN],
      ['status', 'dispatched', 'on_scene', '周杰', T0 + 11 * MIN],
      ['status', 'on_scene', 'returning', '陈志强', T0 + 71 * MIN],
      ['status', 'returning', 'resting', '陈志强', T0 + 86 * MIN],
      ['status', 'resting', 'standby', '陈志强', T0 + 206 * MIN],
    ]);
    expect(detail.history.find((e) => e.status === 'on_scene')).toMatchObject({ position: SCENE, note: '到达北京路', peer: 'test' });
  });

  it('refuses a move the status does not allow, naming the status in Chinese first', async () => {
    const id = await team('北京街兼职抢险队', 15);
    const e = await h.refusal('teams.changeStatus', { id, status: 'on_scene', by: ids['周杰'] });
    expect(e.message).toMatch(/^队伍“北京街兼职抢险队”当前为“待命”，不能改为“到达现场”（可改为：已出动）/);
    expect(e.message).toContain('is standing by');
    expect((await h.refusal('teams.changeStatus', { id: 'obj_nosuchteam', status: 'dispatched', by: ids['周杰'] })).message).toMatch(/^没有此队伍/);
    const bad = await h.refusal('teams.changeStatus', { id, status: 'dispatched', by: ids['周杰'], position: { lat: 40, lng: 116 } });
    expect(bad.message).toContain('position');
  });

  it('keeps the map from disagreeing: a map save with another status is put back to the team’s', async () => {
    const id = await team('区排水抢险队');
    await h.call('teams.changeStatus', { id, status: 'dispatched', by: ids['陈志强'] });
    const { object } = await h.call('map.getObject', { id });
    if (object.kind !== 'team') throw new Error('not a team');
    const { demo: _d, updatedAt: _u, ...input } = object;
    await h.call('map.saveObject', { object: { ...input, status: 'standby', people: 32 } });
    await vi.waitFor(async () => expect(await mapStatus(id)).toMatchObject({ status: 'deployed' }));
    const t = await h.call('teams.get', { id });
    expect(t).toMatchObject({ status: 'dispatched', people: 32 });
    expect(t.history[0]).toMatchObject({ kind: 'register', status: 'dispatched', peer: 'map' });
  });
});

describe('dispatch as a task', () => {
  it('issues a task to the team and marks it dispatched with it; done brings it back (returning)', async () => {
    const id = await team('区消防救援大队');
    const { team: t, task } = await h.call('teams.dispatch', { teamId: id, task: { ...order, position: SCENE }, by: ids['陈志强'] });
    expect(task).toMatchObject({ addressee: { kind: 'team', name: '区消防救援大队' }, state: 'issued', position: SCENE });
    expect(t).toMatchObject({ status: 'dispatched', taskId: task.id, dispatchedAt: T0 });
    expect((await h.call('teams.get', { id })).history[0]).toMatchObject({ taskId: task.id, by: { name: '陈志强' } });
    // A team already out cannot be dispatched again.
    expect((await h.refusal('teams.dispatch', { teamId: id, task: order, by: ids['陈志强'] })).message).toMatch(/当前为“已出动”，不能改为“已出动”/);

    h.clock.now += 2 * MIN;
    await h.call('tasks.acknowledge', { id: task.id, by: ids['周杰'] });
    h.clock.now += 10 * MIN;
    await h.call('teams.changeStatus', { id, status: 'on_scene', by: ids['周杰'], position: SCENE });
    expect((await h.call('teams.get', { id })).status).toBe('on_scene');
    h.clock.now += 30 * MIN;
    await h.call('tasks.complete', { id: task.id, by: ids['周杰'], result: '排涝完毕，积水已退' });
    await vi.waitFor(async () => expect((await h.call('teams.get', { id })).status).toBe('returning'));
    expect((await h.call('teams.get', { id })).history[0]).toMatchObject({
      from: 'on_scene',
      status: 'returning',
      taskId: task.id,
      by: { name: '周杰' },
      at: T0 + 42 * MIN,
      note: '指令「北京路低洼点抢险排涝」已完成',
    });
  });

  it('a task cancelled before the team arrived puts it back on standby; a task issued to a team from the tasks console dispatches it', async () => {
    const id = await team('区排水抢险队');
    const { task } = await h.call('teams.dispatch', { teamId: id, task: order, by: ids['陈志强'] });
    await h.call('tasks.cancel', { id: task.id, by: ids['陈志强'], reason: '积水已自行退去' });
    await vi.waitFor(async () => expect((await h.call('teams.get', { id })).status).toBe('standby'));
    expect((await h.call('teams.get', { id })).taskId).toBeNull();

    h.clock.now += MIN;
    const direct = await h.call('tasks.issue', { task: { ...order, addressee: { kind: 'team', name: '区排水抢险队' } }, by: ids['李明'] });
    await vi.waitFor(async () => expect((await h.call('teams.get', { id })).taskId).toBe(direct.id));
    expect((await h.call('teams.get', { id })).history[0]).toMatchObject({ status: 'dispatched', by: { name: '李明' } });
  });
});

describe('counts and history', () => {
  it('counts teams and people by status', async () => {
    const a = await team('区消防救援大队', 60);
    await team('区排水抢险队', 40);
    await team('北京街兼职抢险队', 15, { professional: false });
    await h.call('teams.changeStatus', { id: a, status: 'dispatched', by: ids['陈志强'] });
    const s = await h.call('teams.getSummary');
    expect(s).toEqual({
      teams: 3,
      people: 115,
      byStatus: { standby: 2, dispatched: 1, on_scene: 0, returning: 0, resting: 0 },
      peopleByStatus: { standby: 55, dispatched: 60, on_scene: 0, returning: 0, resting: 0 },
    });
    expect(h.events.filter((e) => e.event === 'teams.changed').at(-1)?.payload.summary).toEqual(s);
  });

  it('gives every team as it was at a moment: a snapshot taken then equals statusAt(moment) after further changes', async () => {
    const a = await team('区消防救援大队', 60);
    const b = await team('区排水抢险队', 40);
    const c = await team('北京街兼职抢险队', 15, { professional: false });
    h.clock.now += MIN;
    const { task } = await h.call('teams.dispatch', { teamId: a, task: order, by: ids['陈志强'] });
    h.clock.now += 5 * MIN;
    await h.call('teams.changeStatus', { id: a, status: 'on_scene', by: ids['周杰'], position: SCENE });
    await h.call('teams.changeStatus', { id: b, status: 'dispatched', by: ids['陈志强'] });
    const moment = h.clock.now;
    const states = (list: { teams: TeamState[] }) =>
      list.teams.map(({ id, name, street, professional, people, status, since, taskId, position, dispatchedAt, arrivedAt, returnedAt }) => ({
        id,
        name,
        street,
        professional,
        people,
        status,
        since,
        taskId,
        position,
        dispatchedAt,
        arrivedAt,
        returnedAt,
      }));
    const snapshot = states(await h.call('teams.list'));
    const summaryThen = await h.call('teams.getSummary');
    expect(snapshot.find((t) => t.id === a)).toMatchObject({ status: 'on_scene', taskId: task.id, position: SCENE });

    // Later: more changes, a move on the map, a team removed, a new one.
    h.clock.now += MIN;
    await h.call('tasks.acknowledge', { id: task.id, by: ids['周杰'] });
    await h.call('tasks.complete', { id: task.id, by: ids['周杰'], result: '完毕' });
    await vi.waitFor(async () => expect((await h.call('teams.get', { id: a })).status).toBe('returning'));
    h.clock.now += MIN;
    await h.call('teams.changeStatus', { id: b, status: 'returning', by: ids['陈志强'], position: SCENE });
    await h.call('map.removeObject', { id: c });
    await vi.waitFor(async () => expect((await h.call('teams.list')).teams).toHaveLength(2));
    h.clock.now += MIN;
    await team('人民街兼职抢险队', 15, { professional: false });

    const replay = await h.call('teams.getStatusAt', { at: moment });
    expect(replay.teams).toEqual(snapshot);
    expect(replay.summary).toEqual(summaryThen);
    // And before anything happened, the teams as registered.
    expect((await h.call('teams.getStatusAt', { at: T0 })).teams.map((t) => [t.name, t.status])).toEqual([
      ['区排水抢险队', 'standby'],
      ['区消防救援大队', 'standby'],
      ['北京街兼职抢险队', 'standby'],
    ]);
    expect((await h.call('teams.getStatusAt', { at: T0 - 1 })).teams).toEqual([]);
  });
});
