// The team register from an .xlsx workbook (sheet 救援队伍) through the contract, on the real core,
// store and guarded workbook reader: a good workbook adds and changes teams on the map (each then
// registered with teams, a changed one keeping its status); a bad one is refused whole, naming
// every bad row, column and reason, and writes nothing.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEAM_COLUMNS, TEAM_SHEET } from '@contract/teams';
import { openHarness, staff, type Harness } from '../duty/harness';

let h: Harness;
let ids: Record<string, string>;

beforeEach(async () => {
  h = await openHarness();
  ids = await staff(h);
});
afterEach(() => h.close());

const HEADER = Object.values(TEAM_COLUMNS).map((c) => c.zh);

async function workbook(rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(TEAM_SHEET);
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

//                                   编号  队伍名称            类型    街道     驻地           人数  装备                 联系方式      纬度     经度       备注
const fire = (id = '', people = 60) => [id, '区消防救援大队', '专业', '北京街', '北京路 100 号', people, '消防车 6 辆', '020-83000119', 23.129, 113.268, ''];
const street = ['', '北京街兼职抢险队', '兼职', '北京街', '北京街道办', 15, '沙包、排水泵', '020-83000001', 23.126, 113.27, ''];

describe('importing teams from a workbook', () => {
  it('adds teams (standing by) and changes a team by its 编号, keeping its status', async () => {
    const r = await h.call('teams.importTeams', { fileBase64: await workbook([fire(), street]) });
    expect(r).toEqual({ created: 2, updated: 0, dryRun: false });
    const { teams } = await h.call('teams.list');
    expect(teams.map((t) => [t.name, t.professional, t.people, t.status])).toEqual([
      ['区消防救援大队', true, 60, 'standby'],
      ['北京街兼职抢险队', false, 15, 'standby'],
    ]);
    const fireId = teams[0].id;
    expect(teams[0]).toMatchObject({ address: '北京路 100 号', equipment: '消防车 6 辆', contact: '020-83000119', position: { lat: 23.129, lng: 113.268 } });

    await h.call('teams.changeStatus', { id: fireId, status: 'dispatched', by: ids['陈志强'] });
    expect(await h.call('teams.importTeams', { fileBase64: await workbook([fire(fireId, 64)]), dryRun: true })).toEqual({
      created: 0,
      updated: 1,
      dryRun: true,
    });
    expect((await h.call('teams.get', { id: fireId })).people).toBe(60);
    expect(await h.call('teams.importTeams', { fileBase64: await workbook([fire(fireId, 64)]) })).toMatchObject({ created: 0, updated: 1 });
    expect(await h.call('teams.get', { id: fireId })).toMatchObject({ people: 64, status: 'dispatched' });
    const { object } = await h.call('map.getObject', { id: fireId });
    expect(object).toMatchObject({ people: 64, status: 'deployed' });
  });

  it('refuses a workbook with any bad row, naming every row, column and reason, and writes nothing', async () => {
    const rows = [
      fire(),
      ['', '', '专业', '北京街', '', 10, '', '', 23.129, 113.268, ''], // row 3: no name
      ['', '某抢险队', '外包', '北京街', '', -3, '', '', 23.129, 113.268, ''], // row 4: type, people
      ['', '天河抢险队', '专业', '天河街', '', 20, '', '', 40.1, 116.3, ''], // row 5: street, place
      ['obj_nosuchteam', '某队', '专业', '', '', 20, '', '', 23.129, 113.268, ''], // row 6: 编号
    ];
    const e = await h.refusal('teams.importTeams', { fileBase64: await workbook(rows) });
    expect(e.message).toMatch(/^队伍表未导入（未写入任何内容）/);
    const problems = (e.data as { problems: { row: number; column: string }[] }).problems.map((p) => [p.row, p.column]);
    expect(problems).toEqual(
      expect.arrayContaining([
        [3, '队伍名称'],
        [4, '类型'],
        [4, '人数'],
        [5, '街道'],
        [5, '纬度'],
        [6, '编号'],
      ]),
    );
    expect(problems.some(([row]) => row === 2)).toBe(false);
    expect((await h.call('teams.list')).teams).toEqual([]);
    expect((await h.call('map.listObjects', { kinds: ['team'] })).objects).toEqual([]);
  });

  it('refuses a workbook whose sheet lacks a required column, naming each one missing', async () => {
    // A workbook without the 救援队伍 sheet is read from its first sheet, as the roster import does.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['队伍名称', '人数']);
    const e = await h.refusal('teams.importTeams', { fileBase64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') });
    expect(e.message).toContain('row 1, column 纬度: missing column');
    expect(e.message).toContain('row 1, column 经度: missing column');
    expect(e.message).not.toContain('column 队伍名称');
  });
});
