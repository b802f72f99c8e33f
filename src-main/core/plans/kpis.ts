// The two KPIs of the seed plan (应急预案修订率, 应急预案演练演习执行率), both targeting 100%,
// and the library's size per category (预案概况). Definitions in the header of contract/plans.ts.
import { PlanCategory, type Kpis } from '../contract/plans';
import { localDateString, localParts, type LocalDate } from '../contract/yuexiu';
import type { Reader } from '../shared/records';

/** "YYYY-MM-DD" plus whole months, clamped to the month's last day (2024-01-31 + 1 → 2024-02-29). */
export function addMonths(date: string, months: number): LocalDate {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export function computeKpis(db: Reader, now: number, year?: number): Kpis {
  const today = localDateString(now);
  const plans = db.all<{ id: string; title: string; category: string; revised_on: string; revision_months: number }>(
    'SELECT id, title, category, revised_on, revision_months FROM plan WHERE archived = 0',
  );
  const overduePlans = plans
    .map((p) => ({ id: p.id, title: p.title, revisionDueOn: addMonths(p.revised_on, p.revision_months) }))
    .filter((p) => today > p.revisionDueOn)
    .sort((a, b) => a.revisionDueOn.localeCompare(b.revisionDueOn));
  const revised = plans.length - overduePlans.length;

  const y = year ?? localParts(now).year;
  const first = `${y}-01-01`;
  const last = `${y}-12-31`;
  // Due: planned on a day of the year up to today; a drill held early counts as due too.
  const drills = db.all<{ id: string; planned_on: string; held_on: string | null; plan_title: string }>(
    `SELECT d.id, d.planned_on, d.held_on, p.title AS plan_title FROM plan_drill d JOIN plan p ON p.id = d.plan_id
     WHERE d.planned_on >= ? AND d.planned_on <= ? AND (d.planned_on <= ? OR d.held_on IS NOT NULL) ORDER BY d.planned_on`,
    [first, last, today],
  );
  const held = drills.filter((d) => d.held_on !== null).length;

  const plansByCategory = Object.fromEntries(PlanCategory.options.map((c) => [c, 0])) as Record<PlanCategory, number>;
  for (const p of plans) plansByCategory[p.category as PlanCategory]++;

  return {
    asOf: today,
    revision: {
      revised,
      total: plans.length,
      rate: plans.length ? revised / plans.length : null,
      target: 1,
      overdue: overduePlans.slice(0, 50),
    },
    drills: {
      year: y,
      planned: drills.length,
      held,
      rate: drills.length ? held / drills.length : null,
      target: 1,
      overdue: drills
        .filter((d) => d.held_on === null)
        .slice(0, 50)
        .map((d) => ({ id: d.id, planTitle: d.plan_title, plannedOn: d.planned_on })),
    },
    plansByCategory,
  };
}
