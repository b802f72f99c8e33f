// The recent past of one source, in memory: trend points for the runtime and fuel estimates (one a
// second, an hour deep) and sparkline samples for the panel (one per 10 s, 30 minutes deep). They
// are not stored: after a restart the sparklines refill, while transitions and alarms are durable.
import type { PowerReadings, PowerSample } from '../contract/power';
import { estimateFuelHours, estimateRuntimeMinutes, type TrendPoint } from './trend';

export const SAMPLE_EVERY_MS = 10_000;
export const SAMPLE_SPAN_MS = 30 * 60_000;
const TREND_EVERY_MS = 1_000;
const TREND_SPAN_MS = 60 * 60_000;

export class SourceHistory {
  private readonly trend: TrendPoint[] = [];
  private readonly samples: PowerSample[] = [];

  /** Records a reading (thinned to the cadences above). Returns the new sample, if one was taken. */
  record(now: number, r: PowerReadings): PowerSample | null {
    const lastT = this.trend[this.trend.length - 1]?.t ?? -Infinity;
    if (now - lastT >= TREND_EVERY_MS) {
      this.trend.push({
        t: now,
        charge: r.batteryChargePercent,
        load: r.loadPercent,
        fuel: r.fuelPercent,
        onBattery: r.status.includes('OB'),
        running: r.generatorRunning === true,
      });
      while (this.trend.length > 0 && now - this.trend[0].t > TREND_SPAN_MS) this.trend.shift();
    }
    const lastS = this.samples[this.samples.length - 1]?.t ?? -Infinity;
    if (now - lastS < SAMPLE_EVERY_MS) return null;
    const sample: PowerSample = { t: now, charge: r.batteryChargePercent, load: r.loadPercent, fuel: r.fuelPercent };
    this.samples.push(sample);
    while (this.samples.length > 0 && now - this.samples[0].t > SAMPLE_SPAN_MS) this.samples.shift();
    return sample;
  }

  sparkline(): PowerSample[] {
    return [...this.samples];
  }

  lastSample(): PowerSample | null {
    return this.samples[this.samples.length - 1] ?? null;
  }

  runtimeEstimate(now: number): number | null {
    return estimateRuntimeMinutes(this.trend, now);
  }

  fuelHours(now: number): number | null {
    return estimateFuelHours(this.trend, now);
  }
}
