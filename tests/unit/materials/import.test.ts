// Stock from an .xlsx workbook through the contract, on the real core, store and guarded reader:
// a good sheet is written as movements in (one transaction); a sheet with bad rows is refused as a
// whole, naming each bad row, column and reason, and writes nothing; a street's caller stocks only
// its own places.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import { STOCK_COLUMNS, STOCK_SHEET } from '@contract/materials';
import { openHarness, staff, type Harness } from '../duty/harness';

let h: Harness;
let ids: Record<string, string>;

beforeEach(async () => {
  h = await openHarness();
  ids = await staff(h);
  await h.call('map.saveObject', { object: { kind: 'warehouse', name: '越秀区应急物资储备仓库', street: '洪桥街', position: { lat: 23.13, lng: 113.26 } } });
  ids['王芳'] = (await h.call('duty.savePerson', { person: { name: '王芳', role: 'officer', unit: '北京街道办事处', phone: '13800000011' } })).id;
});
afterEach(() => h.close());

async function workbook(rows: unknown[][], sheet = STOCK_SHEET): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  ws.addRow(Object.values(STOCK_COLUMNS));
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('importing stock from .xlsx', () => {
  it('writes every row as a movement in, places named as listPlaces names them (a street for its reserve point)', async () => {
    const fileBase64 = await workbook([
      ['越秀区应急物资储备仓库', '沙包', '袋', 2000, '', '年度采购'],
      ['越秀区应急物资储备仓库', '饮用水', '箱', 50, '2026-05-01', ''],
      ['北京街', '救生衣', '件', 20, '', '街道自购'],
    ]);
    const dry = await h.call('materials.importStock', { fileBase64, dryRun: true, by: ids['周杰'] });
    expect(dry).toMatchObject({ rows: 3, dryRun: true, entries: [] });
    expect(await h.call('materials.listStock', {})).toEqual([]);
    const r = await h.call('materials.importStock', { fileBase64, by: ids['周杰'] });
    expect(r.entries.map((e) => [e.to?.name, e.item, e.quantity, e.expiry, e.reason])).toEqual([
      ['越秀区应急物资储备仓库', '沙包', 2000, null, '年度采购'],
      ['越秀区应急物资储备仓库', '饮用水', 50, '2026-05-01', '表格导入入库'],
      ['北京街物资储备点', '救生衣', 20, null, '街道自购'],
    ]);
    expect((await h.call('materials.listStock', {})).map((l) => [l.place.name, l.item, l.quantity])).toEqual([
      ['北京街物资储备点', '救生衣', 20],
      [expect.any(String), '沙包', 2000],
      [expect.any(String), '饮用水', 50],
    ]);
  });

  it('refuses the whole sheet naming each bad row, column and reason, and writes nothing', async () => {
    const fileBase64 = await workbook([
      ['越秀区应急物资储备仓库', '沙包', '袋', 2000, '', ''],
      ['不存在的仓库', '沙包', '袋', 10, '', ''],
      ['北京街', '', '件', -3, '2026-13-01', ''],
      ['北京街', '救生衣', '件', '二十', '', ''],
    ]);
    const e = await h.refusal('materials.importStock', { fileBase64, by: ids['周杰'] });
    expect(e.code).toBe(RpcCode.Refused);
    expect(e.message).toMatch(/^库存表未导入（未写入任何内容）/);
    const problems = (e.data as { problems: { row: number; column: string }[] }).problems.map((p) => [p.row, p.column]);
    expect(problems).toEqual([
      [3, '地点'],
      [4, '物资名称'],
      [4, '数量'],
      [4, '有效期'],
      [5, '数量'],
    ]);
    expect(e.message).toContain('row 5, column 数量: 二十 is not a number');
    expect(await h.call('materials.listLedger', {})).toEqual([]);
  });

  it('refuses a workbook without the sheet or a needed column', async () => {
    const wrongSheet = await h.refusal('materials.importStock', { fileBase64: await workbook([], 'Sheet1'), by: ids['周杰'] });
    expect(wrongSheet.message).toContain(STOCK_SHEET);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet(STOCK_SHEET).addRow(['地点', '物资名称', '数量']);
    const noUnit = await h.refusal('materials.importStock', { fileBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64'), by: ids['周杰'] });
    expect(noUnit.message).toContain('row 1, column 单位: missing column');
  });

  it('a street’s caller stocks its own places only', async () => {
    const fileBase64 = await workbook([
      ['北京街', '救生衣', '件', 20, '', ''],
      ['越秀区应急物资储备仓库', '沙包', '袋', 10, '', ''],
    ]);
    const e = await h.core
      .dispatch('materials.importStock', { fileBase64, by: ids['王芳'] }, { transport: 'local', peer: 'bj', street: '北京街' })
      .catch((x: Error) => x);
    expect((e as Error).message).toContain('row 3, column 地点: 越秀区应急物资储备仓库 is not a place of 北京街');
  });
});
