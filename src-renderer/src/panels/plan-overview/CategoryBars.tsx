// Plans in the library per category, as short bars: where the district's plans lie.
import { PLAN_CATEGORY_LABELS, PlanCategory, type Kpis } from '@contract/plans';
import { useLabel } from '../../shared/label';
import { categoryCounts } from './kpi-view';

export function CategoryBars({ byCategory }: { byCategory: Kpis['plansByCategory'] }) {
  const label = useLabel();
  const rows = categoryCounts(byCategory, PlanCategory.options);
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <ul className="kpi-categories" data-testid="plan-categories">
      {rows.map((r) => (
        <li key={r.category} data-category={r.category}>
          <span className="kpi-cat-label">{label(PLAN_CATEGORY_LABELS[r.category])}</span>
          <span className="kpi-cat-bar" style={{ width: `${(r.count / max) * 100}%` }} />
          <b className="tabular">{r.count}</b>
        </li>
      ))}
    </ul>
  );
}
