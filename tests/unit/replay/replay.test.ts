// Replay (复盘) through the contract, on the real core and store: the district at a moment equals
// what the live lists showed at that moment (a snapshot taken then, compared after many more
// changes), the significant-events board merged newest first with who/what/where/ids, and the
// after-action report as .docx (read back with yauzl) holding the figures.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Place } from '@contract/materials';
import type { ReplayState } from '@contract/replay';
import { openHarness, staff, T0, type Harness } from '../duty/harness';
import { sanfang } from '../plans/fixtures';
import { capXml } from '../warnings/cap-fixture';
import { documentXml } from '../../support/docx-text';

let h: Harness;
let ids: Record<string, string>;
const MIN = 60_000;
const SCENE = { lat: 23.125, lng: 113.268 };

beforeEach(async () => {
  h = await openHarness();
  ids = await staff(h);
});
afterEach(() => h.close());

/** An incident run: a 防汛 report escalated into a response, a task to 北京街, a team dispatched, stock moved, a warning, a 首报. */
async function incident() {
  const team = await h.call('map.saveObject', {
    object: {
      kind: 'team',
      name: '区排水抢险队',
      street: '北京街',
      position: { lat: 23.129, lng: 113.264 },
      people: 20,
      professional: true,
      equipment: '排水泵',
      contact: '020-1',
    },
  });
  await vi.waitFor(async () => expect((await h.call('teams.list')).teams.map((t) => t.id)).toContain(team.id));
  const depotObj = await h.call('map.saveObject', {
    object: { kind: 'warehouse', name: '区储备仓库', street: '洪桥街', position: { lat: 23.13, lng: 113.27 }, stock: [] },
  });
  const depot: Place = { kind: 'warehouse', id: depotObj.id };
  const point: Place = { kind: 'street', street: '北京街' };
  await h.call('materials.move', { movement: { kind: 'in', to: depot, item: '沙包', unit: '袋', quantity: 500, reason: '入库' }, by: ids['周杰'] });
  const report = await h.call('duty.recordReport', {
    report: {
      receivedAt: T0,
      source: 'street',
      category: 'flood',
      street: '北京街',
      location: '北京路低洼处',
      coordinates: SCENE,
      summary: '暴雨致北京路低洼处积水',
      severity: 'high',
    },
    by: ids['周杰'],
  });
  const planId = (await h.call('plans.save', { plan: sanfang(), by: ids['李明'] })).id;
  h.clock.now += MIN;
  const response = await h.call('plans.activate', { planId, level: 'IV', by: ids['陈志强'], reportId: report.id });
  await h.call('warnings.importCap', { xml: capXml({ identifier: 'R1', event: '暴雨黄色预警信号' }) });
  h.clock.now += MIN;
  const task = await h.call('tasks.issue', {
    task: {
      title: '疏散北京路低洼点群众',
      content: '转移群众',
      priority: 'urgent',
      addressee: { kind: 'street', name: '北京街' },
      deadline: T0 + 60 * MIN,
      position: SCENE,
      source: { responseId: response.id },
    },
    by: ids['陈志强'],
  });
  const sortie = await h.call('teams.dispatch', {
    teamId: team.id,
    task: { title: '北京路排涝', content: '携泵排涝', priority: 'urgent', deadline: T0 + 90 * MIN, position: SCENE, source: { responseId: response.id } },
    by: ids['陈志强'],
  });
  h.clock.now += 3 * MIN;
  await h.call('tasks.acknowledge', { id: task.id, by: ids['周杰'] });
  await h.call('materials.move', {
    movement: { kind: 'transfer', from: depot, to: point, item: '沙包', unit: '袋', quantity: 120, reason: '抢险调拨', taskId: task.id },
    by: ids['周杰'],
  });
  h.clock.now += 7 * MIN;
  await h.call('teams.changeStatus', { id: team.id, status: 'on_scene', by: ids['周杰'], position: SCENE });
  await h.call('reporting.submit', {
    reportId: report.id,
    filing: {
      kind: 'first',
      figures: { deaths: 0, injured: 1, missing: 0, trapped: 3, evacuated: 40, resettled: 10, households: 8, lossWan: 12 },
      signer: '陈志强',
    },
    by: ids['周杰'],
  });
  return { team: team.id, depot, point, report: report.id, response: response.id, task: task.id, teamTask: sortie.task.id };
}

describe('the district at a moment', () => {
  it('getAt(a past moment) equals the snapshot the live lists gave at that moment, after many more changes', async () => {
    const x = await incident();
    h.clock.now += MIN;
    const moment = h.clock.now;
    const snapshot = await h.call('replay.getAt', { at: moment });

    // The snapshot is what the live lists show now, field by field.
    const live = {
      tasks: await h.call('tasks.list', { limit: 500 }),
      teams: (await h.call('teams.list')).teams,
      reports: (await h.call('duty.listReports', { status: ['new', 'verifying', 'handling'] })).reports,
      responses: await h.call('plans.listResponses', { status: 'active' }),
      stock: await h.call('materials.listStock', {}),
      warnings: (await h.call('warnings.get')).active,
    };
    expect(snapshot.tasks.map((t) => [t.id, t.state, t.unacknowledged, t.overdue])).toEqual(
      live.tasks.map((t) => [t.id, t.state, t.unacknowledged, t.overdue]),
    );
    expect(snapshot.teams).toEqual(live.teams.map(({ address: _a, equipment: _e, contact: _c, demo: _d, ...state }) => state));
    expect(snapshot.reports.map((r) => [r.id, r.status])).toEqual(live.reports.map((r) => [r.id, r.status]));
    expect(snapshot.responses.map((r) => [r.id, r.level, r.actions.total, r.actions.overdue])).toEqual(
      live.responses.map((r) => [r.id, r.level, r.progress.total, r.progress.overdue]),
    );
    const qty = (s: { item: string; quantity: number }[]) =>
      s
        .filter((l) => l.item === '沙包')
        .map((l) => l.quantity)
        .sort();
    expect(qty(snapshot.stock)).toEqual(qty(live.stock));
    expect(snapshot.warnings.map((w) => [w.id, w.level])).toEqual(live.warnings.map((w) => [w.id, w.level]));
    expect(snapshot.tasks.find((t) => t.id === x.task)).toMatchObject({ state: 'received', overdue: false });
    expect(snapshot.teams.find((t) => t.id === x.team)).toMatchObject({ status: 'on_scene', taskId: x.teamTask, position: SCENE });
    expect(snapshot.stock).toEqual(
      expect.arrayContaining([
        { place: '区储备仓库', item: '沙包', unit: '袋', quantity: 380 },
        { place: '北京街物资储备点', item: '沙包', unit: '袋', quantity: 120 },
      ]),
    );

    // Much more happens afterwards.
    h.clock.now += 30 * MIN;
    await h.call('tasks.complete', { id: x.task, by: ids['周杰'], result: '转移 40 人' });
    await h.call('tasks.acknowledge', { id: x.teamTask, by: ids['周杰'] });
    await h.call('tasks.complete', { id: x.teamTask, by: ids['周杰'], result: '排涝完毕' });
    await vi.waitFor(async () => expect((await h.call('teams.get', { id: x.team })).status).toBe('returning'));
    await h.call('materials.move', { movement: { kind: 'out', from: x.point, item: '沙包', unit: '袋', quantity: 100, reason: '封堵' }, by: ids['周杰'] });
    await h.call('plans.changeLevel', { responseId: x.response, level: 'III', reason: '积水上涨', by: ids['陈志强'] });
    const warning = (await h.call('warnings.get')).active[0];
    await h.call('warnings.cancel', { id: warning.id, reason: '雨停' });
    h.clock.now += 120 * MIN;
    await h.call('plans.close', { responseId: x.response, summary: '处置完毕', by: ids['陈志强'] });
    await h.call('duty.setReportStatus', { id: x.report, status: 'closed', by: ids['周杰'] });

    const later: ReplayState = await h.call('replay.getAt', { at: moment });
    expect(later).toEqual(snapshot);
    // And now: nothing open, the task done, the stock moved on.
    const now = await h.call('replay.getAt', { at: h.clock.now });
    expect(now.responses).toEqual([]);
    expect(now.reports).toEqual([]);
    expect(now.warnings).toEqual([]);
    expect(now.tasks.find((t) => t.id === x.task)?.state).toBe('done');
    expect(now.stock).toEqual(expect.arrayContaining([{ place: '北京街物资储备点', item: '沙包', unit: '袋', quantity: 20 }]));
    // A millisecond before the response, none of it.
    const before = await h.call('replay.getAt', { at: T0 - 1 });
    expect([before.tasks, before.responses, before.reports]).toEqual([[], [], []]);
  });
});

describe('the significant-events board', () => {
  it('merges every source newest first, with who, what, where and the ids; total counts the window, limit cuts it', async () => {
    const x = await incident();
    const { events, total } = await h.call('replay.listEvents', { from: T0 - MIN, limit: 100 });
    expect(total).toBe(events.length);
    expect(events.map((e) => e.at)).toEqual([...events.map((e) => e.at)].sort((a, b) => b - a));
    const kinds = new Set(events.map((e) => e.kind));
    for (const k of [
      'report.received',
      'response.activated',
      'task.issued',
      'task.acknowledged',
      'team.dispatched',
      'team.arrived',
      'material.dispatched',
      'filing.submitted',
      'warning.issued',
    ])
      expect(kinds, k).toContain(k);
    expect(events.find((e) => e.kind === 'task.acknowledged')).toMatchObject({
      who: '周杰',
      street: '北京街',
      position: SCENE,
      links: { taskId: x.task, responseId: x.response },
    });
    expect(events.find((e) => e.kind === 'report.received')).toMatchObject({ street: '北京街', links: { reportId: x.report } });
    expect(events.find((e) => e.kind === 'team.arrived')).toMatchObject({ links: { teamId: x.team }, position: SCENE });
    const cut = await h.call('replay.listEvents', { from: T0 - MIN, limit: 3 });
    expect(cut.events).toEqual(events.slice(0, 3));
    expect(cut.total).toBe(total);
    // A task past its deadline unfinished is an event at its deadline.
    h.clock.now = T0 + 61 * MIN;
    const late = await h.call('replay.listEvents', { from: T0 + 59 * MIN, limit: 10 });
    expect(late.events.map((e) => [e.kind, e.at, e.links.taskId])).toEqual([['task.overdue', T0 + 60 * MIN, x.task]]);
    expect((await h.refusal('replay.listEvents', { from: T0, to: T0 - 1 })).message).toContain('to');
  });
});

describe('the after-action report', () => {
  it('is a .docx whose text holds the times to acknowledge, to arrive, the materials and whether each report met its deadline', async () => {
    const x = await incident();
    const file = await h.call('replay.exportReport', { responseId: x.response });
    expect(file.fileName).toMatch(/^突发事件应急处置复盘报告-越秀区防汛防旱防风防冻应急预案-20250610\.docx$/);
    const xml = await documentXml(Buffer.from(file.base64, 'base64'));
    const text = [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    // The street's task: issued at T0+2, acknowledged at T0+5 → 3 minutes; not finished.
    expect(text).toContain('疏散北京路低洼点群众|北京街|已接收|2025-06-10 10:02|3|—');
    // The team: dispatched at T0+2, on scene at T0+12 → 10 minutes.
    expect(text).toContain('区排水抢险队|2025-06-10 10:02|2025-06-10 10:12|10');
    expect(text).toContain('沙包|120袋|区储备仓库|北京街物资储备点');
    // 首报 at T0+12, due an hour after T0 (较大 and above: 60 min in writing) → on time.
    expect(text).toContain('首报|2025-06-10 10:12|2025-06-10 11:00|按时');
    expect(text).toContain('平均接收用时 3.0 分钟');
    expect(text).toContain('平均到达用时 10.0 分钟');
    expect((await h.refusal('replay.exportReport', { responseId: 'rsp_nothing00' })).message).toMatch(/^没有此响应/);
  });
});
