// Roster import/export and duty log export as real .xlsx files, written and read by exceljs.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '@contract/duty';
import { RpcCode } from '@contract/errors';
import { at, openHarness, staff, T0, type Harness } from './harness';

let h: Harness;
let ids: Record<string, string>;

beforeEach(async () => {
  h = await openHarness();
  ids = await staff(h);
});
afterEach(() => h.close());

/** A Date that Excel shows as the given Guangzhou wall-clock time. */
const wall = (day: number, hour: number, minute = 0): Date => new Date(Date.UTC(2025, 5, day, hour, minute));

async function workbook(rows: unknown[][], header = ['编号', '姓名', '角色', '电话', '单位', '开始时间', '结束时间', '备注']): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('排班表');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

async function counts() {
  return (await h.call('duty.getDataStatus', {})).counts;
}

describe('roster import', () => {
  it('imports a valid workbook: date cells and text times, known and new people', async () => {
    const file = await workbook([
      [null, '陈志强', '带班领导', null, null, wall(20, 8), wall(21, 8), null],
      [null, '周杰', '值班员', null, null, '2025-06-20 08:00', '2025/6/20 20:00', '白班'],
      [null, '赵新', '值班员', '13800000099', '区应急指挥中心', wall(20, 20), wall(21, 8), '夜班'],
      [],
      [null, '冯涛', 'tech', null, null, wall(20, 8, 30), wall(20, 17, 30), null],
    ]);
    const r = await h.call('duty.importRoster', { fileBase64: file, by: ids['李明'] });
    expect(r).toEqual({ created: 4, updated: 0, unchanged: 0, peopleCreated: 1 });
    const roster = await h.call('duty.getRoster', { period: { kind: 'range', from: at(20, 0), to: at(22, 0) } });
    expect(roster.shifts.map((s) => [s.person.name, s.role, s.start, s.end, s.note])).toEqual([
      ['陈志强', 'leader', at(20, 8), at(21, 8), ''],
      ['周杰', 'officer', at(20, 8), at(20, 20), '白班'],
      ['冯涛', 'tech', at(20, 8, 30), at(20, 17, 30), ''],
      ['赵新', 'officer', at(20, 20), at(21, 8), '夜班'],
    ]);
    const history = await h.call('duty.listShiftHistory', { shiftId: roster.shifts[0].id });
    expect(history[0]).toMatchObject({ kind: 'created', via: 'import', by: { name: '李明' } });
    expect(h.events.some((e) => e.event === 'duty.rosterChanged' && e.payload.reason === 'import')).toBe(true);
  });

  it('refuses a workbook with three bad rows, naming each row, column and reason, and writes nothing', async () => {
    const before = await counts();
    const file = await workbook([
      [null, '赵新', '值班员', '13800000099', '区应急指挥中心', wall(20, 8), wall(20, 20), null], // row 2: fine, and a new person
      [null, '周杰', '巡逻员', null, null, wall(21, 8), wall(21, 20), null], // row 3: no such role
      [null, '吴婷', '值班员', null, null, wall(22, 8), wall(22, 20), null], // row 4: fine
      [null, '吴婷', '值班员', null, null, '明天早上', wall(23, 20), null], // row 5: not a date
      [null, '陈志强', '带班领导', null, null, wall(24, 8), wall(25, 8), null], // row 6: fine
      [null, '林慧敏', '带班领导', null, null, wall(26, 8), wall(25, 8), null], // row 7: ends before it starts
    ]);
    const e = await h.refusal('duty.importRoster', { fileBase64: file, by: ids['李明'] });
    expect(e.code).toBe(RpcCode.Refused);
    expect(e.message).toContain('nothing was written');
    expect(e.message).toContain('row 3, column 角色: “巡逻员” is not a role');
    expect(e.message).toContain('row 5, column 开始时间: not a date');
    expect(e.message).toContain('row 7, column 结束时间: the shift ends before it starts');
    expect((e.data as any).problems.map((p: any) => [p.row, p.column])).toEqual([
      [3, '角色'],
      [5, '开始时间'],
      [7, '结束时间'],
    ]);
    // Each reason in both languages, so the console's dialog shows the page's (issue 17).
    const reasons = (e.data as any).problems.map((p: any) => p.reason) as { zh: string; en: string }[];
    expect(reasons[0].zh).toMatch(/^“巡逻员”不是角色（带班领导、值班长、值班员、技术保障）$/);
    expect(reasons[0].en).toBe('“巡逻员” is not a role (Leader on duty, Duty chief, Duty officer, Technical support)');
    expect(reasons.slice(1)).toEqual([
      { zh: '不是日期时间', en: 'not a date' },
      { zh: '结束时间早于开始时间', en: 'the shift ends before it starts' },
    ]);
    const zh = (e.data as any).text.zh as string;
    expect(zh).toContain('第 3 行“角色”列：“巡逻员”不是角色');
    expect(zh).toContain('第 5 行“开始时间”列：不是日期时间');
    expect(zh).not.toMatch(/not a role|not a date|ends before/);
    expect(await counts()).toEqual(before);
  });

  it('judges imported shifts by the roster rules, naming the rows at fault, and rolls back new people', async () => {
    const before = await counts();
    const file = await workbook([
      [null, '赵新', '值班员', '13800000099', '区应急指挥中心', wall(20, 8), wall(20, 20), null],
      [null, '周杰', '值班员', null, null, wall(20, 8), wall(20, 20), null],
      [null, '周杰', '值班员', null, null, wall(20, 18), wall(20, 23), null],
      [null, '吴婷', '值班员', null, null, wall(1, 8), wall(1, 20), null],
    ]);
    const e = await h.refusal('duty.importRoster', { fileBase64: file, by: ids['李明'] });
    const rows = (e.data as any).problems.map((p: any) => `${p.row}:${p.column}`);
    expect(rows).toEqual(['3:开始时间', '4:开始时间', '5:开始时间']);
    expect(e.message).toContain('row 3, column 开始时间: 周杰 would be booked twice');
    expect(e.message).toContain('(with row 4)');
    expect(e.message).toContain('row 5, column 开始时间: 吴婷’s 值班员 (duty officer) shift 2025-06-01 08:00–20:00 would start in the past');
    // The Chinese names each rule in Chinese, with the rows at fault.
    const zh = (e.data as any).text.zh as string;
    expect(zh).toContain('第 3 行“开始时间”列：违反“同一人不得同时排两个班次”：周杰 的值班员班次');
    expect(zh).toContain('（与第 4 行）');
    expect(zh).toContain('第 5 行“开始时间”列：违反“已开始的班次只能作为更正修改，并须说明原因”：吴婷 的值班员班次 2025-06-01 08:00–20:00 的开始时间已过');
    expect(zh).not.toMatch(/would|booked|shift/);
    expect(await counts()).toEqual(before); // 赵新 was not added either
  });

  it('refuses a workbook without the needed columns, or a new person without phone and unit', async () => {
    const e1 = await h.refusal('duty.importRoster', { fileBase64: await workbook([['周杰', wall(20, 8)]], ['姓名', '开始时间']), by: ids['李明'] });
    expect(e1.message).toContain('row 1, column 角色: missing column');
    expect(e1.message).toContain('row 1, column 结束时间: missing column');
    const e2 = await h.refusal('duty.importRoster', {
      fileBase64: await workbook([[null, '赵新', '值班员', null, null, wall(20, 8), wall(20, 20)]]),
      by: ids['李明'],
    });
    expect(e2.message).toContain('row 2, column 电话: needed to add 赵新');
    const e3 = await h.refusal('duty.importRoster', { fileBase64: Buffer.from('not a workbook').toString('base64'), by: ids['李明'] });
    expect(e3.message).toContain('not an .xlsx workbook');
  });

  it('refuses a file over the size limit at the boundary', async () => {
    const big = 'A'.repeat(Math.ceil(MAX_FILE_BYTES / 3) * 4 + 4);
    const e = await h.refusal('duty.importRoster', { fileBase64: big, by: ids['李明'] });
    expect(e.code).toBe(RpcCode.InvalidParams);
    expect(e.message).toContain('larger than');
  });

  it('exports a roster that imports back: unchanged rows (past ones too) are left alone, edited rows update', async () => {
    await h.call('duty.changeShifts', {
      put: [
        { personId: ids['周杰'], start: at(11, 8), end: at(11, 20) },
        { personId: ids['吴婷'], start: at(11, 20), end: at(12, 8) },
      ],
      by: ids['李明'],
    });
    h.clock.now = at(11, 22); // the first shift is now past
    const out = await h.call('duty.exportRoster', { period: { kind: 'month', month: '2025-06' } });
    expect(out).toMatchObject({ fileName: '排班表-2025-06.xlsx', rows: 2 });
    expect(await h.call('duty.importRoster', { fileBase64: out.base64, by: ids['李明'] })).toMatchObject({ created: 0, updated: 0, unchanged: 2 });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.base64, 'base64') as any);
    const ws = wb.getWorksheet('排班表')!;
    expect(ws.getRow(2).getCell(2).value).toBe('周杰');
    expect((ws.getRow(2).getCell(6).value as Date).toISOString()).toBe('2025-06-11T08:00:00.000Z'); // shows 08:00 local
    ws.getRow(3).getCell(8).value = '延长至次日9点';
    ws.getRow(3).getCell(7).value = wall(12, 9);
    const edited = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    // The night shift has started (20:00 < 22:00): changing it is refused like any change to the past.
    const e = await h.refusal('duty.importRoster', { fileBase64: edited, by: ids['李明'] });
    expect(e.message).toContain('row 3, column 开始时间');
    expect(e.message).toContain('has started');
  });
});

describe('duty log export', () => {
  it('writes every report and every change to a workbook exceljs reads back', async () => {
    const a = await h.call('duty.recordReport', {
      report: {
        receivedAt: at(10, 9, 30),
        source: 'transfer-119',
        category: 'fire',
        street: '人民街',
        location: '人民南路',
        summary: '厨房起火',
        severity: 'low',
      },
      by: ids['周杰'],
    });
    await h.call('duty.setReportStatus', { id: a.id, status: 'verifying', by: ids['周杰'] });
    await h.call('duty.recordReport', {
      report: {
        receivedAt: at(10, 9, 50),
        source: 'sensor',
        category: 'flood',
        street: '东山街',
        location: '东山口',
        coordinates: { lat: 23.125, lng: 113.295 },
        summary: '水位超警戒',
        severity: 'high',
      },
      by: ids['吴婷'],
    });
    const out = await h.call('duty.exportLog', { from: at(10, 0), to: at(11, 0) });
    expect(out).toMatchObject({ fileName: '值班日志-2025-06-10至2025-06-10.xlsx', rows: 2 });
    expect(T0).toBeGreaterThan(at(10, 9, 50));

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.base64, 'base64') as any);
    const log = wb.getWorksheet('值班日志')!;
    const header = (log.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['编号', '接报时间', '来源', '类别', '街道']);
    const row = (n: number) => (log.getRow(n).values as unknown[]).slice(1);
    expect(row(2)[0]).toBe(a.id);
    expect((row(2)[1] as Date).toISOString()).toBe('2025-06-10T09:30:00.000Z');
    expect(row(2).slice(2, 5)).toEqual(['119转警', '火灾', '人民街']);
    expect(row(2)[10]).toBe('核实中');
    expect(row(3).slice(6, 8)).toEqual([23.125, 113.295]);
    const history = wb.getWorksheet('处理记录')!;
    expect(history.rowCount).toBe(4); // header + recorded, verifying + recorded
    expect((history.getRow(3).values as unknown[]).slice(1)).toContain('状态变更');
  });
});
