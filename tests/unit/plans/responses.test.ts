// Live responses through the contract: activation and escalation from the duty log, checklist
// ticks, level changes, notes, overdue items, closing, and the events the wall listens to.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import { openHarness, staff, T0, type Harness } from '../duty/harness';
import { sanfang } from './fixtures';

let h: Harness;
let ids: Record<string, string>;
let planId: string;
const MIN = 60_000;

beforeEach(async () => {
  h = await openHarness();
  ids = await staff(h);
  planId = (await h.call('plans.save', { plan: sanfang(), by: ids['李明'] })).id;
});
afterEach(() => h.close());

async function floodReport(): Promise<string> {
  const r = await h.call('duty.recordReport', {
    report: { receivedAt: T0 - 10 * MIN, source: 'street', category: 'flood', street: '北京街', location: '北京路', summary: '路段积水', severity: 'high' },
    by: ids['周杰'],
  });
  return r.id;
}

describe('activation', () => {
  it('turns the level’s actions into a checklist due from activation, with a timeline', async () => {
    const r = await h.call('plans.activate', { planId, level: 'IV', by: ids['陈志强'], note: '暴雨黄色预警' });
    expect(r).toMatchObject({
      planTitle: '越秀区防汛防旱防风防冻应急预案',
      category: 'sanfang',
      level: 'IV',
      status: 'active',
      activatedAt: T0,
      activatedBy: { name: '陈志强' },
    });
    expect(r.actions).toEqual([
      expect.objectContaining({
        text: '发布三防Ⅳ级响应通知',
        unit: '区三防办',
        owner: '区三防办',
        status: 'pending',
        addedAt: T0,
        dueAt: T0 + 30 * MIN,
        overdue: false,
      }),
    ]);
    expect(r.timeline).toEqual([
      expect.objectContaining({ kind: 'activated', to: 'IV', text: '暴雨黄色预警', by: expect.objectContaining({ name: '陈志强' }) }),
    ]);
    expect((await h.call('plans.get', { id: planId })).activeResponseId).toBe(r.id);
    const e = await h.refusal('plans.activate', { planId, level: 'III', by: ids['陈志强'] });
    expect(e.message).toContain('已有正在进行的Ⅳ级（一般）响应');
    expect(e.message).toContain('already has an active Level IV (general) response');
    expect(
      (
        await h.refusal('plans.activate', {
          planId: (await h.call('plans.save', { plan: sanfang({ title: '另一个预案' }), by: ids['李明'] })).id,
          level: 'I',
          by: ids['陈志强'],
        })
      ).message,
    ).toContain('没有Ⅰ级（特别重大）响应');
  });

  it('escalates a duty report into an activation, linked both ways; the report moves to handling', async () => {
    const reportId = await floodReport();
    const r = await h.call('plans.activate', { planId, level: 'III', by: ids['陈志强'], reportId });
    expect(r.reportIds).toEqual([reportId]);
    const rep = await h.call('duty.getReport', { id: reportId });
    expect(rep).toMatchObject({ status: 'handling', responseIds: [r.id] });
    expect(rep.history.at(-1)).toMatchObject({ kind: 'escalated', from: 'new', to: 'handling', responseId: r.id, by: { name: '陈志强' } });
    expect(r.timeline.map((t) => t.kind)).toEqual(['activated', 'report']);
    const kinds = h.events.map((e) => `${e.event}:${e.payload.change}`);
    expect(kinds).toContain('plans.responseChanged:activated');
    expect(kinds).toContain('duty.logChanged:escalated');

    // A second report joins the same response.
    const second = await floodReport();
    await h.call('duty.setReportStatus', { id: second, status: 'verifying', by: ids['周杰'] });
    const linked = await h.call('plans.linkReport', { responseId: r.id, reportId: second, by: ids['周杰'] });
    expect(linked.reportIds).toEqual([reportId, second]);
    expect((await h.call('duty.getReport', { id: second })).status).toBe('handling');
    expect((await h.refusal('plans.linkReport', { responseId: r.id, reportId: second, by: ids['周杰'] })).message).toContain('already linked');
  });

  it('does not escalate a closed report, and writes nothing when refused', async () => {
    const reportId = await floodReport();
    await h.call('duty.setReportStatus', { id: reportId, status: 'verifying', by: ids['周杰'] });
    await h.call('duty.setReportStatus', { id: reportId, status: 'closed', by: ids['周杰'], note: '误报' });
    const e = await h.refusal('plans.activate', { planId, level: 'IV', by: ids['陈志强'], reportId });
    expect(e.message).toContain('is closed and cannot be escalated');
    expect(await h.call('plans.listResponses', { status: 'all' })).toEqual([]);
  });
});

describe('the checklist', () => {
  it('ticks items: status, owner, note, with start and done times, each on the timeline', async () => {
    const r = await h.call('plans.activate', { planId, level: 'III', by: ids['陈志强'] });
    const [first, second] = r.actions;
    h.clock.now = T0 + 5 * MIN;
    await h.call('plans.updateAction', { responseId: r.id, actionId: first.id, status: 'in_progress', owner: '王科长', by: ids['周杰'] });
    h.clock.now = T0 + 12 * MIN;
    const done = await h.call('plans.updateAction', { responseId: r.id, actionId: first.id, status: 'done', note: '已发布', by: ids['周杰'] });
    expect(done.actions[0]).toMatchObject({
      status: 'done',
      owner: '王科长',
      startedAt: T0 + 5 * MIN,
      doneAt: T0 + 12 * MIN,
      note: '已发布',
      updatedBy: { name: '周杰' },
    });
    expect(done.progress).toMatchObject({ total: 2, done: 1, pending: 1, inProgress: 0, na: 0 });

    const e = await h.refusal('plans.updateAction', { responseId: r.id, actionId: second.id, status: 'na', by: ids['周杰'] });
    expect(e.message).toContain('needs a note');
    const na = await h.call('plans.updateAction', { responseId: r.id, actionId: second.id, status: 'na', note: '无低洼地积水', by: ids['周杰'] });
    expect(na.progress).toMatchObject({ done: 1, na: 1, pending: 0 });
    // A tick taken back is recorded too.
    const back = await h.call('plans.updateAction', { responseId: r.id, actionId: first.id, status: 'pending', by: ids['周杰'] });
    expect(back.actions[0]).toMatchObject({ status: 'pending', startedAt: null, doneAt: null });

    const detail = await h.call('plans.getResponse', { id: r.id });
    expect(detail.timeline.filter((t) => t.kind === 'action').map((t) => [t.from, t.to, t.text])).toEqual([
      ['pending', 'in_progress', '负责：王科长'],
      ['in_progress', 'done', '已发布'],
      ['pending', 'na', '无低洼地积水'],
      ['done', 'pending', ''],
    ]);
    const pushed = h.events.filter((x) => x.event === 'plans.responseChanged' && x.payload.change === 'action');
    expect(pushed).toHaveLength(4);
    expect(pushed[1].payload.response.progress.done).toBe(1);
    expect(pushed[1].payload.entry).toMatchObject({ kind: 'action', actionId: first.id, to: 'done' });
    expect((await h.refusal('plans.updateAction', { responseId: r.id, actionId: 'act_nothere', status: 'done', by: ids['周杰'] })).message).toContain(
      'has no checklist item act_nothere',
    );
    expect((await h.refusal('plans.updateAction', { responseId: r.id, actionId: first.id, by: ids['周杰'] })).code).toBe(RpcCode.InvalidParams);
  });

  it('marks items overdue once their time limit from activation has passed, until done', async () => {
    const r = await h.call('plans.activate', { planId, level: 'III', by: ids['陈志强'] });
    h.clock.now = T0 + 31 * MIN;
    let [now] = await h.call('plans.listResponses', {});
    expect(now.actions.map((a) => a.overdue)).toEqual([true, false]);
    expect(now.progress.overdue).toBe(1);
    await h.call('plans.updateAction', { responseId: r.id, actionId: r.actions[0].id, status: 'in_progress', by: ids['周杰'] });
    h.clock.now = T0 + 121 * MIN;
    [now] = await h.call('plans.listResponses', {});
    expect(now.progress.overdue).toBe(2); // in progress past its limit is still overdue
    await h.call('plans.updateAction', { responseId: r.id, actionId: r.actions[0].id, status: 'done', by: ids['周杰'] });
    [now] = await h.call('plans.listResponses', {});
    expect(now.actions.map((a) => a.overdue)).toEqual([false, true]);
  });
});

describe('level changes and closing', () => {
  it('raises the level with a reason: the new level’s actions join, due from the change; lowering adds none twice', async () => {
    const r = await h.call('plans.activate', { planId, level: 'IV', by: ids['陈志强'] });
    h.clock.now = T0 + 60 * MIN;
    const up = await h.call('plans.changeLevel', { responseId: r.id, level: 'III', reason: '升级为橙色预警', by: ids['陈志强'] });
    expect(up.level).toBe('III');
    expect(up.actions.map((a) => [a.text, a.level, a.addedAt, a.dueAt])).toEqual([
      ['发布三防Ⅳ级响应通知', 'IV', T0, T0 + 30 * MIN],
      ['转移低洼地群众', 'III', T0 + 60 * MIN, T0 + 180 * MIN],
    ]);
    const down = await h.call('plans.changeLevel', { responseId: r.id, level: 'IV', reason: '雨势减弱', by: ids['陈志强'] });
    expect(down.actions).toHaveLength(2);
    expect((await h.refusal('plans.changeLevel', { responseId: r.id, level: 'IV', reason: '再次', by: ids['陈志强'] })).message).toContain('已是Ⅳ级（一般）');
    expect((await h.refusal('plans.changeLevel', { responseId: r.id, level: 'III', reason: '', by: ids['陈志强'] })).code).toBe(RpcCode.InvalidParams);
    const tl = (await h.call('plans.getResponse', { id: r.id })).timeline.filter((t) => t.kind === 'level');
    expect(tl.map((t) => [t.from, t.to, t.text])).toEqual([
      ['IV', 'III', '升级为橙色预警'],
      ['III', 'IV', '雨势减弱'],
    ]);
  });

  it('closes with a summary; a closed response no longer changes and frees the plan', async () => {
    const r = await h.call('plans.activate', { planId, level: 'IV', by: ids['陈志强'] });
    await h.call('plans.addNote', { responseId: r.id, text: '各街道已报平安', by: ids['周杰'] });
    h.clock.now = T0 + 3 * 60 * MIN;
    const closed = await h.call('plans.close', { responseId: r.id, summary: '降雨结束，解除Ⅳ级响应', by: ids['陈志强'] });
    expect(closed).toMatchObject({ status: 'closed', closedAt: T0 + 180 * MIN, closedBy: { name: '陈志强' }, summary: '降雨结束，解除Ⅳ级响应' });
    // Judged at its close: the item left pending was overdue then and stays so.
    expect(closed.progress.overdue).toBe(1);
    for (const [m, p] of [
      ['plans.updateAction', { responseId: r.id, actionId: r.actions[0].id, status: 'done', by: ids['周杰'] }],
      ['plans.changeLevel', { responseId: r.id, level: 'III', reason: '升级', by: ids['周杰'] }],
      ['plans.addNote', { responseId: r.id, text: '补记', by: ids['周杰'] }],
      ['plans.close', { responseId: r.id, summary: '再次关闭', by: ids['周杰'] }],
    ] as const)
      expect((await h.refusal(m, p)).message).toContain('is closed and no longer changes');
    expect((await h.call('plans.getResponse', { id: r.id })).timeline.map((t) => t.kind)).toEqual(['activated', 'note', 'closed']);
    expect(await h.call('plans.listResponses', {})).toEqual([]);
    expect((await h.call('plans.listResponses', { status: 'closed' })).map((x) => x.id)).toEqual([r.id]);
    // The plan can be activated again.
    expect((await h.call('plans.activate', { planId, level: 'IV', by: ids['陈志强'] })).status).toBe('active');
  });
});
