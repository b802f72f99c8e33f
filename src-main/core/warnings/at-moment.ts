// The warnings in force at a moment, and their issue and lifting as significant events, folded from
// warning_event: what the incident replay (core/replay, through app.ts) shows of warnings. A warning
// is in force from its 'issued' entry until a 'cancelled' or 'expired' entry, or its expiry time.
import type { ReplayEvent, WarningAt } from '../contract/replay';
import type { SignalLevel, SignalType } from '../contract/warnings';
import type { Reader } from '../shared/records';

interface Row {
  id: string;
  type: string;
  headline: string;
  expires_at: number | null;
  issued_at: number;
  then_level: string | null;
  ended: number;
}

function at(db: Reader, at: number): WarningAt[] {
  return db
    .all<Row>(
      `SELECT w.id, w.type, w.headline, w.expires_at,
         (SELECT e.at FROM warning_event e WHERE e.warning_id = w.id AND e.change = 'issued' AND e.at <= ? ORDER BY e.seq LIMIT 1) AS issued_at,
         (SELECT e.to_level FROM warning_event e WHERE e.warning_id = w.id AND e.at <= ? AND e.to_level IS NOT NULL ORDER BY e.seq DESC LIMIT 1) AS then_level,
         EXISTS (SELECT 1 FROM warning_event e WHERE e.warning_id = w.id AND e.at <= ? AND e.change IN ('cancelled', 'expired')) AS ended
       FROM warning w`,
      [at, at, at],
    )
    .filter((r) => r.issued_at !== null && !r.ended && r.then_level !== null && (r.expires_at === null || r.expires_at > at))
    .sort((a, b) => b.issued_at - a.issued_at || (a.id < b.id ? -1 : 1))
    .map((r) => ({ id: r.id, type: r.type as SignalType, level: r.then_level as SignalLevel, headline: r.headline, issuedAt: r.issued_at }));
}

function events(db: Reader, from: number, to: number): ReplayEvent[] {
  return db
    .all<{ at: number; warning_id: string; change: string; headline: string; sender: string; via: string }>(
      `SELECT e.at, e.warning_id, e.change, e.headline, w.sender, e.via FROM warning_event e JOIN warning w ON w.id = e.warning_id
       WHERE e.at >= ? AND e.at <= ? AND e.change IN ('issued', 'cancelled', 'expired')`,
      [from, to],
    )
    .map((e) => ({
      at: e.at,
      kind: e.change === 'issued' ? ('warning.issued' as const) : ('warning.lifted' as const),
      who: e.sender || null,
      what: e.change === 'expired' ? `${e.headline}（到期）` : e.headline,
      street: null,
      position: null,
      links: { warningId: e.warning_id },
    }));
}

export const warningsAtMoment = { at, events };
