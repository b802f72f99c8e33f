// Table 3's indicators with their current values: live where the system holds the figure (the
// map's shelters, the plan library's KPIs), otherwise as an operator entered it, dated. The
// entered values live in stats_indicator, read and written here only.
import { RefusedError } from '../contract/errors';
import { INDICATORS, type IndicatorDef, type IndicatorId, type IndicatorValue } from '../contract/stats';
import { localDateString } from '../contract/yuexiu';
import type { EventBus } from '../events';
import type { PlanKpis } from '../shared/links';
import type { Store } from '../store';

interface Live {
  value: number | null;
  note: string;
}

const round = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

function liveValue(store: Store, planKpis: PlanKpis, def: IndicatorDef, now: number): Live | null {
  switch (def.live) {
    case 'map-shelters': {
      const r = store.get<{ area: number | null; capacity: number | null; n: number }>(
        "SELECT sum(json_extract(spec, '$.areaM2')) AS area, sum(json_extract(spec, '$.capacity')) AS capacity, count(*) AS n FROM map_object WHERE kind = 'shelter'",
      );
      if (!r || !r.n || !r.capacity) return { value: null, note: 'no shelters on the map yet' };
      return {
        value: round((r.area ?? 0) / r.capacity, 2),
        note: `${r.n} shelters on the map: ${round(r.area ?? 0, 0)} m² for ${r.capacity} people (by capacity)`,
      };
    }
    case 'plans-revision': {
      const k = planKpis(now).revision;
      return { value: k.rate === null ? null : round(k.rate * 100, 1), note: `${k.revised} of ${k.total} plans revised within their period` };
    }
    case 'plans-drills': {
      const k = planKpis(now).drills;
      return { value: k.rate === null ? null : round(k.rate * 100, 1), note: `${k.held} of ${k.planned} drills due in ${k.year} held` };
    }
    default:
      return null;
  }
}

function meets(def: IndicatorDef, value: number | null): boolean | null {
  if (value === null) return null;
  return def.rule === 'below' ? value < def.target : value >= def.target;
}

export function indicatorValues(store: Store, planKpis: PlanKpis, now: number): IndicatorValue[] {
  const entered = new Map(
    store
      .all<{ id: string; value: number; as_of: string; note: string; updated_at: number }>('SELECT id, value, as_of, note, updated_at FROM stats_indicator')
      .map((r) => [r.id, r]),
  );
  return INDICATORS.map((def) => {
    const live = liveValue(store, planKpis, def, now);
    if (live)
      return {
        id: def.id,
        value: live.value,
        source: live.value === null ? null : 'live',
        asOf: localDateString(now),
        note: live.note,
        met: meets(def, live.value),
        updatedAt: now,
      };
    const e = entered.get(def.id);
    if (!e) return { id: def.id, value: null, source: null, asOf: null, note: '', met: null, updatedAt: null };
    return { id: def.id, value: e.value, source: 'entered', asOf: e.as_of, note: e.note, met: meets(def, e.value), updatedAt: e.updated_at };
  });
}

export function isLive(id: IndicatorId): boolean {
  return INDICATORS.find((d) => d.id === id)?.live !== null;
}

/** The indicators as the API serves them: entered values saved here, and every change pushed. */
export class IndicatorService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
    private readonly planKpis: PlanKpis,
  ) {}

  list(): IndicatorValue[] {
    return indicatorValues(this.store, this.planKpis, this.now());
  }

  /** Enters (or, with `value` null, clears) an indicator the system does not compute. */
  async save(id: IndicatorId, value: number | null, asOf: string, note: string): Promise<IndicatorValue[]> {
    if (isLive(id)) {
      const def = INDICATORS.find((d) => d.id === id)!;
      throw new RefusedError({
        zh: `指标 ${def.n}（${def.label.zh}）由${def.live === 'map-shelters' ? '“一张图”上的避护场所' : '预案库'}实时计算，不能手工填写：请修改${def.live === 'map-shelters' ? '避护场所' : '预案库'}`,
        en: `indicator ${def.n} (${def.label.zh}) is computed live from ${def.live === 'map-shelters' ? 'the map’s shelters' : 'the plan library'}; change those instead`,
      });
    }
    const at = this.now();
    await this.store.write((tx) =>
      value === null
        ? tx.run('DELETE FROM stats_indicator WHERE id = ?', [id])
        : tx.run(
            'INSERT INTO stats_indicator (id, value, as_of, note, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET value = excluded.value, as_of = excluded.as_of, note = excluded.note, updated_at = excluded.updated_at',
            [id, value, asOf, note, at],
          ),
    );
    const indicators = this.list();
    this.bus.emit('stats.indicatorsChanged', { indicators });
    return indicators;
  }
}
