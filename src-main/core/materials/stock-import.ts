// Stock from an .xlsx workbook (sheet 库存): each row a movement in to a place. All or nothing, as
// the roster import: the workbook is read through the guarded reader, every row is checked (its
// place, item, unit, quantity, expiry, reason), and any problem refuses the whole import naming
// each row, column and reason, with nothing written; otherwise every row is written in one
// transaction.
import { MovementInput, STOCK_COLUMNS, STOCK_SHEET, type PlaceInfo } from '../contract/materials';
import type { Bilingual } from '../contract/errors';
import { issueReason, openSheet, refuseRows, sheetRows, type RowProblem } from '../shared/sheet-import';
import type { MaterialsLinks, SheetCells } from './links';

export type { RowProblem } from '../shared/sheet-import';

export interface StockRow {
  row: number;
  place: PlaceInfo;
  item: string;
  unit: string;
  quantity: number;
  expiry: string | null;
  reason: string;
}

type Key = keyof typeof STOCK_COLUMNS;
const REQUIRED: Key[] = ['place', 'item', 'unit', 'quantity'];

/** The sheet's columns: a header is its Chinese name. */
const COLUMNS = (Object.keys(STOCK_COLUMNS) as Key[]).map((key) => ({ key, header: STOCK_COLUMNS[key], required: REQUIRED.includes(key) }));

/**
 * Reads and checks the workbook's rows. `placeOf` resolves a place cell (a name as listPlaces gives
 * it, or a street's name for its reserve point) or says why not; `allowed` refuses a place the
 * caller may not stock (a street's caller: another street's).
 */
export async function readStockWorkbook(
  links: MaterialsLinks,
  bytes: Uint8Array,
  placeOf: (cell: string) => PlaceInfo | Bilingual,
  allowed: (place: PlaceInfo) => Bilingual | null,
): Promise<{ rows: StockRow[]; problems: RowProblem[] }> {
  const sheet = await openSheet(links.workbook, bytes, STOCK_SHEET);
  return Array.isArray(sheet) ? { rows: [], problems: sheet } : readStockSheet(sheet, placeOf, allowed);
}

export function readStockSheet(
  sheet: SheetCells,
  placeOf: (cell: string) => PlaceInfo | Bilingual,
  allowed: (place: PlaceInfo) => Bilingual | null,
): { rows: StockRow[]; problems: RowProblem[] } {
  const read = sheetRows(sheet, COLUMNS);
  if ('problems' in read) return { rows: [], problems: read.problems };
  const { headerRow } = read;
  const problems: RowProblem[] = [];
  const rows: StockRow[] = [];
  for (const { row: r, text: cell } of read.rows) {
    const bad = (k: Key, reason: Bilingual): void => void problems.push({ row: r, column: STOCK_COLUMNS[k], reason });
    const before = problems.length;
    const placeText = cell('place');
    const place = placeText === '' ? { zh: '为空（每行须填写地点）', en: 'empty (a row needs its place)' } : placeOf(placeText);
    const placed = 'key' in place ? place : null;
    if (!placed) bad('place', place as Bilingual);
    else {
      const why = allowed(placed);
      if (why) bad('place', why);
    }
    const quantityText = cell('quantity');
    const movement = {
      kind: 'in' as const,
      to: { kind: 'street' as const, street: '北京街' as const },
      item: cell('item'),
      unit: cell('unit'),
      quantity: quantityText === '' || !Number.isFinite(Number(quantityText)) ? Number.NaN : Number(quantityText),
      ...(cell('expiry') ? { expiry: cell('expiry') } : {}),
      reason: cell('reason') || '表格导入入库',
    };
    const parsed = MovementInput.safeParse(movement);
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const k = issue.path[0] as Key;
        if (!(k in STOCK_COLUMNS) || seen.has(k)) continue;
        seen.add(k);
        bad(
          k,
          k === 'quantity' && quantityText !== '' && Number.isNaN(movement.quantity)
            ? { zh: `“${quantityText}”不是数字`, en: `${quantityText} is not a number` }
            : issueReason(issue),
        );
      }
    }
    if (problems.length === before && parsed.success && placed)
      rows.push({
        row: r,
        place: placed,
        item: parsed.data.item,
        unit: parsed.data.unit,
        quantity: parsed.data.quantity,
        expiry: parsed.data.expiry ?? null,
        reason: parsed.data.reason,
      });
  }
  if (rows.length === 0 && problems.length === 0)
    problems.push({ row: headerRow + 1, column: '', reason: { zh: '表头下方没有库存行', en: 'the sheet has no stock rows below its header' } });
  return { rows, problems };
}

export function refuseImport(problems: RowProblem[]): never {
  refuseRows({ zh: '库存表未导入（未写入任何内容）', en: 'the stock workbook was not imported, nothing was written' }, problems);
}
