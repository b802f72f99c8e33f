// Which plans suit a report: the plan category that answers its report category. The officer
// may still choose any plan; this only puts the likely ones first.
import type { ReportCategory } from '@contract/duty';
import type { PlanCategory, PlanSummary } from '@contract/plans';

export const PLAN_CATEGORY_FOR: Record<ReportCategory, PlanCategory> = {
  fire: 'fire',
  flood: 'sanfang',
  geological: 'geological',
  traffic: 'traffic',
  construction: 'construction',
  hazchem: 'hazchem',
  building: 'building-collapse',
  'public-health': 'public-health',
  environment: 'environment',
  other: 'other',
};

/** Plans of the matching category first (district level before others), then the rest. */
export function plansForReport(plans: readonly PlanSummary[], category: ReportCategory): PlanSummary[] {
  const want = PLAN_CATEGORY_FOR[category];
  const rank = (p: PlanSummary): number => (p.category === want ? 0 : 2) + (p.level === 'district' ? 0 : 1);
  return [...plans].filter((p) => !p.archived).sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title, 'zh'));
}
