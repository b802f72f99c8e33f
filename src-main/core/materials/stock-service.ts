// Stock and its ledger (see the header of contract/materials.ts): movements checked and written in
// one transaction, stock lines with their flags computed at read time, thresholds, the opening
// balances taken over from the map's warehouse objects, and a clock that pushes materials.changed
// ('alarm') when a lot reaches its warning day or its expiry.
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { RpcCode, RpcError, type Bilingual } from '../contract/errors';
import {
  placeKey,
  type LedgerEntry,
  type MovementInput,
  type Place,
  type PlaceInfo,
  type StockAlarm,
  type StockLine,
  type Threshold,
  type ThresholdInput,
} from '../contract/materials';
import type { EventBus } from '../events';
import type { Log } from '../capability';
import type { SqlValue, Store } from '../store';
import { actorRef } from '../shared/records';
import { CrossingWatch } from '../shared/crossing-watch';
import type { MaterialsLinks } from './links';
import { checkStreetPlace, existingPlace, listPlaces, PlaceBook, placeInfo, streetPlace } from './places';
import { readStockWorkbook, refuseImport } from './stock-import';
import { StreetName } from '../contract/yuexiu';
import {
  entriesOfMovement,
  entryFromRow,
  expiryMoments,
  fromMilli,
  lowBefore,
  lowCrossings,
  put,
  record,
  take,
  Thresholds,
  toMilli,
  type LedgerRow,
  type LotRow,
  type Mover,
  type ThresholdRow,
} from './stock';

export type MovementData = z.output<typeof MovementInput>;
export type ThresholdData = z.output<typeof ThresholdInput>;

/** Who calls: the window or machine, and the street centre it belongs to (CallContext). */
export interface Caller {
  peer: string;
  street?: string;
}

/**
 * A new id for this capability's records ("mov_…" movements, "mrq_…" requests), made here and
 * passed to SQL so the journal replays the same id. (records.ts newId's prefix list is shared.)
 */
export function materialsId(prefix: 'mov' | 'mrq'): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

interface MapWarehouseRow {
  id: string;
  spec: string;
  demo: number;
}

export class StockService {
  /** Wakes when a lot reaches its expiry warning or its expiry. */
  private readonly watch: CrossingWatch;
  private closed = false;
  private adopting: Promise<void> = Promise.resolve();
  private readonly unsubscribe: () => void;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
    private readonly log: Log,
  ) {
    this.watch = new CrossingWatch({ now, nextAfter: (from) => this.nextCrossing(from), crossed: (from, to) => this.pushCrossed(from, to) });
    // A warehouse saved or imported on the map later brings its stock lines in the same way.
    this.unsubscribe = bus.onAny((event) => {
      if (event === 'map.objectsChanged') void this.adopt();
    });
  }

  /**
   * Takes over the `stock` array of every warehouse object on the map not taken over yet, as
   * opening balances (ledger 'in', no acting person): from then on stock changes only here.
   * Runs on open and after every map change; one at a time.
   */
  adopt(): Promise<void> {
    const run = this.adopting.then(async () => {
      if (this.closed) return;
      const rows = this.store.all<MapWarehouseRow>(
        "SELECT id, spec, demo FROM map_object WHERE kind = 'warehouse' AND id NOT IN (SELECT object_id FROM material_adopted) ORDER BY id",
      );
      if (rows.length === 0) return;
      const at = this.now();
      const movementId = materialsId('mov');
      const lines = await this.store.write((tx) => {
        let n = 0;
        for (const r of rows) {
          if (tx.get('SELECT 1 FROM material_adopted WHERE object_id = ?', [r.id])) continue;
          tx.run('INSERT INTO material_adopted (object_id, at) VALUES (?, ?)', [r.id, at]);
          const place = placeInfo(tx, `warehouse:${r.id}`);
          const stock = (JSON.parse(r.spec) as { stock?: { item: string; quantity: number; unit: string }[] }).stock ?? [];
          const mover: Mover = { by: null, peer: 'map', street: null, at, movementId, taskId: null, requestId: null, demo: r.demo === 1 };
          for (const s of stock) {
            const milli = toMilli(s.quantity);
            if (!(milli > 0)) continue;
            put(tx, place, s.item, s.unit, milli, '');
            record(tx, mover, {
              kind: 'in',
              from: null,
              to: place,
              item: s.item,
              unit: s.unit,
              milli,
              expiry: '',
              reason: '期初库存：自地图仓库记录接收 (opening balance taken over from the map)',
            });
            n++;
          }
        }
        return n;
      });
      if (lines > 0) {
        this.log.info(`[materials] took over ${lines} stock lines of ${rows.length} warehouses from the map as opening balances`);
        this.bus.emit('materials.changed', { change: 'adopted', entries: [], request: null, alarms: [] });
        this.schedule();
      }
    });
    this.adopting = run.catch((err: unknown) => this.log.warn(`[materials] taking over the map's stock failed: ${String(err)}`));
    return run;
  }

  async move(input: MovementData, by: string, caller: Caller): Promise<LedgerEntry[]> {
    const at = this.now();
    const movementId = materialsId('mov');
    const alarms = await this.store.write((tx) => {
      const actor = actorRef(tx, by);
      const from = input.from ? existingOrHeld(tx, input.from, 'movement.from') : null;
      const to = input.to ? existingPlace(tx, input.to, 'movement.to') : null;
      if (from) checkStreetPlace(from, caller.street, 'movement.from');
      if (to) checkStreetPlace(to, caller.street, 'movement.to');
      const milli = toMilli(input.quantity);
      const lines = [from, to].filter((p): p is PlaceInfo => p !== null).map((place) => ({ place, item: input.item, unit: input.unit }));
      const t = new Thresholds(tx);
      const before = lowBefore(tx, t, lines);
      const mover: Mover = {
        by: actor,
        peer: caller.peer,
        street: caller.street ?? null,
        at,
        movementId,
        taskId: input.taskId ?? null,
        requestId: null,
        demo: false,
      };
      const base = { kind: input.kind, from, to, item: input.item, unit: input.unit, reason: input.reason };
      if (from) {
        for (const lot of take(tx, from, input.item, input.unit, milli, input.expiry)) {
          if (to) put(tx, to, input.item, input.unit, lot.milli, lot.expiry);
          record(tx, mover, { ...base, milli: lot.milli, expiry: lot.expiry });
        }
      } else if (to) {
        put(tx, to, input.item, input.unit, milli, input.expiry ?? '');
        record(tx, mover, { ...base, milli, expiry: input.expiry ?? '' });
      }
      return lowCrossings(tx, t, before, lines);
    });
    const entries = entriesOfMovement(this.store, movementId);
    this.tell('moved', entries, alarms);
    this.schedule();
    return entries;
  }

  /** Stock from a workbook, each row a movement in; all or nothing (stock-import.ts). */
  async importStock(
    links: MaterialsLinks,
    bytes: Uint8Array,
    dryRun: boolean,
    by: string,
    caller: Caller,
  ): Promise<{ rows: number; dryRun: boolean; entries: LedgerEntry[] }> {
    const places = listPlaces(this.store);
    const byName = new Map<string, PlaceInfo[]>();
    for (const p of places) byName.set(p.name, [...(byName.get(p.name) ?? []), p]);
    const placeOf = (cell: string): PlaceInfo | Bilingual => {
      const named = byName.get(cell) ?? [];
      if (named.length === 1) return named[0];
      if (named.length > 1)
        return {
          zh: `地图上有 ${named.length} 个名为“${cell}”的仓库：请改名其一，或填写其编号（warehouse:${named[0].id}）`,
          en: `${cell} names ${named.length} warehouses on the map: rename one, or give its key (warehouse:${named[0].id})`,
        };
      const street = StreetName.safeParse(cell);
      if (street.success) return streetPlace(street.data);
      const byKey = places.find((p) => p.key === cell);
      return (
        byKey ?? {
          zh: `没有名为“${cell}”的地点：请填写物资地点列表中的名称（地图上的仓库，或街道）`,
          en: `no place named ${cell}: give a name as the list of places names it (a warehouse on the map, or a street)`,
        }
      );
    };
    const allowed = (p: PlaceInfo): Bilingual | null =>
      caller.street === undefined || p.street === caller.street
        ? null
        : {
            zh: `${p.name}不属于${caller.street}（街道只能为本街道的地点入库）`,
            en: `${p.name} is not a place of ${caller.street} (a street stocks its own places only)`,
          };
    const { rows, problems } = await readStockWorkbook(links, bytes, placeOf, allowed);
    if (problems.length) refuseImport(problems);
    const at = this.now();
    const movementId = materialsId('mov');
    await this.store.write((tx) => {
      const actor = actorRef(tx, by);
      if (dryRun) return;
      const mover: Mover = { by: actor, peer: caller.peer, street: caller.street ?? null, at, movementId, taskId: null, requestId: null, demo: false };
      for (const r of rows) {
        const milli = toMilli(r.quantity);
        put(tx, r.place, r.item, r.unit, milli, r.expiry ?? '');
        record(tx, mover, { kind: 'in', from: null, to: r.place, item: r.item, unit: r.unit, milli, expiry: r.expiry ?? '', reason: r.reason });
      }
    });
    if (dryRun) return { rows: rows.length, dryRun, entries: [] };
    const entries = entriesOfMovement(this.store, movementId);
    this.tell('moved', entries, []);
    this.schedule();
    return { rows: rows.length, dryRun, entries };
  }

  listStock(f: { place?: Place; street?: string; item?: string; attention: boolean }): StockLine[] {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (f.place) (where.push('place_key = ?'), params.push(placeKey(f.place)));
    if (f.item !== undefined) (where.push('item = ?'), params.push(f.item));
    const lots = this.store.all<LotRow>(
      `SELECT * FROM material_lot ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY place_key, item, unit, CASE WHEN expiry = '' THEN 1 ELSE 0 END, expiry`,
      params,
    );
    const asOf = this.now();
    const places = new PlaceBook(this.store);
    const t = new Thresholds(this.store);
    const lines = new Map<string, StockLine>();
    for (const l of lots) {
      const k = `${l.place_key}\u0000${l.item}\u0000${l.unit}`;
      let line = lines.get(k);
      if (!line) {
        const th = t.of(l.place_key, l.item, l.unit);
        line = {
          place: places.info(l.place_key),
          item: l.item,
          unit: l.unit,
          quantity: 0,
          lots: [],
          lowQuantity: fromMilli(th.lowMilli),
          expiryWarnDays: th.warnDays,
          low: false,
          expiring: false,
          expired: false,
          nextExpiry: null,
          asOf,
        };
        lines.set(k, line);
      }
      line.quantity += l.qty_milli;
      line.lots.push({ expiry: l.expiry === '' ? null : l.expiry, quantity: fromMilli(l.qty_milli) });
      if (l.expiry !== '') {
        line.nextExpiry ??= l.expiry;
        const { warnAt, expiredAt } = expiryMoments(l.expiry, line.expiryWarnDays);
        if (asOf >= expiredAt) line.expired = true;
        else if (asOf >= warnAt) line.expiring = true;
      }
    }
    let out = [...lines.values()].map((l) => {
      const milli = l.quantity;
      return { ...l, quantity: fromMilli(milli), low: l.lowQuantity > 0 && milli < toMilli(l.lowQuantity) };
    });
    if (f.street !== undefined) out = out.filter((l) => l.place.street === f.street);
    if (f.attention) out = out.filter((l) => l.low || l.expiring || l.expired);
    return out;
  }

  listLedger(f: { place?: Place; item?: string; taskId?: string; requestId?: string; before?: number; limit: number }): LedgerEntry[] {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (f.place) {
      const k = placeKey(f.place);
      where.push('(from_key = ? OR to_key = ?)');
      params.push(k, k);
    }
    if (f.item !== undefined) (where.push('item = ?'), params.push(f.item));
    if (f.taskId !== undefined) (where.push('task_id = ?'), params.push(f.taskId));
    if (f.requestId !== undefined) (where.push('request_id = ?'), params.push(f.requestId));
    if (f.before !== undefined) (where.push('seq < ?'), params.push(f.before));
    const places = new PlaceBook(this.store);
    return this.store
      .all<LedgerRow>(`SELECT * FROM material_ledger ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`, [...params, f.limit])
      .map((r) => entryFromRow(r, places));
  }

  listThresholds(): Threshold[] {
    const places = new PlaceBook(this.store);
    return this.store.all<ThresholdRow>('SELECT * FROM material_threshold ORDER BY item, unit, place_key').map((r) => thresholdFromRow(r, places));
  }

  async saveThreshold(input: ThresholdData, by: string, caller: Caller): Promise<Threshold> {
    const at = this.now();
    const key = input.place ? placeKey(input.place) : '';
    const alarms = await this.store.write((tx) => {
      const actor = actorRef(tx, by);
      if (input.place) checkStreetPlace(existingPlace(tx, input.place, 'threshold.place'), caller.street, 'threshold.place');
      else if (caller.street !== undefined)
        throw new RpcError(
          RpcCode.Forbidden,
          `${caller.street}只能为本街道的储备点设置阈值 (forbidden: a caller of ${caller.street} sets thresholds for its own places only: params.threshold.place)`,
          { street: caller.street, field: 'threshold.place' },
        );
      const lines = tx
        .all<{ place_key: string }>('SELECT DISTINCT place_key FROM material_lot WHERE item = ? AND unit = ? ORDER BY place_key', [input.item, input.unit])
        .filter((r) => key === '' || r.place_key === key)
        .map((r) => ({ place: placeInfo(tx, r.place_key), item: input.item, unit: input.unit }));
      const before = lowBefore(tx, new Thresholds(tx), lines);
      tx.run(
        `INSERT INTO material_threshold (item, unit, place_key, low_milli, warn_days, updated_at, by_id, by_name, by_role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (item, unit, place_key) DO UPDATE SET low_milli = excluded.low_milli, warn_days = excluded.warn_days, updated_at = excluded.updated_at,
           by_id = excluded.by_id, by_name = excluded.by_name, by_role = excluded.by_role`,
        [input.item, input.unit, key, toMilli(input.lowQuantity), input.expiryWarnDays, at, actor.id, actor.name, actor.role],
      );
      return lowCrossings(tx, new Thresholds(tx), before, lines);
    });
    this.tell('threshold', [], alarms);
    this.schedule();
    const row = this.store.get<ThresholdRow>('SELECT * FROM material_threshold WHERE item = ? AND unit = ? AND place_key = ?', [input.item, input.unit, key])!;
    return thresholdFromRow(row, new PlaceBook(this.store));
  }

  /** Pushes a change, then its alarms (if any) as a change of their own, which the wall sounds. */
  tell(change: 'moved' | 'threshold', entries: LedgerEntry[], alarms: StockAlarm[]): void {
    this.bus.emit('materials.changed', { change, entries, request: null, alarms: [] });
    if (alarms.length > 0) this.bus.emit('materials.changed', { change: 'alarm', entries: [], request: null, alarms });
  }

  close(): void {
    this.closed = true;
    this.unsubscribe();
    this.watch.close();
  }

  // ---- the expiry clock -------------------------------------------------------------------
  /** Every lot's warning and expiry moments (lots with an expiry date only). */
  private moments(): { lot: LotRow; warnAt: number; expiredAt: number; lowMilli: number }[] {
    const t = new Thresholds(this.store);
    return this.store.all<LotRow>("SELECT * FROM material_lot WHERE expiry <> '' AND qty_milli > 0 ORDER BY place_key, item, unit, expiry").map((lot) => {
      const th = t.of(lot.place_key, lot.item, lot.unit);
      return { lot, ...expiryMoments(lot.expiry, th.warnDays), lowMilli: th.lowMilli };
    });
  }

  /** Sets the expiry clock after a write that moves lots or thresholds. */
  schedule(): void {
    this.watch.schedule();
  }

  /** The next expiry warning or expiry of a lot, at or after `from`. */
  private nextCrossing(from: number): number | null {
    const ahead = this.moments()
      .flatMap((m) => [m.warnAt, m.expiredAt])
      .filter((at) => at >= from);
    return ahead.length === 0 ? null : Math.min(...ahead);
  }

  /** Pushes the lots whose warning or expiry fell in [from, to), as one alarm change. */
  private pushCrossed(from: number, to: number): void {
    const places = new PlaceBook(this.store);
    const alarms: StockAlarm[] = [];
    for (const m of this.moments()) {
      const kind = m.expiredAt >= from && m.expiredAt < to ? 'expired' : m.warnAt >= from && m.warnAt < to && m.warnAt < m.expiredAt ? 'expiring' : null;
      if (!kind) continue;
      alarms.push({
        kind,
        place: places.info(m.lot.place_key),
        item: m.lot.item,
        unit: m.lot.unit,
        quantity: fromMilli(m.lot.qty_milli),
        lowQuantity: fromMilli(m.lowMilli),
        expiry: m.lot.expiry,
      });
    }
    if (alarms.length > 0) this.bus.emit('materials.changed', { change: 'alarm', entries: [], request: null, alarms });
  }
}

/** A place stock is taken from: a warehouse no longer on the map may still give up what it holds. */
function existingOrHeld(db: Parameters<typeof placeInfo>[0], place: Place, field: string): PlaceInfo {
  const info = placeInfo(db, placeKey(place));
  if (info.gone && !db.get('SELECT 1 FROM material_lot WHERE place_key = ? AND qty_milli > 0', [info.key])) return existingPlace(db, place, field);
  return info;
}

function thresholdFromRow(r: ThresholdRow, places: PlaceBook): Threshold {
  return {
    item: r.item,
    unit: r.unit,
    place: r.place_key === '' ? null : places.info(r.place_key),
    lowQuantity: fromMilli(r.low_milli),
    expiryWarnDays: r.warn_days,
    updatedAt: r.updated_at,
  };
}
