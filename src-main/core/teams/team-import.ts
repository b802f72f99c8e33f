// The team register from an .xlsx workbook (sheet 救援队伍), as the roster import does it: read
// through the guarded reader, every row checked against the map's own team schema (TeamDetails),
// and any problem refuses the whole workbook naming each row, column and reason, with nothing
// written. A good workbook goes to the map as one GeoJSON import (all or nothing there too); the
// map's event then registers the new teams with teams. Status is not imported: teams owns it (a
// changed team keeps its status, a new one stands by).
import type { z } from 'zod';
import { TeamDetails } from '../contract/map';
import { TEAM_COLUMNS, TEAM_SHEET } from '../contract/teams';
import { issueReason, openSheet, refuseRows, sheetRows, type RowProblem } from '../shared/sheet-import';
import type { MapTeam, SheetCells, WorkbookLinks } from './links';

type Key = keyof typeof TEAM_COLUMNS;
const REQUIRED: Key[] = ['name', 'people', 'lat', 'lng'];
/** The sheet's columns: a header is its Chinese or English name. */
const COLUMNS = (Object.keys(TEAM_COLUMNS) as Key[]).map((key) => ({
  key,
  header: TEAM_COLUMNS[key].zh,
  en: TEAM_COLUMNS[key].en,
  required: REQUIRED.includes(key),
}));
const PROFESSIONAL = new Set(['专业', '专业队伍', '专业抢险队伍', 'professional', '是', 'true', 'yes']);
const PART_TIME = new Set(['兼职', '兼职队伍', '街道兼职抢险队伍', 'part-time', 'part time', '否', 'false', 'no', '']);

const number = (s: string): number | string => (/^-?\d+(\.\d+)?$/.test(s) ? Number(s) : s);

export interface TeamRow {
  row: number;
  object: z.output<typeof TeamDetails>;
}

/** The column a schema path belongs to. */
function columnOf(path: readonly PropertyKey[]): string {
  const [first, second] = path.map(String);
  if (first === 'position') return TEAM_COLUMNS[second === 'lng' ? 'lng' : 'lat'].zh;
  if (first === 'professional') return TEAM_COLUMNS.type.zh;
  return first in TEAM_COLUMNS ? TEAM_COLUMNS[first as Key].zh : '';
}

/** Reads and checks every row; `existing` are the teams on the map now (a 编号 must be one of them). */
export function readTeamSheet(sheet: SheetCells, existing: ReadonlyMap<string, MapTeam>): { rows: TeamRow[]; problems: RowProblem[] } {
  const read = sheetRows(sheet, COLUMNS);
  if ('problems' in read) return { rows: [], problems: read.problems };
  const problems: RowProblem[] = [];
  const rows: TeamRow[] = [];
  const seenIds = new Map<string, number>();
  for (const { row: r, text: get } of read.rows) {
    const bad = (column: string, zh: string, en: string): void => void problems.push({ row: r, column, reason: { zh, en } });
    const id = get('id');
    const before = id ? existing.get(id) : undefined;
    if (id && !before)
      bad(TEAM_COLUMNS.id.zh, `“${id}”不是地图上的队伍（新增队伍请将编号留空）`, `“${id}” is not a team on the map (leave 编号 empty to add a team)`);
    if (id && seenIds.has(id)) bad(TEAM_COLUMNS.id.zh, `队伍 ${id} 已在第 ${seenIds.get(id)} 行`, `team ${id} is already on row ${seenIds.get(id)}`);
    if (id) seenIds.set(id, r);
    const type = get('type').toLowerCase();
    if (!PROFESSIONAL.has(type) && !PART_TIME.has(type))
      bad(TEAM_COLUMNS.type.zh, `“${get('type')}”既不是“专业”也不是“兼职”`, `“${get('type')}” is neither 专业 (professional) nor 兼职 (part-time)`);
    const raw: Record<string, unknown> = {
      kind: 'team',
      ...(before ? { id: before.id } : {}),
      name: get('name'),
      street: get('street') || null,
      address: get('address'),
      people: number(get('people')),
      professional: PROFESSIONAL.has(type),
      equipment: get('equipment'),
      contact: get('contact'),
      note: get('note'),
      position: { lat: number(get('lat')), lng: number(get('lng')) },
      status: before?.status ?? 'standby',
    };
    const parsed = TeamDetails.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const why = issueReason(issue);
        bad(columnOf(issue.path), why.zh, why.en);
      }
      continue;
    }
    rows.push({ row: r, object: parsed.data });
  }
  problems.sort((a, b) => a.row - b.row);
  return { rows, problems };
}

export function refuseTeamImport(problems: RowProblem[]): never {
  refuseRows({ zh: '队伍表未导入（未写入任何内容）', en: 'the team workbook was not imported, nothing was written' }, problems);
}

/** The workbook's rows, checked: refused (naming every bad row) unless every one is good. */
export async function readTeamWorkbook(workbook: WorkbookLinks, bytes: Uint8Array, existing: ReadonlyMap<string, MapTeam>): Promise<TeamRow[]> {
  const sheet = await openSheet(workbook, bytes, TEAM_SHEET);
  if (Array.isArray(sheet)) refuseTeamImport(sheet);
  const { rows, problems } = readTeamSheet(sheet, existing);
  if (problems.length) refuseTeamImport(problems);
  if (rows.length === 0)
    refuseTeamImport([{ row: 0, column: '', reason: { zh: `工作表“${TEAM_SHEET}”中没有队伍`, en: `the sheet ${TEAM_SHEET} holds no team` } }]);
  return rows;
}

/** The rows as the map's GeoJSON import reads them. */
export function teamsGeoJson(rows: readonly TeamRow[]): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: rows.map(({ object: { position, ...props } }) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [position.lng, position.lat] },
      properties: props,
    })),
  });
}
