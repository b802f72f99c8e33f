// 预案概况 on the wall: the seed plan's two KPIs against their 100% target (plan revision rate,
// drill execution rate) and the library per category. Live from plans.libraryChanged.
import { useT } from '../../i18n/use-t';
import { useSlice } from '../../state/context';
import { plansSlice } from '../../state/plans/plans-slice';
import { CategoryBars } from './CategoryBars';
import { KpiTile } from './KpiTile';
import './plan-overview.css';

/** Overdue items named under a KPI (the cell cuts off the rest). */
const NAMED = 3;

export function PlanOverviewPanel() {
  const t = useT();
  const kpis = useSlice(plansSlice, (s) => s.kpis);
  if (!kpis) return <div className="panel panel-waiting">{t('app.loading')}</div>;
  const { revision, drills } = kpis;
  return (
    <div className="panel plan-overview-panel" data-testid="panel-plan-overview">
      <div className="kpi-tiles">
        <KpiTile
          testId="kpi-revision"
          title="kpi.revisionRate"
          rate={revision.rate}
          counts={t('kpi.revisionCounts', { revised: revision.revised, total: revision.total })}
          shortfallTitle={t('kpi.revisionOverdue', { n: revision.total - revision.revised })}
          shortfall={revision.overdue.slice(0, NAMED).map((p) => t('kpi.revisionDue', { title: p.title, date: p.revisionDueOn }))}
        />
        <KpiTile
          testId="kpi-drills"
          title="kpi.drillRate"
          rate={drills.rate}
          counts={t('kpi.drillCounts', { held: drills.held, planned: drills.planned, year: drills.year })}
          shortfallTitle={t('kpi.drillOverdue', { n: drills.planned - drills.held })}
          shortfall={drills.overdue.slice(0, NAMED).map((d) => t('kpi.drillDue', { title: d.planTitle, date: d.plannedOn }))}
        />
      </div>
      <CategoryBars byCategory={kpis.plansByCategory} />
    </div>
  );
}
