// The readings every source fills in its own way, and small helpers to parse them.
import type { PowerReadings } from '../contract/power';

export function emptyReadings(): PowerReadings {
  return {
    status: [],
    batteryChargePercent: null,
    runtimeMinutes: null,
    runtimeBasis: null,
    loadPercent: null,
    inputVoltage: null,
    outputVoltage: null,
    inputFrequency: null,
    outputFrequency: null,
    generatorRunning: null,
    mainsAvailable: null,
    engineRpm: null,
    fuelPercent: null,
    fuelHours: null,
    coolantTempC: null,
    oilPressureKpa: null,
    starterBatteryVoltage: null,
    deviceAlarms: [],
  };
}

/** A finite number from a device's text or number, else null (devices send "", "n/a", garbage). */
export function numberOrNull(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string' || v.trim() === '') return null;
  const n = Number(v.trim());
  return Number.isFinite(n) ? n : null;
}

/** Rounds for display and for change detection: devices jitter in the last digits. */
export function round(v: number | null, digits = 1): number | null {
  if (v === null) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}
