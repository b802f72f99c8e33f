// How a KPI against its 100% target reads on the wall: on target (green), short (amber), or
// far short (red); and the overdue items behind a shortfall, named.
export type KpiTone = 'ok' | 'short' | 'far' | 'none';

/** Below this a rate is far short of its target. */
export const FAR_SHORT = 0.8;

export function kpiTone(rate: number | null, target = 1): KpiTone {
  if (rate === null) return 'none';
  if (rate >= target) return 'ok';
  return rate < FAR_SHORT * target ? 'far' : 'short';
}

/** Bar width in percent, clamped to 0–100. */
export function barPercent(rate: number | null): number {
  if (rate === null || !Number.isFinite(rate)) return 0;
  return Math.min(100, Math.max(0, Math.round(rate * 1000) / 10));
}

/** Categories with plans, most plans first (ties in the contract's order). */
export function categoryCounts<K extends string>(byCategory: Partial<Record<K, number>>, order: readonly K[]): { category: K; count: number }[] {
  return order
    .map((category) => ({ category, count: byCategory[category] ?? 0 }))
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || order.indexOf(a.category) - order.indexOf(b.category));
}
