// Materials (物资) as the console and the wall show them. Pure: folds a request into the list,
// orders stock lines for the wall (what needs attention first), picks out the requests waiting on
// someone, and keeps the alarms recently heard. Unit-tested beside it.
import type { MaterialRequest, RequestState, StockAlarm, StockLine } from '@contract/materials';

/** Newest request first; a request already held is replaced by the newer copy (a push never goes back in time). */
export function upsertRequest(list: readonly MaterialRequest[], r: MaterialRequest): MaterialRequest[] {
  const old = list.find((x) => x.id === r.id);
  if (old && old.updatedAt > r.updatedAt) return [...list];
  return [...list.filter((x) => x.id !== r.id), r].sort((a, b) => b.requestedAt - a.requestedAt || (a.id < b.id ? 1 : -1));
}

/** How pressing a stock line is: expired, then low, then expiring, then fine (0). */
export function attentionRank(l: StockLine): number {
  return (l.expired ? 4 : 0) + (l.low ? 2 : 0) + (l.expiring ? 1 : 0);
}

/** For the wall: lines needing attention first (expired, low, expiring), then by how far below the low mark, place and item. */
export function wallStockOrder(lines: readonly StockLine[]): StockLine[] {
  const short = (l: StockLine): number => (l.lowQuantity > 0 ? l.quantity / l.lowQuantity : Infinity);
  return [...lines].sort(
    (a, b) => attentionRank(b) - attentionRank(a) || short(a) - short(b) || a.place.name.localeCompare(b.place.name) || a.item.localeCompare(b.item),
  );
}

/** The requests someone still has to act on: awaiting approval, approved (to dispatch), dispatched (to confirm). */
export const WAITING_STATES: readonly RequestState[] = ['requested', 'approved', 'dispatched'];
export function waitingRequests(list: readonly MaterialRequest[]): MaterialRequest[] {
  return list.filter((r) => WAITING_STATES.includes(r.state)).sort((a, b) => a.requestedAt - b.requestedAt);
}

/** Counts of lines by flag. */
export function countAttention(lines: readonly StockLine[]): { low: number; expiring: number; expired: number } {
  return {
    low: lines.filter((l) => l.low).length,
    expiring: lines.filter((l) => l.expiring && !l.expired).length,
    expired: lines.filter((l) => l.expired).length,
  };
}

/** The stock lines by place key, places in the order given. */
export function linesByPlace(lines: readonly StockLine[]): Map<string, StockLine[]> {
  const out = new Map<string, StockLine[]>();
  for (const l of lines) out.set(l.place.key, [...(out.get(l.place.key) ?? []), l]);
  return out;
}

export interface HeardAlarm {
  /** Our clock when it was heard. */
  at: number;
  alarm: StockAlarm;
}

/** How long an alarm heard keeps the wall sounding and marked. */
export const ALARM_FRESH_MS = 60_000;
/** How many alarms the page keeps. */
export const ALARMS_KEPT = 50;

export function addAlarms(list: readonly HeardAlarm[], alarms: readonly StockAlarm[], at: number): HeardAlarm[] {
  return [...alarms.map((alarm) => ({ at, alarm })), ...list].slice(0, ALARMS_KEPT);
}

export function freshAlarms(list: readonly HeardAlarm[], now: number): HeardAlarm[] {
  return list.filter((a) => now - a.at < ALARM_FRESH_MS);
}
