// Stock held in lots and the ledger of its movements, as functions over a write transaction so the
// stock service and the request service move stock the same way, inside their own transactions.
// Quantities are kept in thousandths of the unit (integers), so sums are exact and "never below 0"
// means exactly that; the table also refuses a negative lot (CHECK qty_milli >= 0).
import type { PersonRef } from '../contract/duty';
import { RefusedError } from '../contract/errors';
import { DEFAULT_EXPIRY_WARN_DAYS, type LedgerEntry, type MovementKind, type PlaceInfo, type StockAlarm } from '../contract/materials';
import { DAY_MS, parseLocalDate } from '../contract/yuexiu';
import type { Tx } from '../store';
import { refFrom, type Reader } from '../shared/records';
import { PlaceBook } from './places';

export const toMilli = (q: number): number => Math.round(q * 1000);
export const fromMilli = (m: number): number => m / 1000;
/** "3.5" with no trailing zeros: the quantity as a message says it. */
const say = (m: number): string => String(fromMilli(m));

/** Who moves stock: the acting person (null for an opening balance), the machine and street, the time. */
export interface Mover {
  by: PersonRef | null;
  peer: string;
  street: string | null;
  at: number;
  movementId: string;
  taskId: string | null;
  requestId: string | null;
  demo: boolean;
}

export interface LotRow {
  place_key: string;
  item: string;
  unit: string;
  /** '' for goods that keep. */
  expiry: string;
  qty_milli: number;
}

export interface LedgerRow {
  seq: number;
  movement_id: string;
  at: number;
  kind: string;
  from_key: string | null;
  to_key: string | null;
  item: string;
  unit: string;
  qty_milli: number;
  expiry: string;
  reason: string;
  task_id: string | null;
  request_id: string | null;
  by_id: string | null;
  by_name: string | null;
  by_role: string | null;
  peer: string;
  street: string | null;
  from_balance_milli: number | null;
  to_balance_milli: number | null;
  demo: number;
}

export function balance(db: Reader, key: string, item: string, unit: string): number {
  return db.get<{ q: number | null }>('SELECT SUM(qty_milli) AS q FROM material_lot WHERE place_key = ? AND item = ? AND unit = ?', [key, item, unit])?.q ?? 0;
}

/** Lots earliest expiry first, goods that keep last (FEFO: first expiring, first out). */
const FEFO = "ORDER BY CASE WHEN expiry = '' THEN 1 ELSE 0 END, expiry";

/**
 * Takes `milli` of an item from a place: the lot given, else the lots expiring first. Refuses,
 * naming the item, the place and what it holds, when the place holds too little: the caller's
 * transaction is then rolled back and nothing is written.
 */
export function take(
  tx: Tx,
  place: PlaceInfo,
  item: string,
  unit: string,
  milli: number,
  expiry: string | null | undefined,
): { expiry: string; milli: number }[] {
  const lots = tx.all<LotRow>(
    `SELECT * FROM material_lot WHERE place_key = ? AND item = ? AND unit = ? AND qty_milli > 0 ${expiry !== undefined ? 'AND expiry = ?' : ''} ${FEFO}`,
    expiry !== undefined ? [place.key, item, unit, expiry ?? ''] : [place.key, item, unit],
  );
  const held = lots.reduce((s, l) => s + l.qty_milli, 0);
  if (held < milli) {
    const lot = expiry !== undefined ? `（有效期 ${expiry ?? '无'} 的批次）` : '';
    throw new RefusedError(
      {
        zh: `${place.name}的${item}${lot}仅有 ${say(held)} ${unit}，不足 ${say(milli)} ${unit}，库存不能为负`,
        en: `${item} at ${place.key}${expiry !== undefined ? ` (lot expiring ${expiry ?? 'never'})` : ''}: holds ${say(held)} ${unit}, cannot take ${say(milli)}; stock never goes negative`,
      },
      { place: place.key, item, unit, held: fromMilli(held), asked: fromMilli(milli) },
    );
  }
  const taken: { expiry: string; milli: number }[] = [];
  let left = milli;
  for (const l of lots) {
    if (left === 0) break;
    const n = Math.min(left, l.qty_milli);
    setLot(tx, place.key, item, unit, l.expiry, l.qty_milli - n);
    taken.push({ expiry: l.expiry, milli: n });
    left -= n;
  }
  return taken;
}

export function put(tx: Tx, place: PlaceInfo, item: string, unit: string, milli: number, expiry: string): void {
  const have = tx.get<{ qty_milli: number }>('SELECT qty_milli FROM material_lot WHERE place_key = ? AND item = ? AND unit = ? AND expiry = ?', [
    place.key,
    item,
    unit,
    expiry,
  ]);
  setLot(tx, place.key, item, unit, expiry, (have?.qty_milli ?? 0) + milli);
}

function setLot(tx: Tx, key: string, item: string, unit: string, expiry: string, milli: number): void {
  if (milli === 0) tx.run('DELETE FROM material_lot WHERE place_key = ? AND item = ? AND unit = ? AND expiry = ?', [key, item, unit, expiry]);
  else
    tx.run(
      'INSERT INTO material_lot (place_key, item, unit, expiry, qty_milli) VALUES (?, ?, ?, ?, ?) ON CONFLICT (place_key, item, unit, expiry) DO UPDATE SET qty_milli = excluded.qty_milli',
      [key, item, unit, expiry, milli],
    );
}

/** Writes one ledger entry (balances after it) and returns its seq. */
export function record(
  tx: Tx,
  m: Mover,
  e: { kind: MovementKind; from: PlaceInfo | null; to: PlaceInfo | null; item: string; unit: string; milli: number; expiry: string; reason: string },
): number {
  const fromBalance = e.from ? balance(tx, e.from.key, e.item, e.unit) : null;
  const toBalance = e.to ? balance(tx, e.to.key, e.item, e.unit) : null;
  return tx.run(
    // Twin in shape of duty/duty-log.ts insertReport(): one row and who wrote it; another table and capability, kept apart on purpose.
    `INSERT INTO material_ledger (movement_id, at, kind, from_key, to_key, item, unit, qty_milli, expiry, reason, task_id, request_id,
       by_id, by_name, by_role, peer, street, from_balance_milli, to_balance_milli, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      m.movementId,
      m.at,
      e.kind,
      e.from?.key ?? null,
      e.to?.key ?? null,
      e.item,
      e.unit,
      e.milli,
      e.expiry,
      e.reason,
      m.taskId,
      m.requestId,
      m.by?.id ?? null,
      m.by?.name ?? null,
      m.by?.role ?? null,
      m.peer,
      m.street,
      fromBalance,
      toBalance,
      m.demo ? 1 : 0,
    ],
  ).lastInsertRowid;
}

export function entryFromRow(r: LedgerRow, places: PlaceBook): LedgerEntry {
  return {
    seq: r.seq,
    at: r.at,
    movementId: r.movement_id,
    kind: r.kind as MovementKind,
    from: r.from_key === null ? null : places.info(r.from_key),
    to: r.to_key === null ? null : places.info(r.to_key),
    item: r.item,
    unit: r.unit,
    quantity: fromMilli(r.qty_milli),
    expiry: r.expiry === '' ? null : r.expiry,
    reason: r.reason,
    taskId: r.task_id,
    requestId: r.request_id,
    by: r.by_id === null ? null : refFrom(r.by_id, r.by_name, r.by_role),
    peer: r.peer,
    street: r.street,
    fromBalance: r.from_balance_milli === null ? null : fromMilli(r.from_balance_milli),
    toBalance: r.to_balance_milli === null ? null : fromMilli(r.to_balance_milli),
    demo: r.demo === 1,
  };
}

export function entriesOfMovement(db: Reader, movementId: string): LedgerEntry[] {
  const places = new PlaceBook(db);
  return db.all<LedgerRow>('SELECT * FROM material_ledger WHERE movement_id = ? ORDER BY seq', [movementId]).map((r) => entryFromRow(r, places));
}

// ---- thresholds -------------------------------------------------------------------------
export interface ThresholdRow {
  item: string;
  unit: string;
  place_key: string;
  low_milli: number;
  warn_days: number;
  updated_at: number;
  by_id: string;
  by_name: string;
  by_role: string;
}

/** The thresholds of the store, looked up by item, unit and place (a place's own, else every place's). */
export class Thresholds {
  private readonly rows = new Map<string, ThresholdRow>();
  constructor(db: Reader) {
    for (const r of db.all<ThresholdRow>('SELECT * FROM material_threshold')) this.rows.set(`${r.item}\u0000${r.unit}\u0000${r.place_key}`, r);
  }
  of(key: string, item: string, unit: string): { lowMilli: number; warnDays: number } {
    const r = this.rows.get(`${item}\u0000${unit}\u0000${key}`) ?? this.rows.get(`${item}\u0000${unit}\u0000`);
    return r ? { lowMilli: r.low_milli, warnDays: r.warn_days } : { lowMilli: 0, warnDays: DEFAULT_EXPIRY_WARN_DAYS };
  }
}

/** The moment a lot starts to be flagged as expiring, and the moment it has expired (the day after its date begins). */
export function expiryMoments(expiry: string, warnDays: number): { warnAt: number; expiredAt: number } {
  const day = parseLocalDate(expiry);
  return { warnAt: day - warnDays * DAY_MS, expiredAt: day + DAY_MS };
}

/** Whether a place's stock of an item is below its low mark (a mark of 0 never is). */
export function isLow(db: Reader, t: Thresholds, key: string, item: string, unit: string): boolean {
  const { lowMilli } = t.of(key, item, unit);
  return lowMilli > 0 && balance(db, key, item, unit) < lowMilli;
}

/** The low-stock alarms of lines that were not low before and are now. */
export function lowCrossings(db: Reader, t: Thresholds, before: Map<string, boolean>, lines: { place: PlaceInfo; item: string; unit: string }[]): StockAlarm[] {
  const out: StockAlarm[] = [];
  for (const l of lines) {
    const k = `${l.place.key}\u0000${l.item}\u0000${l.unit}`;
    if (before.get(k) || !isLow(db, t, l.place.key, l.item, l.unit)) continue;
    out.push({
      kind: 'low',
      place: l.place,
      item: l.item,
      unit: l.unit,
      quantity: fromMilli(balance(db, l.place.key, l.item, l.unit)),
      lowQuantity: fromMilli(t.of(l.place.key, l.item, l.unit).lowMilli),
      expiry: null,
    });
  }
  return out;
}

export function lowBefore(db: Reader, t: Thresholds, lines: { place: PlaceInfo; item: string; unit: string }[]): Map<string, boolean> {
  return new Map(lines.map((l) => [`${l.place.key}\u0000${l.item}\u0000${l.unit}`, isLow(db, t, l.place.key, l.item, l.unit)]));
}
