// What every all-or-nothing .xlsx import (roster, stock, teams) does the same way with a sheet the
// guarded reader gave it: a refusal of the file itself is a problem of row 0; the header is the
// first row with any text among the first 20, its columns found by header text (Chinese, or
// English in any case), a missing required column refused on the header row; data rows below it,
// blank ones skipped; and the refusal names every bad row, column and reason (the first 30 in the
// message, all of them in its data). Every reason is said in both languages ({ zh, en }), so the
// console's import dialog shows the page's language. What a row means stays with its capability.
import { RefusedError, type Bilingual } from '../contract/errors';
import { localDateString } from '../contract/yuexiu';

export interface RowProblem {
  /** 1-based row number as Excel shows it; 0 for the file as a whole. */
  row: number;
  /** The column's header (Chinese, as the workbook writes it), or '' for the row as a whole. */
  column: string;
  /** Why, in both languages. */
  reason: Bilingual;
}

/** The cells of one sheet that hold a value: rows in order, each with its [column, value] pairs. */
export interface SheetCells {
  name: string;
  rows: Array<[row: number, cells: Array<[column: number, value: unknown]>]>;
}

/** The guarded reader: the zip checked before anything is inflated, exceljs run in a capped worker. */
export interface SheetReader {
  /** Why the zip may not be opened (a bomb, a path leaving it…), or null. */
  check(bytes: Uint8Array): Promise<Bilingual | null>;
  /** The named sheet's cells, or why it could not be read. */
  readSheet(bytes: Uint8Array, sheetName: string): Promise<SheetCells | Bilingual>;
}

/** A column an import reads: its key, its header (Chinese), its English header, whether a sheet must have it. */
export interface SheetColumn<K extends string> {
  key: K;
  header: string;
  en?: string;
  required: boolean;
}

/** One data row: its number, each column's raw value (null where the sheet has no such column) and text. */
export interface SheetRow<K extends string> {
  row: number;
  value(k: K): unknown;
  text(k: K): string;
}

/** The named sheet, or the reader's refusal as a problem of row 0. */
export async function openSheet(reader: SheetReader, bytes: Uint8Array, sheetName: string): Promise<SheetCells | RowProblem[]> {
  const unsafe = await reader.check(bytes);
  if (unsafe) return [{ row: 0, column: '', reason: unsafe }];
  const sheet = await reader.readSheet(bytes, sheetName);
  return 'rows' in sheet ? sheet : [{ row: 0, column: '', reason: sheet }];
}

/** A cell as exceljs gives it, as text: rich text joined, a formula's result, a date as local YYYY-MM-DD, anything else ''. */
export function sheetText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return localDateString(v.getTime());
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown };
    if (Array.isArray(o.richText))
      return o.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if (o.result !== undefined) return sheetText(o.result);
    if (o.text !== undefined) return sheetText(o.text);
    return '';
  }
  return String(v as string | number | boolean).trim();
}

/**
 * The sheet's header row and data rows, or the problems that refuse it (an empty sheet, missing
 * required columns). `text` reads a cell as text (sheetText unless the import has its own).
 */
export function sheetRows<K extends string>(
  sheet: SheetCells,
  columns: readonly SheetColumn<K>[],
  text: (v: unknown) => string = sheetText,
): { headerRow: number; rows: SheetRow<K>[] } | { problems: RowProblem[] } {
  const header = sheet.rows.find(([r, cells]) => r <= 20 && cells.length > 0);
  if (!header) return { problems: [{ row: 1, column: '', reason: { zh: `工作表“${sheet.name}”是空的`, en: `the sheet ${sheet.name} is empty` } }] };
  const [headerRow, headerCells] = header;
  const col = new Map<K, number>();
  for (const [n, value] of headerCells) {
    const t = text(value).toLowerCase();
    const c = columns.find((k) => k.header === t || k.en === t);
    if (c && !col.has(c.key)) col.set(c.key, n);
  }
  const problems: RowProblem[] = columns
    .filter((c) => c.required && !col.has(c.key))
    .map((c) => ({
      row: headerRow,
      column: c.header,
      reason: { zh: `缺少此列（表头行须有“${c.header}”）`, en: `missing column (the header row needs ${c.header})` },
    }));
  if (problems.length) return { problems };
  const rows: SheetRow<K>[] = [];
  for (const [r, cells] of sheet.rows) {
    if (r <= headerRow) continue;
    const byCol = new Map(cells);
    const value = (k: K): unknown => (col.has(k) ? (byCol.get(col.get(k)!) ?? null) : null);
    const row: SheetRow<K> = { row: r, value, text: (k) => text(value(k)) };
    if (columns.every((c) => row.text(c.key) === '')) continue; // blank rows are skipped
    rows.push(row);
  }
  return { headerRow, rows };
}

/**
 * Refuses the import: `what` says which workbook was not imported, in both languages; every
 * problem goes in the error's data.
 */
export function refuseRows(said: Bilingual, problems: RowProblem[]): never {
  const describe = (p: RowProblem): string =>
    p.row === 0 ? p.reason.en : p.column ? `row ${p.row}, column ${p.column}: ${p.reason.en}` : `row ${p.row}: ${p.reason.en}`;
  const shown = problems.slice(0, 30).map(describe);
  const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more` : '';
  const shownZh = problems
    .slice(0, 30)
    .map((p) => (p.row === 0 ? p.reason.zh : p.column ? `第 ${p.row} 行“${p.column}”列：${p.reason.zh}` : `第 ${p.row} 行：${p.reason.zh}`));
  const moreZh = problems.length > shown.length ? `；另有 ${problems.length - shown.length} 处` : '';
  throw new RefusedError(
    { zh: `${said.zh}，共 ${problems.length} 处问题：${shownZh.join('；')}${moreZh}`, en: `${said.en}: ${shown.join('; ')}${more}` },
    { problems },
  );
}

/** A schema's problem with one cell, in both languages, by the kind of problem (zod's issue). */
export function issueReason(issue: { code?: string; message: string; input?: unknown; minimum?: unknown; maximum?: unknown; origin?: string }): Bilingual {
  const empty = issue.input === undefined || issue.input === '' || issue.input === null;
  const n = String(issue.minimum ?? issue.maximum ?? '');
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? { zh: '为空', en: 'empty' } : { zh: `至少 ${n} 个字`, en: `at least ${n} characters` };
      return { zh: `不能小于 ${n}`, en: `at least ${n}` };
    case 'too_big':
      if (issue.origin === 'string') return { zh: `超过 ${n} 个字`, en: `longer than ${n} characters` };
      return { zh: `不能大于 ${n}`, en: `at most ${n}` };
    case 'not_multiple_of':
      return { zh: '须为整数', en: 'a whole number' };
    default:
      if (empty) return { zh: '为空', en: 'empty' };
      return { zh: `值不符合要求（${issue.message}）`, en: issue.message };
  }
}
