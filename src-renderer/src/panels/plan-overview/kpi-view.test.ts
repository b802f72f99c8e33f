import { describe, expect, it } from 'vitest';
import { barPercent, categoryCounts, kpiTone } from './kpi-view';

describe('预案概况 KPIs', () => {
  it('reads a rate against its 100% target', () => {
    expect(kpiTone(1)).toBe('ok');
    expect(kpiTone(0.95)).toBe('short');
    expect(kpiTone(0.8)).toBe('short');
    expect(kpiTone(0.79)).toBe('far');
    expect(kpiTone(null)).toBe('none');
  });

  it('clamps the bar', () => {
    expect(barPercent(0.964)).toBe(96.4);
    expect(barPercent(1.2)).toBe(100);
    expect(barPercent(null)).toBe(0);
  });

  it('lists categories with plans, most first, ties in the given order', () => {
    const order = ['sanfang', 'fire', 'hazchem', 'other'] as const;
    expect(categoryCounts({ fire: 3, sanfang: 3, hazchem: 5, other: 0 }, order)).toEqual([
      { category: 'hazchem', count: 5 },
      { category: 'sanfang', count: 3 },
      { category: 'fire', count: 3 },
    ]);
  });
});
