// The duty log through the contract: validation at the boundary, status transitions, every
// change time-stamped and attributed, events for the wall.
import { describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import { YUEXIU_STREETS } from '@contract/yuexiu';
import { eachDutyRoom, floodReport as report, H, T0, type Harness } from './harness';

let h: Harness;
let ids: Record<string, string>;
eachDutyRoom((hh, ii) => ((h = hh), (ids = ii)));

describe('the district reference data', () => {
  it('has Yuexiu’s 18 streets, each once', () => {
    expect(YUEXIU_STREETS).toHaveLength(18);
    expect(new Set(YUEXIU_STREETS.map((s) => s.name)).size).toBe(18);
    for (const n of [
      '洪桥街',
      '北京街',
      '六榕街',
      '流花街',
      '光塔街',
      '人民街',
      '东山街',
      '农林街',
      '梅花村街',
      '黄花岗街',
      '华乐街',
      '建设街',
      '大塘街',
      '珠光街',
      '大东街',
      '白云街',
      '登峰街',
      '矿泉街',
    ])
      expect(YUEXIU_STREETS.map((s) => s.name)).toContain(n);
  });
});

describe('recording reports', () => {
  it('records a report as new, attributed to the officer, and pushes it', async () => {
    const r = await h.call('duty.recordReport', { report: report(), by: ids['周杰'] });
    expect(r).toMatchObject({ status: 'new', street: '北京街', recordedBy: { name: '周杰', role: 'officer' }, recordedAt: T0, caller: '', responseIds: [] });
    const pushed = h.events.find((e) => e.event === 'duty.logChanged');
    expect(pushed?.payload).toMatchObject({ change: 'recorded', report: { id: r.id }, openCounts: { new: 1, verifying: 0, handling: 0 } });
  });

  it('refuses at the boundary a street that is not Yuexiu’s, coordinates outside Yuexiu, an unknown source', async () => {
    const e1 = await h.refusal('duty.recordReport', { report: report({ street: '天河路' }), by: ids['周杰'] });
    expect(e1.code).toBe(RpcCode.InvalidParams);
    expect(e1.message).toContain('params.report.street: not a Yuexiu street');
    const e2 = await h.refusal('duty.recordReport', { report: report({ coordinates: { lat: 113.27, lng: 23.12 } }), by: ids['周杰'] });
    expect(e2.message).toContain('params.report.coordinates');
    const e3 = await h.refusal('duty.recordReport', { report: report({ coordinates: { lat: 23.13, lng: 113.4 } }), by: ids['周杰'] });
    expect(e3.message).toContain('coordinates 23.13, 113.4 lie outside Yuexiu');
    const e4 = await h.refusal('duty.recordReport', { report: report({ source: 'twitter' }), by: ids['周杰'] });
    expect(e4.message).toContain('params.report.source');
    const e5 = await h.refusal('duty.recordReport', { report: report({ receivedAt: T0 + H }), by: ids['周杰'] });
    expect(e5.code).toBe(RpcCode.Refused);
    expect(e5.message).toContain('lies in the future');
  });
});

describe('status', () => {
  it('moves new → verifying → handling → closed, each step time-stamped and attributed', async () => {
    const r = await h.call('duty.recordReport', { report: report(), by: ids['周杰'] });
    h.clock.now = T0 + 60_000;
    await h.call('duty.setReportStatus', { id: r.id, status: 'verifying', by: ids['周杰'] });
    h.clock.now = T0 + 120_000;
    await h.call('duty.setReportStatus', { id: r.id, status: 'handling', by: ids['吴婷'], note: '街道已派人到场' });
    h.clock.now = T0 + 180_000;
    const closed = await h.call('duty.setReportStatus', { id: r.id, status: 'closed', by: ids['李明'], note: '积水已退' });
    expect(closed.status).toBe('closed');
    const d = await h.call('duty.getReport', { id: r.id });
    expect(d.history.map((e) => [e.kind, e.from, e.to, e.by.name, e.at])).toEqual([
      ['recorded', null, 'new', '周杰', T0],
      ['status', 'new', 'verifying', '周杰', T0 + 60_000],
      ['status', 'verifying', 'handling', '吴婷', T0 + 120_000],
      ['status', 'handling', 'closed', '李明', T0 + 180_000],
    ]);
    expect(d.history[2].note).toBe('街道已派人到场');
  });

  it('refuses transitions outside new → verifying → handling → closed, naming both states', async () => {
    const r = await h.call('duty.recordReport', { report: report(), by: ids['周杰'] });
    const e = await h.refusal('duty.setReportStatus', { id: r.id, status: 'handling', by: ids['周杰'] });
    expect(e.code).toBe(RpcCode.Refused);
    expect(e.data).toMatchObject({
      field: 'status',
      text: {
        zh: '接报（北京街，2025-06-10 09:55）现为“新接报”，不能改为“处置中”；可改为“核实中”',
        en: 'the report (北京街, 2025-06-10 09:55) is new and cannot become handling; from here it can become verifying',
      },
    });
    await h.call('duty.setReportStatus', { id: r.id, status: 'verifying', by: ids['周杰'] });
    // Found false while verifying: closed directly.
    await h.call('duty.setReportStatus', { id: r.id, status: 'closed', by: ids['周杰'], note: '误报' });
    expect((await h.refusal('duty.setReportStatus', { id: r.id, status: 'handling', by: ids['周杰'] })).message).toContain('a closed report stays closed');
    expect((await h.refusal('duty.saveReport', { id: r.id, patch: { summary: 'x' }, by: ids['周杰'] })).message).toContain('is closed');
  });

  it('keeps corrections of the details, naming the fields changed', async () => {
    const r = await h.call('duty.recordReport', { report: report(), by: ids['周杰'] });
    const u = await h.call('duty.saveReport', {
      id: r.id,
      patch: { street: '大塘街', coordinates: null, severity: 'high' },
      by: ids['吴婷'],
      note: '地址更正',
    });
    expect(u).toMatchObject({ street: '大塘街', coordinates: null, severity: 'high', summary: '路段积水约30厘米', source: 'hotline-12345' });
    const d = await h.call('duty.getReport', { id: r.id });
    expect(d.history[1]).toMatchObject({ kind: 'updated', fields: ['street', 'severity', 'coordinates'], note: '地址更正', by: { name: '吴婷' } });
    expect((await h.refusal('duty.saveReport', { id: r.id, patch: { street: '大塘街' }, by: ids['吴婷'] })).message).toContain('changes nothing');
    expect((await h.refusal('duty.saveReport', { id: r.id, patch: {}, by: ids['吴婷'] })).code).toBe(RpcCode.InvalidParams);
  });

  it('lists newest first with filters and open counts', async () => {
    await h.call('duty.recordReport', { report: report({ receivedAt: T0 - 3 * H }), by: ids['周杰'] });
    const b = await h.call('duty.recordReport', { report: report({ receivedAt: T0 - H, street: '登峰街', category: 'geological' }), by: ids['周杰'] });
    await h.call('duty.setReportStatus', { id: b.id, status: 'verifying', by: ids['周杰'] });
    const all = await h.call('duty.listReports', {});
    expect(all.reports.map((r) => r.street)).toEqual(['登峰街', '北京街']);
    expect(all.openCounts).toEqual({ new: 1, verifying: 1, handling: 0 });
    expect((await h.call('duty.listReports', { street: '登峰街' })).reports).toHaveLength(1);
    expect((await h.call('duty.listReports', { status: ['new'] })).reports.map((r) => r.street)).toEqual(['北京街']);
    expect((await h.call('duty.listReports', { from: T0 - 2 * H, to: T0 })).reports).toHaveLength(1);
  });
});

describe('handover', () => {
  it('the outgoing officer hands over with notes and open items; only the incoming confirms; both times recorded', async () => {
    const r = await h.call('duty.recordReport', { report: report(), by: ids['周杰'] });
    const draft = await h.call('duty.getHandoverDraft', { outgoingId: ids['周杰'] });
    expect(draft.openItems).toEqual([{ kind: 'report', text: '北京街：路段积水约30厘米', reportId: r.id }]);

    const ho = await h.call('duty.handOver', { outgoingId: ids['周杰'], incomingId: ids['吴婷'], notes: '设备正常', openItems: draft.openItems });
    expect(ho).toMatchObject({ status: 'pending', handedOverAt: T0, confirmedAt: null, outgoing: { name: '周杰' }, incoming: { name: '吴婷' } });
    expect(h.events.filter((e) => e.event === 'duty.handoverChanged')).toHaveLength(1);
    expect((await h.refusal('duty.handOver', { outgoingId: ids['周杰'], incomingId: ids['吴婷'] })).message).toContain(
      'already has a handover to 吴婷 waiting',
    );

    h.clock.now = T0 + 10 * 60_000;
    expect((await h.refusal('duty.confirmHandover', { id: ho.id, by: ids['李明'] })).message).toContain('only 吴婷, to whom it was handed, can confirm');
    const ok = await h.call('duty.confirmHandover', { id: ho.id, by: ids['吴婷'], note: '已清楚' });
    expect(ok).toMatchObject({ status: 'confirmed', handedOverAt: T0, confirmedAt: T0 + 10 * 60_000, confirmNote: '已清楚' });
    expect((await h.refusal('duty.confirmHandover', { id: ho.id, by: ids['吴婷'] })).message).toContain('is confirmed, not waiting');

    // What 吴婷 received is carried on in her own handover, and not twice.
    const next = await h.call('duty.getHandoverDraft', { outgoingId: ids['吴婷'] });
    expect(next.openItems).toEqual([{ kind: 'report', text: '北京街：路段积水约30厘米', reportId: r.id }]);
    expect((await h.call('duty.listHandovers', {})).map((x) => x.status)).toEqual(['confirmed']);
  });

  it('suggests the incoming person from the roster and lets the outgoing cancel', async () => {
    await h.call('duty.changeShifts', {
      put: [
        { personId: ids['周杰'], start: T0 + H, end: T0 + 9 * H },
        { personId: ids['吴婷'], start: T0 + 9 * H, end: T0 + 21 * H },
      ],
      by: ids['李明'],
    });
    h.clock.now = T0 + 8 * H;
    const draft = await h.call('duty.getHandoverDraft', { outgoingId: ids['周杰'] });
    expect(draft.incoming).toMatchObject({ name: '吴婷', role: 'officer' });
    expect((await h.refusal('duty.handOver', { outgoingId: ids['周杰'], incomingId: ids['周杰'] })).message).toContain('cannot hand over to themselves');
    const ho = await h.call('duty.handOver', { outgoingId: ids['周杰'], incomingId: ids['吴婷'] });
    expect((await h.refusal('duty.cancelHandover', { id: ho.id, by: ids['吴婷'], reason: '交错人' })).message).toContain('only 周杰');
    expect(await h.call('duty.cancelHandover', { id: ho.id, by: ids['周杰'], reason: '交错人' })).toMatchObject({
      status: 'cancelled',
      cancelReason: '交错人',
    });
  });
});
