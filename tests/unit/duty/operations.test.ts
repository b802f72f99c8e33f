// Duty for operations (issue 17): a confirmed handover puts the incoming officer on duty (the wall's
// duty slot follows the roster event), a handover carries active responses with their overdue
// actions and the warnings in force, the printed shift report (PDF) holds each report's handling
// history, the responses and page numbers, and duty's refusals are said in both languages.
import { describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import { HandoverService, sourceItems, type DutySources } from '../../../src-main/core/duty/handover';
import { shiftReportModel, writeShiftReportPdf } from '../../../src-main/core/duty/shift-report';
import { responsesDuring } from '../../../src-main/core/plans/responses';
import { pdfText } from '../../support/pdf-text';
import { sanfang } from '../plans/fixtures';
import { capXml } from '../warnings/cap-fixture';
import { eachDutyRoom, floodReport as report, H, T0, type Harness } from './harness';

let h: Harness;
let ids: Record<string, string>;
eachDutyRoom((hh, ii) => ((h = hh), (ids = ii)));

/** What app.ts hands duty, built here from the same core's plans and warnings (read-only). */
const sourcesOf = (hh: Harness): DutySources => ({
  responses: (from, to, asOf) => responsesDuring(hh.core.store, from, to, asOf),
  warnings: async () => (await hh.call('warnings.get')).active,
  centreName: async () => (await hh.call('centre.get')).name,
});

/** A flood report escalated into the 三防 plan at Ⅲ: two actions, due in 30 and 120 minutes. */
async function escalated(): Promise<{ reportId: string; responseId: string }> {
  const r = await h.call('duty.recordReport', { report: report(), by: ids['周杰'] });
  const plan = await h.call('plans.save', { plan: sanfang(), by: ids['陈志强'] });
  const rsp = await h.call('plans.activate', { planId: plan.id, level: 'III', reportId: r.id, note: '', by: ids['陈志强'] });
  return { reportId: r.id, responseId: rsp.id };
}

describe('a confirmed handover', () => {
  it('puts the incoming officer on duty at once, and the roster event carries it to the wall', async () => {
    // 周杰 is on 11:00–20:00 by the roster; 吴婷 starts at 20:00. They hand over early, at 19:30.
    await h.call('duty.changeShifts', {
      put: [
        { personId: ids['周杰'], start: T0 + H, end: T0 + 10 * H },
        { personId: ids['吴婷'], start: T0 + 10 * H, end: T0 + 22 * H },
        { personId: ids['陈志强'], start: T0 + H, end: T0 + 22 * H },
      ],
      by: ids['李明'],
    });
    h.clock.now = T0 + 9.5 * H;
    const before = await h.call('duty.getOnDuty', {});
    expect(before.current.filter((s) => s.role === 'officer').map((s) => s.person.name)).toEqual(['周杰']);
    const ho = await h.call('duty.handOver', { outgoingId: ids['周杰'], incomingId: ids['吴婷'] });
    // Handed over but not confirmed: the outgoing officer stays on duty.
    expect((await h.call('duty.getOnDuty', {})).current.filter((s) => s.role === 'officer').map((s) => s.person.name)).toEqual(['周杰']);

    h.clock.now += 5 * 60_000;
    const heard = h.events.length;
    await h.call('duty.confirmHandover', { id: ho.id, by: ids['吴婷'] });
    const pushed = h.events.slice(heard).find((e) => e.event === 'duty.rosterChanged');
    expect(pushed?.payload.reason).toBe('handover');
    const officers = (pushed?.payload.onDuty.current as { role: string; person: { name: string } }[]).filter((s) => s.role === 'officer');
    expect(officers.map((s) => s.person.name)).toEqual(['吴婷']);
    expect((await h.call('duty.getOnDuty', {})).current.map((s) => s.person.name).sort()).toEqual(['吴婷', '陈志强'].sort());
    // The roster itself is unchanged: the handover decides who is on duty, not the shifts' times.
    expect((await h.call('duty.getRoster', { period: { kind: 'range', from: T0, to: T0 + 24 * H } })).shifts).toHaveLength(3);
  });

  it('with no shift of the incoming officer, puts them in the outgoing shift’s place', async () => {
    await h.call('duty.changeShifts', { put: [{ personId: ids['周杰'], start: T0 + H, end: T0 + 10 * H }], by: ids['李明'] });
    h.clock.now = T0 + 2 * H;
    const ho = await h.call('duty.handOver', { outgoingId: ids['周杰'], incomingId: ids['吴婷'] });
    await h.call('duty.confirmHandover', { id: ho.id, by: ids['吴婷'] });
    const now = await h.call('duty.getOnDuty', {});
    expect(now.current.map((s) => [s.person.name, s.start, s.end])).toEqual([['吴婷', T0 + 2 * H, T0 + 10 * H]]);
  });
});

describe('a handover carries', () => {
  it('active responses with their overdue actions and the warnings in force, in the draft and in the record', async () => {
    const { reportId } = await escalated();
    await h.call('warnings.importCap', { xml: capXml({ identifier: 'R1', event: '暴雨橙色预警信号' }), fileName: 'r1.xml' });
    h.clock.now = T0 + 45 * 60_000; // the 30-minute action is overdue, the 120-minute one is not
    const service = new HandoverService(h.core.store, h.core.bus, () => h.clock.now, sourcesOf(h));
    const draft = await service.draft(ids['周杰']);
    const response = draft.openItems.find((i) => i.kind === 'response');
    expect(response?.text).toBe('越秀区防汛防旱防风防冻应急预案 Ⅲ级（较大）响应中，1 项行动逾期');
    expect(response?.details).toEqual(['逾期：发布三防Ⅳ级响应通知（应于 2025-06-10 10:30 前完成，区三防办）']);
    const warning = draft.openItems.find((i) => i.kind === 'warning');
    expect(warning?.text).toBe('生效预警：暴雨橙色预警信号');
    expect(draft.openItems.find((i) => i.kind === 'report')?.reportId).toBe(reportId);

    // Handed over through the API with those items: the record keeps them as they were.
    const ho = await h.call('duty.handOver', { outgoingId: ids['周杰'], incomingId: ids['吴婷'], openItems: draft.openItems });
    expect(ho.openItems.map((i) => i.kind)).toEqual(['response', 'warning', 'report']);
    expect((await h.call('duty.listHandovers', {}))[0].openItems[0].details).toEqual(response?.details);

    // A closed response and a cancelled warning are no longer carried.
    await h.call('plans.close', { responseId: response!.responseId!, summary: '处置完毕', by: ids['陈志强'] });
    await h.call('warnings.cancel', { id: warning!.warningId!, reason: '已解除' });
    expect((await sourceItems(sourcesOf(h), h.clock.now)).map((i) => i.kind)).toEqual([]);
  });
});

describe('the printed shift report', () => {
  it('is a PDF with each report’s handling history, the responses with their actions, page numbers and signatures', async () => {
    const { reportId } = await escalated();
    await h.call('warnings.importCap', { xml: capXml({ identifier: 'R1', event: '暴雨橙色预警信号' }), fileName: 'r1.xml' });
    h.clock.now = T0 + 20 * 60_000;
    await h.call('duty.setReportStatus', { id: reportId, status: 'closed', note: '积水已排除', by: ids['吴婷'] });
    // Enough reports to need a second page.
    for (let i = 0; i < 30; i++)
      await h.call('duty.recordReport', { report: report({ summary: `第${i + 1}起：路灯损坏`, category: 'other' }), by: ids['周杰'] });

    const model = await shiftReportModel(h.core.store, sourcesOf(h), T0 - 2 * H, T0 + 6 * H, h.clock.now);
    expect(model.reports[0].history).toEqual([
      '2025-06-10 10:00  周杰  登记接报',
      '2025-06-10 10:00  陈志强  启动预案响应 越秀区防汛防旱防风防冻应急预案 Ⅲ级（较大）',
      '2025-06-10 10:20  吴婷  状态 处置中 → 已办结（积水已排除）',
    ]);
    expect(model.responses[0].actions[1]).toMatch(/^待办 {2}转移低洼地群众 {2}各街道办事处 {2}时限 2025-06-10 12:00/);
    expect(model.warnings[0]).toMatch(/^暴雨橙色预警信号/);

    const text = pdfText(await writeShiftReportPdf(model)).replaceAll('|', '');
    for (const line of [...model.reports[0].history, model.responses[0].heading, '第 1 页 共 2 页', '第 2 页 共 2 页', '交班人（签名）', '暴雨橙色预警信号'])
      expect(text).toContain(line);
  });

  it('comes over the API as a PDF download, history and page numbers included', async () => {
    const r = await h.call('duty.recordReport', { report: report(), by: ids['周杰'] });
    await h.call('duty.setReportStatus', { id: r.id, status: 'verifying', note: '', by: ids['周杰'] });
    const file = await h.call('duty.exportShiftReport', { from: T0 - 2 * H, to: T0 + 6 * H });
    expect(file).toMatchObject({ fileName: '交接班报告-20250610-0800.pdf', mediaType: 'application/pdf', rows: 1 });
    const text = pdfText(Buffer.from(file.base64, 'base64')).replaceAll('|', '');
    expect(text).toContain('2025-06-10 10:00  周杰  状态 新接报 → 核实中');
    expect(text).toContain('第 1 页 共');
    const wrong = await h.refusal('duty.exportShiftReport', { from: T0, to: T0 - H });
    expect(wrong.code).toBe(RpcCode.InvalidParams);
  });
});

describe('duty and plans refusals', () => {
  it('are said in both languages, naming what is wrong', async () => {
    const ho = await h.call('duty.handOver', { outgoingId: ids['周杰'], incomingId: ids['吴婷'] });
    const refused = await h.refusal('duty.confirmHandover', { id: ho.id, by: ids['李明'] });
    expect(refused.code).toBe(RpcCode.Refused);
    expect(refused.data).toMatchObject({
      field: 'by',
      text: { zh: '只有接班人 吴婷 能确认这次交接班（李明 不能）', en: 'only 吴婷, to whom it was handed, can confirm this handover (not 李明)' },
    });
    const plan = await h.call('plans.save', { plan: sanfang(), by: ids['陈志强'] });
    await h.call('plans.activate', { planId: plan.id, level: 'IV', note: '', by: ids['陈志强'] });
    const twice = await h.refusal('plans.activate', { planId: plan.id, level: 'III', note: '', by: ids['陈志强'] });
    expect((twice.data as { text: { zh: string } }).text.zh).toContain('已有正在进行的Ⅳ级（一般）响应');
    expect(twice.message).not.toMatch(/rsp_/);
  });
});
