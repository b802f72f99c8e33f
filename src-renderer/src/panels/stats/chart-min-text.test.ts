import { describe, expect, it } from 'vitest';
import { countsOption, table1Option, withMinTextPx } from './chart-options';

const texts = (o: unknown, key = ''): number[] => {
  if (Array.isArray(o)) return o.flatMap((v) => texts(v, key));
  if (!o || typeof o !== 'object') return [];
  const own = ['textStyle', 'label', 'axisLabel'].includes(key) ? [(o as { fontSize?: number }).fontSize ?? 0] : [];
  return [...own, ...Object.entries(o).flatMap(([k, v]) => texts(v, k))];
};

describe('chart text at the wall’s least letter size', () => {
  it('raises every text style, label and axis label to it, and leaves crossing labels out', () => {
    const base = table1Option({ accidents: 'a', deaths: 'd' });
    expect(Math.min(...texts(base))).toBeLessThan(35);
    const scaled = withMinTextPx(base, 35);
    expect(Math.min(...texts(scaled))).toBe(35);
    expect((scaled.series as { labelLayout?: unknown }[]).every((s) => JSON.stringify(s.labelLayout) === '{"hideOverlap":true}')).toBe(true);
    expect(withMinTextPx(base, 0)).toBe(base);
  });
  it('drops the value axis’s labels in a chart too low for them', () => {
    const counts = { total: 3, byDay: [], byCategory: [], byStreet: [], days: 14 } as never;
    const low = withMinTextPx(countsOption(counts, 'day', false, 'n'), 18, 100) as { yAxis: { axisLabel: { show?: boolean } } };
    expect(low.yAxis.axisLabel.show).toBe(false);
    const tall = withMinTextPx(countsOption(counts, 'day', false, 'n'), 18, 400) as { yAxis: { axisLabel: { show?: boolean } } };
    expect(tall.yAxis.axisLabel.show).not.toBe(false);
  });
});
