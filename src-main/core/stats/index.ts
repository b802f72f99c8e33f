// Entry of statistics (统计分析): Table 3's indicators (live or entered) and duty-log counts.
// Tables 1 and 2 are shipped series in the contract (contract/stats.ts) and need no method.
import type { Capability, CapabilityDeps } from '../capability';
import type { statsMethods } from '../contract/stats';
import type { PlanKpis } from '../shared/links';
import { IndicatorService } from './indicators';
import { reportCounts } from './report-counts';

/** The plans' KPIs come from plans, handed over by the composer (capabilities never import each other). */
export async function openStats(deps: CapabilityDeps, links: { planKpis: PlanKpis }): Promise<Capability<typeof statsMethods>> {
  const indicators = new IndicatorService(deps.store, deps.bus, deps.now, links.planKpis);
  return {
    handlers: {
      'stats.listIndicators': () => indicators.list(),
      'stats.saveIndicator': ({ id, value, asOf, note }) => indicators.save(id, value, asOf, note),
      'stats.getReportCounts': ({ from, to }) => reportCounts(deps.store, from, to),
    },
  };
}
