// Pure merges of the power capability's pushed events into what the page holds. Kept apart from
// the store so the rules (sparkline windows, the active alarm list) are tested directly.
import type { PowerAlarm, PowerSample, PowerSourceLive, PowerSourceStatus } from '@contract/power';

/** The sparklines span the last 30 minutes, as power.getOverview's samples do. */
export const SPARK_SPAN_MS = 30 * 60_000;

/** Adds a sample when it is newer than the last one, and drops those older than the span before it. */
export function appendSample(samples: readonly PowerSample[], sample: PowerSample | null): PowerSample[] {
  const last = samples[samples.length - 1];
  if (!sample || (last && sample.t <= last.t)) return samples as PowerSample[];
  const from = sample.t - SPARK_SPAN_MS;
  return [...samples.filter((s) => s.t >= from), sample];
}

/**
 * The tiles of a power.sourcesChanged push: every source it names, in its order (a source it
 * leaves out was deleted), each keeping the samples held so far plus its newest one.
 */
export function mergeSources(held: readonly PowerSourceStatus[], pushed: readonly PowerSourceLive[]): PowerSourceStatus[] {
  const byId = new Map(held.map((s) => [s.id, s]));
  return pushed.map((live) => ({ ...live, samples: appendSample(byId.get(live.id)?.samples ?? [], live.lastSample) }));
}

/**
 * The active list after a raised or changed alarm: replaced in place, added at the top when new
 * and active, removed once it is no longer active (cleared and acknowledged, or an info notice).
 */
export function mergeAlarm(list: readonly PowerAlarm[], alarm: PowerAlarm): PowerAlarm[] {
  const i = list.findIndex((a) => a.id === alarm.id);
  if (!alarm.active) return i < 0 ? (list as PowerAlarm[]) : list.filter((a) => a.id !== alarm.id);
  if (i < 0) return [alarm, ...list];
  const next = [...list];
  next[i] = alarm;
  return next;
}

/** Critical before warning, then newest first: the order the wall lists and sounds them. */
export function sortAlarms(list: readonly PowerAlarm[]): PowerAlarm[] {
  const rank = { critical: 0, warning: 1, info: 2 } as const;
  return [...list].sort((a, b) => rank[a.severity] - rank[b.severity] || b.raisedAt - a.raisedAt);
}

/** The tone the wall plays: the most severe alarm that is sounding, or none. */
export function soundingTone(list: readonly PowerAlarm[]): 'critical' | 'warning' | null {
  let tone: 'critical' | 'warning' | null = null;
  for (const a of list) {
    if (!a.sounding || a.severity === 'info') continue;
    if (a.severity === 'critical') return 'critical';
    tone = 'warning';
  }
  return tone;
}
