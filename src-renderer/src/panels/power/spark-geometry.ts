// The points of a sparkline: samples placed by time over the last 30 minutes (so a source that
// stopped answering shows a line that stops, not one stretched to the right edge), split where a
// value is missing or samples are further apart than a gap, so no line is drawn across an outage.
import type { PowerSample } from '@contract/power';

export const SPARK_W = 300;
export const SPARK_H = 60;
/** Room above 100 % and below 0 %, so a full battery's line is not cut in half by the edge. */
export const SPARK_PAD = 4;
/** Samples come every 10 s; further apart than this means the source was not answering between. */
const GAP_MS = 35_000;

export type SparkKey = 'charge' | 'load' | 'fuel';

/** SVG polyline `points` strings (one per unbroken run), for values 0–100 over [now − span, now]. */
export function sparkRuns(samples: readonly PowerSample[], key: SparkKey, now: number, spanMs: number): string[] {
  const from = now - spanMs;
  const runs: string[][] = [];
  let run: string[] | null = null;
  let lastT = -Infinity;
  for (const s of samples) {
    const v = s[key];
    if (s.t < from || s.t > now || v === null) {
      run = null;
      continue;
    }
    if (!run || s.t - lastT > GAP_MS) runs.push((run = []));
    lastT = s.t;
    const x = ((s.t - from) / spanMs) * SPARK_W;
    const y = SPARK_H - SPARK_PAD - (Math.max(0, Math.min(100, v)) / 100) * (SPARK_H - 2 * SPARK_PAD);
    run.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  }
  // A lone point still shows as a dot-long line.
  return runs.map((r) => (r.length === 1 ? `${r[0]} ${r[0]}` : r.join(' ')));
}

/** The newest value of the key in the window, for the figure beside the line. */
export function lastValue(samples: readonly PowerSample[], key: SparkKey): number | null {
  for (let i = samples.length - 1; i >= 0; i--) {
    const v = samples[i][key];
    if (v !== null) return v;
  }
  return null;
}
