// The roster as an .xlsx workbook (sheet 排班表): export, and an all-or-nothing import that names
// every bad row, column and reason. Reading the workbook is separate from applying it, so the
// same rules (roster.ts) judge imported shifts and shifts entered in a form.
import type { CellValue } from 'exceljs';
import { DUTY_ROLE_LABELS, DutyRole, MAX_STRETCH_HOURS, PersonInput, type RosterViolation, type Shift } from '../contract/duty';
import { HOUR_MS } from '../contract/yuexiu';
import { openSheet, refuseRows, sheetRows, type RowProblem } from '../shared/sheet-import';
import { cellText, cellTime, DATE_TIME_FORMAT, excelDate } from './xlsx-cells';
import type { RuleViolation } from './roster-rules';
import { checkWorkbookZip, DEFAULT_WORKER_LIMITS, readSheetInWorker, type SheetCells, type WorkerLimits } from './xlsx-guard';

export const ROSTER_SHEET = '排班表';

/** The columns, in export order; import finds them by header text (Chinese or English) in any order. */
export const ROSTER_COLUMNS = [
  { key: 'id', header: '编号', en: 'id', width: 20, required: false },
  { key: 'name', header: '姓名', en: 'name', width: 12, required: true },
  { key: 'role', header: '角色', en: 'role', width: 12, required: true },
  { key: 'phone', header: '电话', en: 'phone', width: 16, required: false },
  { key: 'unit', header: '单位', en: 'unit', width: 24, required: false },
  { key: 'start', header: '开始时间', en: 'start', width: 18, required: true },
  { key: 'end', header: '结束时间', en: 'end', width: 18, required: true },
  { key: 'note', header: '备注', en: 'note', width: 30, required: false },
] as const;
type ColumnKey = (typeof ROSTER_COLUMNS)[number]['key'];
const HEADER: Record<ColumnKey, string> = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, c.header])) as Record<ColumnKey, string>;

export type { RowProblem } from '../shared/sheet-import';

export interface RosterRow {
  row: number;
  id?: string;
  name: string;
  role: DutyRole;
  phone: string;
  unit: string;
  start: number;
  end: number;
  note: string;
}

function parseRole(text: string): DutyRole | null {
  const t = text.trim();
  for (const r of DutyRole.options) if (t === r || t === DUTY_ROLE_LABELS[r].zh || t.toLowerCase() === DUTY_ROLE_LABELS[r].en.toLowerCase()) return r;
  return null;
}

/**
 * Reads the rows of a roster workbook, checking each cell; rules across rows are checked later.
 * The file comes from outside: its zip is checked before anything is inflated, and exceljs reads
 * it in a worker under `limits` (xlsx-guard.ts); any refusal is a problem of row 0.
 */
export async function readRosterWorkbook(bytes: Uint8Array, limits: Partial<WorkerLimits> = {}): Promise<{ rows: RosterRow[]; problems: RowProblem[] }> {
  const reader = { check: checkWorkbookZip, readSheet: (b: Uint8Array, name: string) => readSheetInWorker(b, name, { ...DEFAULT_WORKER_LIMITS, ...limits }) };
  const sheet = await openSheet(reader, bytes, ROSTER_SHEET);
  return Array.isArray(sheet) ? { rows: [], problems: sheet } : readRosterSheet(sheet);
}

/** The rows of the sheet's cells, as exceljs read them. */
function readRosterSheet(sheet: SheetCells): { rows: RosterRow[]; problems: RowProblem[] } {
  const read = sheetRows(sheet, ROSTER_COLUMNS, (v) => cellText(v as CellValue));
  if ('problems' in read) return { rows: [], problems: read.problems };
  const { headerRow } = read;
  const problems: RowProblem[] = [];
  const rows: RosterRow[] = [];
  const seenIds = new Map<string, number>();
  for (const { row: r, value, text } of read.rows) {
    const get = (k: ColumnKey): CellValue => value(k) as CellValue;
    const bad = (k: ColumnKey, zh: string, en: string): void => void problems.push({ row: r, column: HEADER[k], reason: { zh, en } });
    const before = problems.length;

    const id = text('id');
    if (id !== '') {
      if (!/^shf_[A-Za-z0-9_-]{4,60}$/.test(id)) bad('id', `“${id}”不是班次编号（新班次请留空）`, `“${id}” is not a shift id (leave it empty for a new shift)`);
      else if (seenIds.has(id)) bad('id', `班次 ${id} 已在第 ${seenIds.get(id)} 行`, `shift ${id} is already on row ${seenIds.get(id)}`);
      else seenIds.set(id, r);
    }
    const name = text('name');
    if (name === '') bad('name', '为空', 'empty');
    else if (name.length > 20) bad('name', '超过 20 个字', 'longer than 20 characters');
    const roleText = text('role');
    const role = parseRole(roleText);
    if (role === null)
      bad(
        'role',
        roleText === '' ? '为空' : `“${roleText}”不是角色（${DutyRole.options.map((o) => DUTY_ROLE_LABELS[o].zh).join('、')}）`,
        roleText === '' ? 'empty' : `“${roleText}” is not a role (${DutyRole.options.map((o) => DUTY_ROLE_LABELS[o].en).join(', ')})`,
      );
    const phone = text('phone');
    if (phone !== '' && !PersonInput.shape.phone.safeParse(phone).success) bad('phone', `“${phone}”不是电话号码`, `“${phone}” is not a phone number`);
    const unit = text('unit');
    if (unit.length > 60) bad('unit', '超过 60 个字', 'longer than 60 characters');
    const start = cellTime(get('start'));
    const end = cellTime(get('end'));
    if (start === null) bad('start', text('start') === '' ? '为空' : '不是日期时间', text('start') === '' ? 'empty' : 'not a date');
    if (end === null) bad('end', text('end') === '' ? '为空' : '不是日期时间', text('end') === '' ? 'empty' : 'not a date');
    if (start !== null && end !== null) {
      if (end <= start) bad('end', '结束时间早于开始时间', 'the shift ends before it starts');
      else if (end - start > MAX_STRETCH_HOURS * HOUR_MS)
        bad('end', `一个班次至多 ${MAX_STRETCH_HOURS} 小时`, `a shift lasts at most ${MAX_STRETCH_HOURS} hours`);
    }
    const note = text('note');
    if (note.length > 200) bad('note', '超过 200 个字', 'longer than 200 characters');
    if (problems.length === before) rows.push({ row: r, id: id === '' ? undefined : id, name, role: role!, phone, unit, start: start!, end: end!, note });
  }
  if (rows.length === 0 && problems.length === 0)
    problems.push({ row: headerRow + 1, column: '', reason: { zh: '表头下方没有班次', en: 'the sheet has no shifts below its header' } });
  return { rows, problems };
}

/** Which column a broken rule is best pointed at. */
const RULE_COLUMN: Record<RosterViolation['rule'], string> = {
  'double-booking': HEADER.start,
  rest: HEADER.end,
  past: HEADER.start,
  coverage: HEADER.start,
  inactive: HEADER.name,
  unknown: HEADER.id,
};

/** A row problem: a bad cell, or a broken roster rule (both said in both languages). */
export type RosterProblem = RowProblem;

/** Turns rule violations into row problems: one per workbook row a violation involves. */
export function violationsToProblems(violations: RuleViolation[], rowOfShift: ReadonlyMap<string, number>): RosterProblem[] {
  const out: RosterProblem[] = [];
  for (const v of violations) {
    const rows = [...new Set(v.shiftIds.map((id) => rowOfShift.get(id)).filter((r): r is number => r !== undefined))].sort((a, b) => a - b);
    if (rows.length === 0) {
      out.push({ row: 0, column: '', reason: v.text });
      continue;
    }
    for (const r of rows) {
      const others = rows.filter((o) => o !== r);
      const text = others.length ? { zh: `${v.text.zh}（与第 ${others.join('、')} 行）`, en: `${v.text.en} (with row ${others.join(', ')})` } : v.text;
      out.push({ row: r, column: RULE_COLUMN[v.rule], reason: text });
    }
  }
  return out.sort((a, b) => a.row - b.row);
}

const NOT_IMPORTED = { zh: '排班表未导入（未写入任何内容）', en: 'the roster workbook was not imported (nothing was written)' };

/** Refuses the workbook, naming every bad row, column and reason, in both languages. */
export function refuseImport(problems: RosterProblem[]): never {
  refuseRows(NOT_IMPORTED, problems);
}

/** The roster as a workbook that readRosterWorkbook reads back. */
export async function writeRosterWorkbook(shifts: Shift[]): Promise<Buffer> {
  // Loaded on first use: exceljs is a large module, and a restarting hub should not wait for it.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Command Wall 越秀应急指挥大屏';
  const ws = wb.addWorksheet(ROSTER_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  // 演示数据 marks demo shifts; the import ignores columns it does not know.
  ws.columns = [...ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width })), { header: '演示数据', key: 'demo', width: 10 }];
  ws.getRow(1).font = { bold: true };
  for (const s of shifts) {
    ws.addRow({
      id: s.id,
      name: s.person.name,
      role: DUTY_ROLE_LABELS[s.role].zh,
      phone: s.person.phone,
      unit: s.person.unit,
      start: excelDate(s.start),
      end: excelDate(s.end),
      note: s.note,
      demo: s.demo ? '是' : '',
    });
  }
  ws.getColumn('start').numFmt = DATE_TIME_FORMAT;
  ws.getColumn('end').numFmt = DATE_TIME_FORMAT;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
