import { describe, expect, it } from 'vitest';
import type { PlanSummary } from '@contract/plans';
import { plansForReport } from './escalate';

const plan = (id: string, title: string, category: PlanSummary['category'], level: PlanSummary['level'] = 'district', archived = false) =>
  ({ id, title, category, level, archived }) as PlanSummary;

describe('plans for a report', () => {
  it('puts the matching category first, district plans before others, archived ones out', () => {
    const plans = [
      plan('pln_fire0001', '火灾预案', 'fire'),
      plan('pln_sfst0001', '北京街三防预案', 'sanfang', 'street'),
      plan('pln_sfds0001', '区三防预案', 'sanfang'),
      plan('pln_sfold001', '旧三防预案', 'sanfang', 'district', true),
    ];
    expect(plansForReport(plans, 'flood').map((p) => p.id)).toEqual(['pln_sfds0001', 'pln_sfst0001', 'pln_fire0001']);
    expect(plansForReport(plans, 'fire')[0].id).toBe('pln_fire0001');
  });
});
