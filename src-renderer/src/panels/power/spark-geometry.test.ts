import { describe, expect, it } from 'vitest';
import { lastValue, SPARK_H, SPARK_PAD, SPARK_W, sparkRuns } from './spark-geometry';

const s = (t: number, charge: number | null) => ({ t, charge, load: null, fuel: null });

describe('sparkline geometry', () => {
  it('places samples by time across the window, 100 % at the top', () => {
    const runs = sparkRuns([s(0, 0), s(10_000, 50), s(20_000, 100)], 'charge', 20_000, 20_000);
    const [bottom, top] = [(SPARK_H - SPARK_PAD).toFixed(1), SPARK_PAD.toFixed(1)];
    expect(runs).toEqual([`0.0,${bottom} ${(SPARK_W / 2).toFixed(1)},${(SPARK_H / 2).toFixed(1)} ${SPARK_W.toFixed(1)},${top}`]);
  });

  it('breaks the line at a missing value and at an outage, and drops what is outside the window', () => {
    const runs = sparkRuns([s(-1, 10), s(0, 10), s(10_000, 20), s(20_000, null), s(30_000, 40), s(100_000, 50), s(110_000, 60)], 'charge', 110_000, 110_000);
    expect(runs).toHaveLength(3);
    expect(runs[1].split(' ')).toHaveLength(2); // a lone point is drawn as a dot
  });

  it('reads the newest known value', () => {
    expect(lastValue([s(0, 10), s(1, null)], 'charge')).toBe(10);
    expect(lastValue([], 'charge')).toBeNull();
  });
});
