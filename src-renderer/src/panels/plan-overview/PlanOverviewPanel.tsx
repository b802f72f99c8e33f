// 预案概况 on the wall: the seed plan's two KPIs against their 100% target (plan revision rate,
// drill execution rate), then what keeps them short (overdue revisions and drills, named) and the
// library per category: one list, as many of its items as fit ("另有 N 项"). KPIs are quieter than live alerts:
// the rate at the main line's size, colour only in the tile's edge. Live from plans.libraryChanged.
import { PLAN_CATEGORY_LABELS, PlanCategory } from '@contract/plans';
import { PanelLoading } from '../../shared/PanelLoading';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useSlice } from '../../state/context';
import { plansSlice } from '../../state/plans/plans-slice';
import { FitList } from '../FitList';
import { KpiTile } from './KpiTile';
import { categoryCounts } from './kpi-view';
import './plan-overview.css';

type Line = { key: string; overdue: string } | { key: string; category: PlanCategory; count: number; max: number };

export function PlanOverviewPanel() {
  const t = useT();
  const label = useLabel();
  const kpis = useSlice(plansSlice, (s) => s.kpis);
  if (!kpis) return <PanelLoading />;
  const { revision, drills } = kpis;
  const cats = categoryCounts(kpis.plansByCategory, PlanCategory.options);
  const max = Math.max(1, ...cats.map((r) => r.count));
  const lines: Line[] = [
    ...revision.overdue.map((p, i) => ({ key: `r${i}`, overdue: t('kpi.revisionDue', { title: p.title, date: p.revisionDueOn }) })),
    ...drills.overdue.map((d, i) => ({ key: `d${i}`, overdue: t('kpi.drillDue', { title: d.planTitle, date: d.plannedOn }) })),
    ...cats.map((c) => ({ key: `c-${c.category}`, category: c.category, count: c.count, max })),
  ];
  return (
    <div className="panel plan-overview-panel" data-testid="panel-plan-overview">
      <div className="kpi-tiles">
        <KpiTile
          testId="kpi-revision"
          title="kpi.revisionRate"
          rate={revision.rate}
          counts={t('kpi.revisionCounts', { revised: revision.revised, total: revision.total })}
        />
        <KpiTile
          testId="kpi-drills"
          title="kpi.drillRate"
          rate={drills.rate}
          counts={t('kpi.drillCounts', { held: drills.held, planned: drills.planned, year: drills.year })}
        />
      </div>
      <FitList
        className="kpi-lines"
        testId="plan-categories"
        items={lines}
        keyOf={(l) => l.key}
        version={`${revision.rate}/${drills.rate}|${lines.map((l) => ('count' in l ? l.count : 'overdue' in l ? l.overdue : '')).join('|')}`}
        render={(l) =>
          'overdue' in l ? (
            <li className="kpi-overdue" data-testid="kpi-overdue">
              {l.overdue}
            </li>
          ) : (
            <li className="kpi-category" data-category={l.category}>
              <span className="kpi-cat-label">{label(PLAN_CATEGORY_LABELS[l.category])}</span>
              <span className="kpi-cat-bar" style={{ width: `${(l.count / l.max) * 100}%` }} />
              <b className="tabular">{l.count}</b>
            </li>
          )
        }
      />
    </div>
  );
}
