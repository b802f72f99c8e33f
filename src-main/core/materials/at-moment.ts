// Stock per place as it was at a moment (the ledger folded up to it) and the movements out of a
// place (dispatches) as significant events: what the incident replay (core/replay, through app.ts)
// shows of materials.
import type { MaterialMove, ReplayEvent, StockAt } from '../contract/replay';
import type { Reader } from '../shared/records';
import { PlaceBook } from './places';
import { fromMilli } from './stock';

/** Every place's stock by item at `at` (lines at zero left out), by place then item. */
function at(db: Reader, at: number): StockAt[] {
  const places = new PlaceBook(db);
  return db
    .all<{ place: string; item: string; unit: string; milli: number }>(
      `SELECT place, item, unit, SUM(milli) AS milli FROM (
         SELECT to_key AS place, item, unit, qty_milli AS milli FROM material_ledger WHERE to_key IS NOT NULL AND at <= ?
         UNION ALL SELECT from_key AS place, item, unit, -qty_milli AS milli FROM material_ledger WHERE from_key IS NOT NULL AND at <= ?)
       GROUP BY place, item, unit HAVING SUM(milli) <> 0 ORDER BY place, item, unit`,
      [at, at],
    )
    .map((r) => ({ place: places.info(r.place).name, item: r.item, unit: r.unit, quantity: fromMilli(r.milli) }));
}

interface Row {
  at: number;
  movement_id: string;
  kind: string;
  from_key: string;
  to_key: string | null;
  item: string;
  unit: string;
  qty_milli: number;
  task_id: string | null;
  by_name: string | null;
  street: string | null;
  reason: string;
}

const OUT_SQL = "kind IN ('out', 'transfer') AND from_key IS NOT NULL";

function moves(db: Reader, from: number, to: number): (MaterialMove & { by: string | null; street: string | null; reason: string })[] {
  const places = new PlaceBook(db);
  return db.all<Row>(`SELECT * FROM material_ledger WHERE ${OUT_SQL} AND at >= ? AND at <= ? ORDER BY seq`, [from, to]).map((r) => {
    const target = r.to_key === null ? null : places.info(r.to_key);
    return {
      at: r.at,
      movementId: r.movement_id,
      item: r.item,
      unit: r.unit,
      quantity: fromMilli(r.qty_milli),
      from: places.info(r.from_key).name,
      to: target?.name ?? null,
      taskId: r.task_id,
      by: r.by_name,
      street: target?.street ?? r.street,
      reason: r.reason,
    };
  });
}

/** Each line taken out of a place (out, transfer) within [from, to]. */
function events(db: Reader, from: number, to: number): ReplayEvent[] {
  return moves(db, from, to).map((m) => ({
    at: m.at,
    kind: 'material.dispatched' as const,
    who: m.by,
    what: `${m.item} ${m.quantity}${m.unit}：${m.from}${m.to ? `→${m.to}` : ''}${m.reason ? `（${m.reason}）` : ''}`,
    street: m.street,
    position: null,
    links: { movementId: m.movementId, ...(m.taskId ? { taskId: m.taskId } : {}) },
  }));
}

/** The dispatches within [from, to], oldest first (for the after-action report). */
function dispatched(db: Reader, from: number, to: number): MaterialMove[] {
  return moves(db, from, to).map(({ by: _by, street: _street, reason: _reason, ...m }) => m);
}

export const materialsAtMoment = { at, events, dispatched };
