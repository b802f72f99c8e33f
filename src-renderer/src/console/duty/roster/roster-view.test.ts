import { describe, expect, it } from 'vitest';
import { localTime, monthRange, weekRange } from '@contract/yuexiu';
import { shift } from '../../../state/duty/test-fixtures';
import { periodOf, rosterDays, stepDate } from './roster-view';

describe('roster view', () => {
  it('makes the contract period for a week or a month', () => {
    expect(periodOf('week', '2025-06-04')).toEqual({ kind: 'week', date: '2025-06-04' });
    expect(periodOf('month', '2025-06-04')).toEqual({ kind: 'month', month: '2025-06' });
  });

  it('steps by week and by month, across years', () => {
    expect(stepDate('week', '2025-06-04', 1)).toBe('2025-06-11');
    expect(stepDate('week', '2025-01-02', -1)).toBe('2024-12-26');
    expect(stepDate('month', '2025-06-18', 1)).toBe('2025-07-01');
    expect(stepDate('month', '2025-01-18', -1)).toBe('2024-12-01');
  });

  it('puts each shift on the local day it starts, leaving out those starting before the period', () => {
    const week = weekRange('2025-06-04'); // Monday 2 June to Monday 9 June
    const days = rosterDays(
      [
        shift('shf_prev0001', 'leader', '甲', localTime(2025, 6, 1, 8), localTime(2025, 6, 2, 8)),
        shift('shf_mon00001', 'leader', '乙', localTime(2025, 6, 2, 8), localTime(2025, 6, 3, 8)),
        shift('shf_monn0001', 'officer', '丙', localTime(2025, 6, 2, 20), localTime(2025, 6, 3, 8)),
        shift('shf_sun00001', 'officer', '丁', localTime(2025, 6, 8, 23, 30), localTime(2025, 6, 9, 8)),
      ],
      week,
    );
    expect(days).toHaveLength(7);
    expect(days[0].date).toBe('2025-06-02');
    expect(days[0].byRole.leader.map((s) => s.person.name)).toEqual(['乙']);
    expect(days[0].byRole.officer.map((s) => s.person.name)).toEqual(['丙']);
    expect(days[6].byRole.officer.map((s) => s.person.name)).toEqual(['丁']);
    expect(rosterDays([], monthRange('2025-02'))).toHaveLength(28);
  });
});
