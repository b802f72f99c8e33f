// Tasks (指令) through the contract, on the real core and store: the state machine and its
// refusals (naming the state, Chinese first), the street scope of answers, the history, the entry
// on the response's timeline, the computed flags and the alarm pushed when a task crosses them.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import type { TaskInput } from '@contract/tasks';
import { openHarness, staff, T0, type Harness } from '../duty/harness';
import { sanfang } from '../plans/fixtures';

let h: Harness;
let ids: Record<string, string>;
const MIN = 60_000;

beforeEach(async () => {
  h = await openHarness();
  ids = await staff(h);
  // A street centre's caller acts as one of its own street's people (unit named after the street).
  for (const p of [
    { name: '王北京', role: 'officer', unit: '北京街道办事处', phone: '13800000011' },
    { name: '刘六榕', role: 'officer', unit: '六榕街道办事处', phone: '13800000012' },
  ] as const)
    ids[p.name] = (await h.call('duty.savePerson', { person: p })).id;
});
afterEach(() => h.close());

const order = (over: Partial<TaskInput> = {}): TaskInput => ({
  title: '疏散北京路低洼点群众',
  content: '北京路与大南路交界低洼处，组织群众转移至北京街道办事处',
  priority: 'urgent',
  addressee: { kind: 'street', name: '北京街' },
  deadline: T0 + 60 * MIN,
  position: { lat: 23.125, lng: 113.268 },
  ...over,
});

async function issue(over: Partial<TaskInput> = {}) {
  return h.call('tasks.issue', { task: order(over), by: ids['陈志强'] });
}

describe('the state machine', () => {
  it('issued → received → in progress → done, each change in the history with who, where and when', async () => {
    const t = await issue();
    expect(t).toMatchObject({ state: 'issued', ackWindowMin: 5, ackDueAt: T0 + 5 * MIN, issuedBy: { name: '陈志强' }, unacknowledged: false });
    h.clock.now += MIN;
    await h.call('tasks.acknowledge', { id: t.id, by: ids['王北京'] }, { street: '北京街', peer: 'beijing-1' });
    h.clock.now += MIN;
    await h.call('tasks.progress', { id: t.id, by: ids['王北京'], note: '已组织社区干部赶赴现场' }, { street: '北京街' });
    await h.call('tasks.progress', { id: t.id, by: ids['王北京'], note: '已转移 12 人' }, { street: '北京街' });
    h.clock.now += MIN;
    const done = await h.call('tasks.complete', { id: t.id, by: ids['王北京'], result: '共转移群众 35 人，无伤亡' }, { street: '北京街' });
    expect(done).toMatchObject({
      state: 'done',
      result: '共转移群众 35 人，无伤亡',
      receivedAt: T0 + MIN,
      startedAt: T0 + 2 * MIN,
      finishedAt: T0 + 3 * MIN,
    });
    expect(done.history.map((e) => [e.from, e.to, e.by.name, e.street])).toEqual([
      [null, 'issued', '陈志强', null],
      ['issued', 'received', '王北京', '北京街'],
      ['received', 'in_progress', '王北京', '北京街'],
      ['in_progress', 'in_progress', '王北京', '北京街'],
      ['in_progress', 'done', '王北京', '北京街'],
    ]);
    expect(done.history[1]).toMatchObject({ peer: 'beijing-1', at: T0 + MIN });
  });

  it('refuses a move its state does not allow, naming the state in Chinese first', async () => {
    const t = await issue();
    const early = await h.refusal('tasks.complete', { id: t.id, by: ids['周杰'], result: '已完成' });
    expect(early.code).toBe(RpcCode.Refused);
    expect(early.message).toMatch(/^指令「疏散北京路低洼点群众」当前为“已下达”，不能办结/);
    expect(early.message).toContain('is issued');
    await h.call('tasks.acknowledge', { id: t.id, by: ids['周杰'] });
    expect((await h.refusal('tasks.acknowledge', { id: t.id, by: ids['周杰'] })).message).toMatch(/当前为“已接收”，不能接收/);
    await h.call('tasks.refuse', { id: t.id, by: ids['周杰'], reason: '人手不足，请区里调派队伍' });
    for (const [method, extra] of [
      ['tasks.progress', { note: 'x' }],
      ['tasks.complete', { result: '已完成' }],
      ['tasks.cancel', { reason: '不再需要' }],
    ] as const) {
      const e = await h.refusal(method, { id: t.id, by: ids['陈志强'], ...extra });
      expect(e.message, method).toMatch(/当前为“已拒绝”/);
    }
    expect((await h.call('tasks.get', { id: t.id })).reason).toBe('人手不足，请区里调派队伍');
  });

  it('a progress report on a task in progress needs a note; a done task needs a result; a refusal a reason', async () => {
    const t = await issue();
    await h.call('tasks.acknowledge', { id: t.id, by: ids['周杰'] });
    await h.call('tasks.progress', { id: t.id, by: ids['周杰'] });
    expect((await h.refusal('tasks.progress', { id: t.id, by: ids['周杰'] })).message).toMatch(/报告进展需填写进展说明/);
    expect((await h.refusal('tasks.complete', { id: t.id, by: ids['周杰'], result: '' })).code).toBe(RpcCode.InvalidParams);
    expect((await h.refusal('tasks.refuse', { id: t.id, by: ids['周杰'] })).message).toContain('reason');
  });

  it('the district cancels an open task with a reason; it then no longer changes', async () => {
    const t = await issue({ addressee: { kind: 'team', name: '区消防救援大队' } });
    const c = await h.call('tasks.cancel', { id: t.id, by: ids['陈志强'], reason: '险情已解除' });
    expect(c).toMatchObject({ state: 'cancelled', reason: '险情已解除', finishedAt: T0 });
    expect((await h.refusal('tasks.acknowledge', { id: t.id, by: ids['周杰'] })).message).toMatch(/当前为“已撤销”/);
  });

  it('refuses bad input by field: a street not of Yuexiu, an empty team name, a deadline in the past', async () => {
    const bad = await h.refusal('tasks.issue', { task: order({ addressee: { kind: 'street', name: '天河街' } }), by: ids['陈志强'] });
    expect(bad.code).toBe(RpcCode.InvalidParams);
    expect(bad.message).toContain('task.addressee.name');
    const empty = await h.refusal('tasks.issue', { task: order({ addressee: { kind: 'warehouse', name: ' ' } }), by: ids['陈志强'] });
    expect(empty.message).toContain('task.addressee.name');
    const past = await h.refusal('tasks.issue', { task: order({ deadline: T0 - MIN }), by: ids['陈志强'] });
    expect(past.message).toMatch(/^时限 .* 已过/);
  });
});

describe('street scope', () => {
  it('a caller of another street may not answer, and is told both streets; the addressed street may', async () => {
    const t = await issue();
    const other = await h.call('tasks.acknowledge', { id: t.id, by: ids['刘六榕'] }, { street: '六榕街' }).catch((e) => e);
    expect(other.code).toBe(RpcCode.Forbidden);
    expect(other.message).toMatch(/^指令「疏散北京路低洼点群众」下达给北京街，六榕街不能答复/);
    expect(other.message).toContain('a caller of 六榕街 answers only its own street');
    expect((await h.call('tasks.get', { id: t.id })).state).toBe('issued');
    const team = await issue({ addressee: { kind: 'team', name: '北京街应急分队' } });
    expect((await h.call('tasks.acknowledge', { id: team.id, by: ids['王北京'] }, { street: '北京街' }).catch((e) => e)).code).toBe(RpcCode.Forbidden);
    expect((await h.call('tasks.acknowledge', { id: t.id, by: ids['王北京'] }, { street: '北京街' })).state).toBe('received');
  });

  it('needs tasks.answer to answer and tasks.issue to issue or cancel', async () => {
    const t = await issue();
    const street = new Set(['read', 'tasks.answer'] as const);
    const e = await h.call('tasks.cancel', { id: t.id, by: ids['王北京'], reason: '不需要了' }, { rights: street, street: '北京街' }).catch((x) => x);
    expect(e.code).toBe(RpcCode.Forbidden);
    expect(e.data).toEqual({ right: 'tasks.issue' });
    const wall = new Set(['read'] as const);
    expect((await h.call('tasks.acknowledge', { id: t.id, by: ids['周杰'] }, { rights: wall }).catch((x) => x)).data).toEqual({ right: 'tasks.answer' });
  });
});

describe('the response timeline', () => {
  it('issuing from a response and every answer appear on its timeline, in the same write', async () => {
    const planId = (await h.call('plans.save', { plan: sanfang(), by: ids['李明'] })).id;
    const r = await h.call('plans.activate', { planId, level: 'IV', by: ids['陈志强'], note: '' });
    const t = await issue({ source: { responseId: r.id } });
    expect(t.source).toEqual({ responseId: r.id, reportId: null });
    await h.call('tasks.acknowledge', { id: t.id, by: ids['王北京'] }, { street: '北京街' });
    await h.call('tasks.complete', { id: t.id, by: ids['王北京'], result: '转移 35 人' }, { street: '北京街' });
    const timeline = (await h.call('plans.getResponse', { id: r.id })).timeline.filter((e) => e.kind === 'note');
    expect(timeline.map((e) => [e.by.name, e.text])).toEqual([
      ['陈志强', expect.stringMatching(/^下达指令「疏散北京路低洼点群众」至北京街（紧急；时限 /)],
      ['王北京', '指令「疏散北京路低洼点群众」（北京街）已下达→已接收'],
      ['王北京', '指令「疏散北京路低洼点群众」（北京街）已接收→已完成：转移 35 人'],
    ]);
    // The wall's response panels hear of it.
    const pushed = h.events.filter((e) => e.event === 'plans.responseChanged' && e.payload.entry?.kind === 'note');
    expect(pushed).toHaveLength(3);
    expect((await h.call('tasks.list', { responseId: r.id })).map((x) => x.id)).toEqual([t.id]);
  });

  it('refuses a task from a closed response, and one naming a response or report that does not exist', async () => {
    const planId = (await h.call('plans.save', { plan: sanfang(), by: ids['李明'] })).id;
    const r = await h.call('plans.activate', { planId, level: 'IV', by: ids['陈志强'], note: '' });
    await h.call('plans.close', { responseId: r.id, summary: '险情解除', by: ids['陈志强'] });
    expect((await h.refusal('tasks.issue', { task: order({ source: { responseId: r.id } }), by: ids['陈志强'] })).message).toMatch(/^响应.*已结束/);
    expect((await h.refusal('tasks.issue', { task: order({ source: { responseId: 'rsp_nothing00' } }), by: ids['陈志强'] })).message).toMatch(
      /^没有(此|编号为 rsp_nothing00 的预案)响应/,
    );
    expect((await h.refusal('tasks.issue', { task: order({ source: { reportId: 'rep_nothing00' } }), by: ids['陈志强'] })).message).toContain('no report');
    expect(await h.call('tasks.list', {})).toEqual([]);
  });
});

describe('flags, filters and the alarm', () => {
  it('is unacknowledged past its window and overdue past its deadline, computed at read time', async () => {
    const t = await issue({ ackWindowMin: 2, deadline: T0 + 10 * MIN });
    h.clock.now = T0 + 2 * MIN + 1;
    expect(await h.call('tasks.get', { id: t.id })).toMatchObject({ unacknowledged: true, overdue: false });
    await h.call('tasks.acknowledge', { id: t.id, by: ids['周杰'] });
    h.clock.now = T0 + 10 * MIN + 1;
    expect(await h.call('tasks.get', { id: t.id })).toMatchObject({ unacknowledged: false, overdue: true });
    await h.call('tasks.complete', { id: t.id, by: ids['周杰'], result: '已完成' });
    h.clock.now += 60 * MIN;
    expect(await h.call('tasks.get', { id: t.id })).toMatchObject({ overdue: false });
  });

  it('lists by state (open: not final), addressee and response, newest first', async () => {
    const a = await issue();
    h.clock.now += 1;
    const b = await issue({ addressee: { kind: 'street', name: '六榕街' } });
    h.clock.now += 1;
    const c = await issue({ addressee: { kind: 'department', name: '区住建局' } });
    await h.call('tasks.cancel', { id: c.id, by: ids['陈志强'], reason: '改由街道处置' });
    expect((await h.call('tasks.list', {})).map((x) => x.id)).toEqual([c.id, b.id, a.id]);
    expect((await h.call('tasks.list', { state: 'open' })).map((x) => x.id)).toEqual([b.id, a.id]);
    expect((await h.call('tasks.list', { state: 'cancelled' })).map((x) => x.id)).toEqual([c.id]);
    expect((await h.call('tasks.list', { addressee: { kind: 'street', name: '六榕街' } })).map((x) => x.id)).toEqual([b.id]);
  });

  it('pushes tasks.changed with each change, and an alarm when a task crosses its window and its deadline', async () => {
    const t = await issue({ ackWindowMin: 1, deadline: T0 + 2 * MIN });
    expect(h.events.filter((e) => e.event === 'tasks.changed').map((e) => [e.payload.change, e.payload.entry?.to])).toEqual([['issued', 'issued']]);
    const alarms = () => h.events.filter((e) => e.event === 'tasks.changed' && e.payload.change === 'alarm');
    h.clock.now = T0 + MIN + 1;
    await waitFor(() => alarms().length === 1);
    expect(alarms()[0].payload.task).toMatchObject({ id: t.id, unacknowledged: true, overdue: false });
    h.clock.now = T0 + 2 * MIN + 1;
    await waitFor(() => alarms().length === 2);
    expect(alarms()[1].payload.task).toMatchObject({ id: t.id, unacknowledged: true, overdue: true });
    // Nothing more to cross: no further alarms.
    h.clock.now += 60 * MIN;
    await new Promise((r) => setTimeout(r, 1500));
    expect(alarms()).toHaveLength(2);
  });
});

async function waitFor(ok: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
