// Information reporting (信息报送) through the contract, on the real core and store: 首报 → 续报 → 终报
// kept as versions, the refusals (order, figures named in Chinese first, a street's own incidents),
// every version in the report's history and on its response's timeline, the clock computed against
// the server clock with the configurable deadlines, the alarm pushed on crossing a due time, and the
// written report as .docx (read back with yauzl) and PDF.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReportInput } from '@contract/duty';
import { mayHear } from '@contract/dispatch';
import { RpcCode } from '@contract/errors';
import type { FilingInput } from '@contract/reporting';
import { openHarness, staff, T0, type Harness } from '../duty/harness';
import { sanfang } from '../plans/fixtures';
import { docText, documentXml } from '../../support/docx-text';
import { pdfText } from '../../support/pdf-text';

let h: Harness;
let ids: Record<string, string>;
const MIN = 60_000;

beforeEach(async () => {
  h = await openHarness();
  ids = await staff(h);
});
afterEach(() => h.close());

const incident = (over: Partial<ReportInput> = {}): ReportInput => ({
  receivedAt: T0 - 10 * MIN,
  source: 'street',
  category: 'flood',
  street: '北京街',
  location: '北京路与大南路交界低洼处',
  coordinates: { lat: 23.125, lng: 113.268 },
  summary: '暴雨致北京路低洼处积水约60厘米，有群众被困',
  severity: 'high',
  ...over,
});

const filing = (over: Partial<FilingInput> = {}): FilingInput => ({
  kind: 'first',
  figures: { deaths: 0, injured: 2, missing: 1, trapped: 7, evacuated: 135, resettled: 48, households: 23, lossWan: 86.5 },
  cause: '短时强降雨，排水管网超负荷',
  measures: '已组织消防、街道干部转移群众，设置临时安置点',
  text: '积水仍在上涨',
  signer: '陈志强',
  ...over,
});

async function record(over: Partial<ReportInput> = {}) {
  return h.call('duty.recordReport', { report: incident(over), by: ids['周杰'] });
}

const submit = (reportId: string, over: Partial<FilingInput> = {}) => h.call('reporting.submit', { reportId, filing: filing(over), by: ids['周杰'] });

describe('versions', () => {
  it('keeps 首报, 续报 and 终报 as versions, each with its figures, who and when; nothing after the 终报', async () => {
    const r = await record();
    await submit(r.id);
    h.clock.now += 30 * MIN;
    await submit(r.id, { kind: 'followup', figures: { ...filing().figures, injured: 3, trapped: 0 } });
    h.clock.now += 30 * MIN;
    await submit(r.id, { kind: 'followup', figures: { ...filing().figures, injured: 3, trapped: 0, evacuated: 160 } });
    h.clock.now += 60 * MIN;
    const done = await h.call('reporting.submit', {
      reportId: r.id,
      filing: filing({ kind: 'final', level: 'large', figures: { ...filing().figures, injured: 3, trapped: 0, evacuated: 160, lossWan: 120 } }),
      by: ids['陈志强'],
    });
    expect(done.versions.map((v) => [v.seq, v.kind, v.followUpNo, v.figures.injured, v.figures.evacuated, v.by.name, v.submittedAt])).toEqual([
      [1, 'first', 0, 2, 135, '周杰', T0],
      [2, 'followup', 1, 3, 135, '周杰', T0 + 30 * MIN],
      [3, 'followup', 2, 3, 160, '周杰', T0 + 60 * MIN],
      [4, 'final', 0, 3, 160, '陈志强', T0 + 120 * MIN],
    ]);
    // The class comes from the category, the level from the severity until a version says otherwise.
    expect(done.versions.map((v) => `${v.eventClass}:${v.level}`)).toEqual(['natural:major', 'natural:major', 'natural:major', 'natural:large']);
    expect(done.versions[0]).toMatchObject({ cause: '短时强降雨，排水管网超负荷', unit: '越秀区应急管理局', signer: '陈志强', peer: 'test' });
    expect(done.clock).toMatchObject({ stage: 'done', dueAt: null, overdue: false, finalAt: T0 + 120 * MIN, versions: 4 });

    const after = await h.refusal('reporting.submit', { reportId: r.id, filing: filing({ kind: 'followup' }), by: ids['周杰'] });
    expect(after.code).toBe(RpcCode.Refused);
    expect(after.message).toMatch(/^该事件已于终报后结束报送/);
    // Kept as submitted: nothing was overwritten.
    expect((await h.call('reporting.get', { reportId: r.id })).versions).toEqual(done.versions);
  });

  it('refuses a 续报 before the 首报 and a second 首报', async () => {
    const r = await record();
    expect((await h.refusal('reporting.submit', { reportId: r.id, filing: filing({ kind: 'followup' }), by: ids['周杰'] })).message).toMatch(/^该事件尚无首报/);
    expect((await h.refusal('reporting.submit', { reportId: r.id, filing: filing({ kind: 'final' }), by: ids['周杰'] })).message).toMatch(/^该事件尚无首报/);
    await submit(r.id);
    expect((await h.refusal('reporting.submit', { reportId: r.id, filing: filing(), by: ids['周杰'] })).message).toMatch(/^该事件已有首报/);
    expect((await h.refusal('reporting.submit', { reportId: 'rep_nothing00', filing: filing(), by: ids['周杰'] })).message).toContain('no report');
  });

  it('refuses a negative, fractional or missing figure, naming the field in Chinese first', async () => {
    const r = await record();
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ deaths: -1 }, 'deaths', /死亡人数不能为负数/],
      [{ injured: 1.5 }, 'injured', /受伤人数须为整数/],
      [{ lossWan: -0.1 }, 'lossWan', /直接经济损失不能为负数/],
      [{ households: '3' }, 'households', /受灾户数须为数字/],
    ];
    for (const [bad, field, message] of cases) {
      const e = await h.refusal('reporting.submit', { reportId: r.id, filing: { ...filing(), figures: { ...filing().figures, ...bad } }, by: ids['周杰'] });
      expect(e.code, field).toBe(RpcCode.InvalidParams);
      expect(e.message, field).toContain(`filing.figures.${field}`);
      expect(e.message, field).toMatch(message);
    }
    const { figures: _, ...noFigures } = filing();
    expect((await h.refusal('reporting.submit', { reportId: r.id, filing: noFigures, by: ids['周杰'] })).message).toContain('filing.figures');
    expect((await h.refusal('reporting.submit', { reportId: r.id, filing: filing({ signer: ' ' }), by: ids['周杰'] })).message).toMatch(/请填写签发人/);
    expect((await h.call('reporting.get', { reportId: r.id })).versions).toEqual([]);
  });

  it('lets a street report only its own street’s incidents', async () => {
    const r = await record({ street: '六榕街' });
    const person = (name: string, unit: string) => h.call('duty.savePerson', { person: { name, role: 'officer', unit, phone: '13900000000' } });
    const beijing = (await person('黄敏', '北京街道办事处')).id;
    const liurong = (await person('何伟', '六榕街道办事处')).id;
    const e = await h
      .call('reporting.submit', { reportId: r.id, filing: filing(), by: beijing }, { street: '北京街', rights: new Set(['read', 'duty.report']) })
      .catch((x) => x);
    expect(e.code).toBe(RpcCode.Forbidden);
    expect(e.message).toMatch(/^该事件属六榕街，北京街不能报送/);
    const wall = await h.call('reporting.submit', { reportId: r.id, filing: filing(), by: ids['周杰'] }, { rights: new Set(['read']) }).catch((x) => x);
    expect(wall.data).toEqual({ right: 'duty.report' });
    const own = await h.call(
      'reporting.submit',
      { reportId: r.id, filing: filing(), by: liurong },
      { street: '六榕街', rights: new Set(['read', 'duty.report']) },
    );
    expect(own.versions).toHaveLength(1);
  });
});

describe('the incident timeline', () => {
  it('writes every version in the report’s history and on the timeline of the response it was escalated into', async () => {
    const r = await record();
    const planId = (await h.call('plans.save', { plan: sanfang(), by: ids['李明'] })).id;
    const response = await h.call('plans.activate', { planId, level: 'IV', reportId: r.id, by: ids['陈志强'], note: '' });
    await submit(r.id);
    h.clock.now += 20 * MIN;
    await submit(r.id, { kind: 'followup', figures: { ...filing().figures, evacuated: 160 } });
    const history = (await h.call('duty.getReport', { id: r.id })).history.filter((e) => e.kind === 'filed');
    expect(history.map((e) => [e.by.name, e.at, e.note])).toEqual([
      ['周杰', T0, expect.stringMatching(/^信息报送·首报（自然灾害·重大）：死亡0人、受伤2人、失踪1人/)],
      ['周杰', T0 + 20 * MIN, expect.stringMatching(/^信息报送·续报一（自然灾害·重大）：死亡0人、受伤2人/)],
    ]);
    expect(history[1].note).toContain('转移疏散160人');
    expect(history[1].note).toContain('直接经济损失86.5万元');
    const timeline = (await h.call('plans.getResponse', { id: response.id })).timeline.filter((e) => e.kind === 'note');
    expect(timeline.map((e) => e.text)).toEqual([expect.stringContaining('信息报送·首报'), expect.stringContaining('信息报送·续报一')]);
    expect(h.events.filter((e) => e.event === 'plans.responseChanged' && e.payload.entry?.kind === 'note')).toHaveLength(2);
  });
});

describe('the clock', () => {
  it('is due from the deadlines of its class and level, computed against the server clock', async () => {
    const r = await record({ receivedAt: T0 - 10 * MIN }); // flood, high: 自然灾害·重大 → 首报 in 60 min
    let c = (await h.call('reporting.get', { reportId: r.id })).clock!;
    expect(c).toMatchObject({
      eventClass: 'natural',
      level: 'major',
      stage: 'first',
      dueKind: 'first',
      phoneDueAt: T0 + 20 * MIN,
      firstDueAt: T0 + 50 * MIN,
      dueAt: T0 + 50 * MIN,
      overdue: false,
      asOf: T0,
    });
    h.clock.now = T0 + 50 * MIN + 1;
    expect((await h.call('reporting.get', { reportId: r.id })).clock).toMatchObject({ overdue: true });
    expect((await h.call('reporting.listClocks', {})).clocks.map((x) => [x.reportId, x.overdue])).toEqual([[r.id, true]]);
    await submit(r.id); // late, but in: a 续报 is due 120 min (重大) after it, the 终报 at 120 h
    c = (await h.call('reporting.get', { reportId: r.id })).clock!;
    expect(c).toMatchObject({ stage: 'followup', firstAt: T0 + 50 * MIN + 1, dueKind: 'followup', dueAt: T0 + 170 * MIN + 1, overdue: false });
    expect(c.finalDueAt).toBe(T0 - 10 * MIN + 120 * 60 * MIN);
    // A low-severity report that nobody escalated needs no clock; one with a version has one.
    const minor = await record({ severity: 'low', summary: '井盖松动' });
    expect((await h.call('reporting.get', { reportId: minor.id })).clock).toBeNull();
    expect((await h.call('reporting.listClocks', {})).clocks.map((x) => x.reportId)).toEqual([r.id]);
    // A street centre's wall counts down its own street's reports only.
    expect((await h.call('reporting.listClocks', {}, { street: '北京街' })).clocks.map((x) => x.reportId)).toEqual([r.id]);
    expect((await h.call('reporting.listClocks', {}, { street: '六榕街' })).clocks).toEqual([]);
  });

  it('takes configured deadlines, and a reset brings the default back', async () => {
    const table = await h.call('reporting.getDeadlines', {});
    expect(table.rules).toHaveLength(16);
    expect(table.rules.find((x) => x.eventClass === 'accident' && x.level === 'general')).toMatchObject({ phoneMin: 30, firstMin: 60, isDefault: true });
    expect(table.sources.join()).toContain('30分钟内电话报告、1小时内书面报告');
    const r = await record({ category: 'fire', severity: 'critical' }); // 事故灾难·特别重大
    const rule = { eventClass: 'accident', level: 'extraordinary', phoneMin: 15, firstMin: 30, followUpMin: 60, finalHours: 72 } as const;
    const saved = await h.call('reporting.saveDeadlines', { rules: [rule], by: ids['陈志强'] });
    expect(saved.rules.find((x) => x.eventClass === 'accident' && x.level === 'extraordinary')).toEqual({ ...rule, isDefault: false });
    expect((await h.call('reporting.get', { reportId: r.id })).clock).toMatchObject({ firstDueAt: T0 + 20 * MIN, finalDueAt: T0 - 10 * MIN + 72 * 60 * MIN });
    expect(h.events.some((e) => e.event === 'reporting.changed' && e.payload.change === 'deadlines')).toBe(true);
    const bad = await h.refusal('reporting.saveDeadlines', { rules: [{ ...rule, phoneMin: 45 }], by: ids['陈志强'] });
    expect(bad.code).toBe(RpcCode.InvalidParams);
    expect(bad.message).toMatch(/电话报告时限不能晚于书面首报时限/);
    await h.call('reporting.saveDeadlines', { reset: [{ eventClass: 'accident', level: 'extraordinary' }], by: ids['陈志强'] });
    expect((await h.call('reporting.get', { reportId: r.id })).clock).toMatchObject({ firstDueAt: T0 + 50 * MIN });
  });

  it('pushes reporting.changed (alarm) when a report crosses its due time, once', async () => {
    const r = await record();
    await new Promise((res) => setTimeout(res, 1100));
    expect(h.events.filter((e) => e.event === 'reporting.changed' && e.payload.change === 'alarm')).toEqual([]);
    h.clock.now = T0 + 51 * MIN;
    await new Promise((res) => setTimeout(res, 2200));
    const alarms = h.events.filter((e) => e.event === 'reporting.changed' && e.payload.change === 'alarm');
    expect(alarms).toHaveLength(1);
    expect(alarms[0].payload).toMatchObject({ reportId: r.id, clock: { overdue: true, dueKind: 'first' } });
    // Heard by the district and by the report's own street, not by another street's machine.
    const read = new Set(['read'] as const);
    expect(mayHear('reporting.changed', alarms[0].payload, { rights: read })).toBe(true);
    expect(mayHear('reporting.changed', alarms[0].payload, { rights: read, street: '北京街' })).toBe(true);
    expect(mayHear('reporting.changed', alarms[0].payload, { rights: read, street: '六榕街' })).toBe(false);
  });
});

describe('the written report', () => {
  it('is a .docx in the standard layout holding the figures entered', async () => {
    const r = await record();
    await submit(r.id);
    h.clock.now += 30 * MIN;
    await submit(r.id, {
      kind: 'followup',
      figures: { deaths: 1, injured: 4, missing: 0, trapped: 0, evacuated: 212, resettled: 57, households: 31, lossWan: 93.25 },
    });
    const file = await h.call('reporting.exportDocx', { reportId: r.id });
    expect(file.fileName).toBe('突发事件信息报告-北京街-续报一-20250610.docx');
    expect(file.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const text = docText(await documentXml(Buffer.from(file.base64, 'base64')));
    for (const s of [
      '突发事件信息报告',
      '（续报一）',
      '报送单位：越秀区应急管理局',
      '时间：2025年6月10日 10:30',
      '签发人：陈志强',
      '一、事件概况',
      '二、事件原因',
      '三、已采取措施',
    ])
      expect(text).toContain(s);
    // The figures table: label | value | unit, in order.
    expect(text).toContain('死亡|1|人|受伤|4|人|失踪|0|人|被困|0|人|转移疏散|212|人|安置|57|人|受灾户数|31|户|直接经济损失|93.25|万元');
    expect(text).toContain('短时强降雨，排水管网超负荷');
    // An earlier version on request: the 首报's figures.
    const first = docText(await documentXml(Buffer.from((await h.call('reporting.exportDocx', { reportId: r.id, seq: 1 })).base64, 'base64')));
    expect(first).toContain('（首报）');
    expect(first).toContain('转移疏散|135|人');
    expect((await h.refusal('reporting.exportDocx', { reportId: r.id, seq: 3 })).message).toMatch(/^该事件没有第 3 版报告/);
  });

  it('is a one-page PDF with the CJK font embedded', async () => {
    const r = await record();
    expect((await h.refusal('reporting.exportPdf', { reportId: r.id })).message).toMatch(/^该事件尚无报告/);
    await submit(r.id);
    const file = await h.call('reporting.exportPdf', { reportId: r.id });
    expect(file.fileName).toBe('突发事件信息报告-北京街-首报-20250610.pdf');
    const pdf = Buffer.from(file.base64, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const raw = pdf.toString('latin1');
    expect(raw.match(/\/Type \/Page\b(?!s)/g)).toHaveLength(1);
    expect(raw).toMatch(/\/FontName \/[A-Z]{6}\+WenQuanYi/);
    // Its text, read back through the font's ToUnicode map: the title, the version and the figures entered.
    const text = pdfText(pdf);
    for (const x of ['突发事件信息报告', '（首报）', '报送单位：越秀区应急管理局', '签发人：陈志强']) expect(text).toContain(x);
    expect(text).toContain('转移疏散|135|人|安置|48|人|受灾户数|23|户|直接经济损失|86.5|万元');
    // Subset, not the whole 5 MB collection.
    expect(pdf.length).toBeLessThan(200_000);
  });
});
