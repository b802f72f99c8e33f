// Entry of statistics (统计分析): Table 3's indicators (live or entered) and duty-log counts.
// Tables 1 and 2 are shipped series in the contract (contract/stats.ts) and need no method.
import type { Capability, CapabilityDeps } from '../capability';
import type { PlanKpis } from '../shared/links';
import { RefusedError } from '../contract/errors';
import { INDICATORS, type statsMethods } from '../contract/stats';
import { indicatorValues, isLive } from './indicators';
import { reportCounts } from './report-counts';

/** The plans' KPIs come from plans, handed over by the composer (capabilities never import each other). */
export async function openStats(deps: CapabilityDeps, links: { planKpis: PlanKpis }): Promise<Capability<typeof statsMethods>> {
  const { store, bus, now } = deps;
  return {
    handlers: {
      'stats.listIndicators': () => indicatorValues(store, links.planKpis, now()),
      'stats.saveIndicator': async ({ id, value, asOf, note }) => {
        if (isLive(id)) {
          const def = INDICATORS.find((d) => d.id === id)!;
          throw new RefusedError(`indicator ${def.n} (${def.label.zh}) is computed live from ${def.live === 'map-shelters' ? 'the map’s shelters' : 'the plan library'}; change those instead`);
        }
        const at = now();
        await store.write((tx) =>
          value === null
            ? tx.run('DELETE FROM stats_indicator WHERE id = ?', [id])
            : tx.run(
                'INSERT INTO stats_indicator (id, value, as_of, note, updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET value = excluded.value, as_of = excluded.as_of, note = excluded.note, updated_at = excluded.updated_at',
                [id, value, asOf, note, at],
              ),
        );
        const indicators = indicatorValues(store, links.planKpis, now());
        bus.emit('stats.indicatorsChanged', { indicators });
        return indicators;
      },
      'stats.getReportCounts': ({ from, to }) => reportCounts(store, from, to),
    },
  };
}
