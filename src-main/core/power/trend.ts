// Runtime left from trends, for UPS units that do not report battery.runtime and for the
// generator's fuel: least-squares slopes over a recent window of samples.

export interface TrendPoint {
  t: number;
  charge: number | null;
  load: number | null;
  fuel: number | null;
  onBattery: boolean;
  running: boolean;
}

/** Least-squares slope of v over t (units per ms), or null with fewer than 3 points or no spread. */
export function slope(points: { t: number; v: number }[]): number | null {
  if (points.length < 3) return null;
  const n = points.length;
  const mt = points.reduce((s, p) => s + p.t, 0) / n;
  const mv = points.reduce((s, p) => s + p.v, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.t - mt) * (p.v - mv);
    den += (p.t - mt) ** 2;
  }
  return den === 0 ? null : num / den;
}

const BATTERY_WINDOW_MS = 10 * 60_000;
const MIN_BATTERY_SPAN_MS = 20_000;
const FUEL_WINDOW_MS = 60 * 60_000;
const MIN_FUEL_SPAN_MS = 120_000;
const MAX_RUNTIME_MIN = 24 * 60;
const MAX_FUEL_H = 24 * 14;

/** The points of the current stretch of `onBattery` (or `running`) within the window, oldest first. */
function currentStretch(points: TrendPoint[], now: number, windowMs: number, keep: (p: TrendPoint) => boolean): TrendPoint[] {
  const out: TrendPoint[] = [];
  for (let i = points.length - 1; i >= 0; i--) {
    const p = points[i];
    if (!keep(p) || now - p.t > windowMs) break;
    out.push(p);
  }
  return out.reverse();
}

/**
 * Minutes of battery left, from the discharge since the UPS went on battery: the charge lost per
 * minute per % of load, applied to the present load (a load that rises shortens the estimate at
 * once). Without load figures, the plain charge slope. Null while there is too little to go on.
 */
export function estimateRuntimeMinutes(points: TrendPoint[], now: number): number | null {
  const stretch = currentStretch(points, now, BATTERY_WINDOW_MS, (p) => p.onBattery).filter((p) => p.charge !== null);
  if (stretch.length < 3 || stretch[stretch.length - 1].t - stretch[0].t < MIN_BATTERY_SPAN_MS) return null;
  const s = slope(stretch.map((p) => ({ t: p.t, v: p.charge! })));
  if (s === null || s >= 0) return null;
  const charge = stretch[stretch.length - 1].charge!;
  const perMin = -s * 60_000;
  const loads = stretch.map((p) => p.load).filter((l): l is number => l !== null && l > 0);
  const load = stretch[stretch.length - 1].load;
  let rate = perMin;
  if (loads.length === stretch.length && load !== null && load > 0) {
    const meanLoad = loads.reduce((a, b) => a + b, 0) / loads.length;
    rate = (perMin / meanLoad) * load;
  }
  return Math.min(MAX_RUNTIME_MIN, charge / rate);
}

/** Hours of fuel left while the generator runs, from the fuel level's slope over the last hour. */
export function estimateFuelHours(points: TrendPoint[], now: number): number | null {
  const stretch = currentStretch(points, now, FUEL_WINDOW_MS, (p) => p.running).filter((p) => p.fuel !== null);
  if (stretch.length < 3 || stretch[stretch.length - 1].t - stretch[0].t < MIN_FUEL_SPAN_MS) return null;
  const s = slope(stretch.map((p) => ({ t: p.t, v: p.fuel! })));
  if (s === null || s >= 0) return null;
  const perHour = -s * 3_600_000;
  return Math.min(MAX_FUEL_H, stretch[stretch.length - 1].fuel! / perHour);
}
