// Reserve targets (储备目标): how much of an item each place should hold, and stock set against
// them. The seed names the items to stock and one reserve per street but gives no quantities, so
// there is no default target: the centre sets them (per place, item and unit), and a line without
// one reads 未设目标. Kept as one small configuration record (kv 'materials.reserveTargets'),
// written in one store transaction, so an acknowledged change survives kill -9.
import { z } from 'zod';
import { RpcCode, RpcError } from '../contract/errors';
import { placeKey, type Place, type ReserveLine, type ReserveTarget, type ReserveTargetInput } from '../contract/materials';
import type { EventBus } from '../events';
import { writeKv } from '../kv';
import type { Store } from '../store';
import { actorRef, type Reader } from '../shared/records';
import { checkStreetPlace, existingPlace, PlaceBook } from './places';
import { fromMilli, toMilli } from './stock';

const KV_KEY = 'materials.reserveTargets';

const Stored = z.object({
  targets: z.array(z.object({ place: z.string(), item: z.string(), unit: z.string(), milli: z.number().int(), updatedAt: z.number(), by: z.string() })),
});
type Stored = z.infer<typeof Stored>;
type StoredTarget = Stored['targets'][number];

/** The stored targets (none until the first is set; an unreadable record reads as none, and the next save rewrites it). */
function readTargets(db: Reader): StoredTarget[] {
  const row = db.get<{ value: string }>('SELECT value FROM kv WHERE key = ?', [KV_KEY]);
  if (!row) return [];
  const parsed = Stored.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data.targets : [];
}

const same = (t: StoredTarget, place: string, item: string, unit: string): boolean => t.place === place && t.item === item && t.unit === unit;

export class TargetService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
  ) {}

  /** Every stock line and every target, by place then item: the line's target or null (未设目标). */
  list(street: string | undefined): { lines: ReserveLine[]; targets: ReserveTarget[]; asOf: number } {
    const places = new PlaceBook(this.store);
    const held = this.store.all<{ place_key: string; item: string; unit: string; milli: number }>(
      'SELECT place_key, item, unit, SUM(qty_milli) AS milli FROM material_lot GROUP BY place_key, item, unit HAVING SUM(qty_milli) > 0',
    );
    const targets = readTargets(this.store);
    const lines = new Map<string, { place: string; item: string; unit: string; milli: number; target: number | null }>();
    const k = (p: string, i: string, u: string) => `${p}\u0000${i}\u0000${u}`;
    for (const h of held) lines.set(k(h.place_key, h.item, h.unit), { place: h.place_key, item: h.item, unit: h.unit, milli: h.milli, target: null });
    for (const t of targets) {
      const line = lines.get(k(t.place, t.item, t.unit));
      if (line) line.target = t.milli;
      else lines.set(k(t.place, t.item, t.unit), { place: t.place, item: t.item, unit: t.unit, milli: 0, target: t.milli });
    }
    const out: ReserveLine[] = [...lines.values()]
      .map((l) => ({
        place: places.info(l.place),
        item: l.item,
        unit: l.unit,
        stock: fromMilli(l.milli),
        target: l.target === null ? null : fromMilli(l.target),
        ratio: l.target === null ? null : l.milli / l.target,
      }))
      .filter((l) => street === undefined || l.place.street === street);
    // Short of target first (lowest ratio), then lines with a target met, then those without one.
    out.sort(
      (a, b) =>
        Number(a.ratio === null) - Number(b.ratio === null) ||
        (a.ratio ?? 0) - (b.ratio ?? 0) ||
        a.place.name.localeCompare(b.place.name, 'zh') ||
        a.item.localeCompare(b.item, 'zh'),
    );
    const view = targets
      .map((t) => this.view(t, places))
      .filter((t) => street === undefined || t.place.street === street)
      .sort((a, b) => a.place.name.localeCompare(b.place.name, 'zh') || a.item.localeCompare(b.item, 'zh'));
    return { lines: out, targets: view, asOf: this.now() };
  }

  private view(t: StoredTarget, places: PlaceBook): ReserveTarget {
    return { place: places.info(t.place), item: t.item, unit: t.unit, quantity: fromMilli(t.milli), updatedAt: t.updatedAt, by: t.by };
  }

  async save(input: z.output<typeof ReserveTargetInput>, by: string, caller: { street?: string }): Promise<ReserveTarget> {
    const at = this.now();
    const key = placeKey(input.place);
    const saved = await this.store.write((tx) => {
      const actor = actorRef(tx, by);
      checkStreetPlace(existingPlace(tx, input.place, 'target.place'), caller.street, 'target.place');
      const targets = readTargets(tx).filter((t) => !same(t, key, input.item, input.unit));
      const row: StoredTarget = { place: key, item: input.item, unit: input.unit, milli: toMilli(input.quantity), updatedAt: at, by: actor.name };
      writeKv(tx, KV_KEY, { targets: [...targets, row] }, at);
      return this.view(row, new PlaceBook(tx));
    });
    this.bus.emit('materials.changed', { change: 'target', entries: [], request: null, alarms: [] });
    return saved;
  }

  async remove(place: Place, item: string, unit: string, by: string, caller: { street?: string }): Promise<{ removed: boolean }> {
    const key = placeKey(place);
    const removed = await this.store.write((tx) => {
      actorRef(tx, by);
      const info = new PlaceBook(tx).info(key);
      if (caller.street !== undefined && info.street !== caller.street)
        throw new RpcError(RpcCode.Forbidden, `${info.name}不属于${caller.street} (forbidden: ${key} is not a place of ${caller.street}: params.place)`, {
          street: caller.street,
          place: key,
          field: 'place',
        });
      const all = readTargets(tx);
      const kept = all.filter((t) => !same(t, key, item, unit));
      if (kept.length === all.length) return false;
      writeKv(tx, KV_KEY, { targets: kept }, this.now());
      return true;
    });
    if (removed) this.bus.emit('materials.changed', { change: 'target', entries: [], request: null, alarms: [] });
    return { removed };
  }
}

export type { ReserveTargetInput };
