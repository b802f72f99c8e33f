// What one source says about the supply (its verdict), and the conditions it reports (overload,
// fuel low, generator faults …). Pure functions of a snapshot, so the rules are tested directly.
import type { AlarmCode, AlarmSeverity, PowerReadings, PowerText, PowerThresholds, SourceKind, SourceVerdict } from '../contract/power';
import type { SourceSnapshot } from './sources/polled-source';

/** WAIT (or no driver yet) this soon after connecting is upsd and its driver starting: no alarm. */
export const WAIT_GRACE_MS = 15_000;
/** Low battery by runtime is left only above this multiple of the threshold (dead band). */
export const RUNTIME_DEAD_BAND = 1.2;
/** FUEL_LOW clears only this many points above its threshold (dead band). */
export const FUEL_DEAD_BAND = 5;

/** Why a source is unknown: `starting` is the only cause that raises no alarm. */
export type UnknownCause = 'starting' | 'waiting' | 'unreachable' | 'status';

export interface Verdict {
  verdict: SourceVerdict;
  cause: UnknownCause | null;
  detail: string | null;
}

export function sourceVerdict(kind: SourceKind, s: SourceSnapshot, now: number, t: PowerThresholds, lowLatched: boolean): Verdict {
  switch (s.link) {
    case 'disabled':
      return { verdict: 'unknown', cause: 'unreachable', detail: 'disabled' };
    case 'connecting':
      return { verdict: 'unknown', cause: now - s.startedAt < WAIT_GRACE_MS ? 'starting' : 'unreachable', detail: s.detail ?? 'connecting' };
    case 'offline':
    case 'stale':
    case 'error':
      return { verdict: 'unknown', cause: 'unreachable', detail: s.detail };
    case 'waiting': {
      const starting = s.firstStatusAt === null && s.connectedAt !== null && now - s.connectedAt < WAIT_GRACE_MS;
      return { verdict: 'unknown', cause: starting ? 'starting' : 'waiting', detail: s.detail };
    }
    case 'online':
      break;
  }
  const r = s.readings;
  if (kind === 'modbus') {
    if (r.mainsAvailable) return { verdict: 'mains', cause: null, detail: null };
    if (r.generatorRunning) return { verdict: 'generator', cause: null, detail: null };
    return { verdict: 'battery', cause: null, detail: 'mains down and the generator not running: the load can only be on batteries' };
  }
  if (r.status.includes('OB')) {
    const limit = t.runtimeLowMinutes * (lowLatched ? RUNTIME_DEAD_BAND : 1);
    const low = r.status.includes('LB') || (r.runtimeMinutes !== null && r.runtimeMinutes < limit);
    return { verdict: low ? 'low-battery' : 'battery', cause: null, detail: null };
  }
  if (r.status.includes('OL')) return { verdict: 'mains', cause: null, detail: null };
  return { verdict: 'unknown', cause: 'status', detail: `status "${r.status.join(' ')}" says neither on line (OL) nor on battery (OB)` };
}

/** A condition of one source that has its own alarm while it lasts. */
export interface Condition {
  /** Stable while the condition lasts: source, code and what it is about. */
  key: string;
  code: AlarmCode;
  severity: AlarmSeverity;
  /** What exactly (a fault's label, the device's alarm text); null when the code says it all. */
  what: PowerText | null;
}

/** The conditions an online source reports now; `active` holds the keys raised so far (dead bands). */
export function sourceConditions(
  id: string,
  kind: SourceKind,
  r: PowerReadings,
  faults: SourceSnapshot['faults'],
  t: PowerThresholds,
  active: ReadonlySet<string>,
): Condition[] {
  const out: Condition[] = [];
  const add = (code: AlarmCode, severity: AlarmSeverity, sub: string, what: PowerText | null): void => {
    out.push({ key: `${id}|${code}|${sub}`, code, severity, what });
  };
  if (kind === 'modbus') {
    if (r.fuelPercent !== null) {
      const key = `${id}|FUEL_LOW|`;
      const limit = t.fuelLowPercent + (active.has(key) ? FUEL_DEAD_BAND : 0);
      if (r.fuelPercent < limit) add('FUEL_LOW', 'critical', '', null);
    }
    for (const f of faults) add('GENERATOR_FAULT', f.severity, f.code, f.label);
    return out;
  }
  if (r.status.includes('OVER')) add('UPS_OVERLOAD', 'warning', '', null);
  if (r.status.includes('RB')) add('UPS_REPLACE_BATTERY', 'warning', '', null);
  if (r.status.includes('BYPASS')) add('UPS_ON_BYPASS', 'warning', '', null);
  if (r.deviceAlarms.length > 0) {
    const text = r.deviceAlarms.join('; ');
    add('UPS_DEVICE_ALARM', 'warning', text, { zh: text, en: text });
  }
  return out;
}
