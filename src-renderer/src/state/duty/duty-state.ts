// What the duty room's screens show, as the server last said it: who is on duty, the latest
// duty log entries, recent handovers and the people (the plan side lives in state/plans).
// Pure: the functions here fold a read or a pushed event into the state and are unit-tested.
import type { DataStatus, Handover, OnDuty, Person, Report } from '@contract/duty';

export interface OpenCounts {
  new: number;
  verifying: number;
  handling: number;
}

/** A refused roster workbook's reasons, as the server listed them (data.problems; each reason in both languages). */
export interface RowProblem {
  row: number;
  column: string;
  reason: { zh: string; en: string } | string;
}

export interface DutyState {
  onDuty: OnDuty | null;
  /** Newest received first, at most REPORT_LIMIT. */
  reports: Report[];
  openCounts: OpenCounts | null;
  /** Report id → our clock when its push said it was just recorded: the log panel flashes it. */
  arrivals: Record<string, number>;
  /** Newest first, at most HANDOVER_LIMIT. */
  handovers: Handover[];
  people: Person[];
  dataStatus: DataStatus | null;
  /** The last refused roster import's problems, for the roster form's table. */
  importProblems: RowProblem[] | null;
  /** Bumped on every roster change: views that read a period re-read. */
  rosterVersion: number;
}

export const REPORT_LIMIT = 50;
export const HANDOVER_LIMIT = 20;
/** How long a newly recorded report flashes on the wall. */
export const FLASH_MS = 10_000;

export function initialDuty(): DutyState {
  return {
    onDuty: null,
    reports: [],
    openCounts: null,
    arrivals: {},
    handovers: [],
    people: [],
    dataStatus: null,
    importProblems: null,
    rosterVersion: 0,
  };
}

/** Replaces the report with the same id, or adds it; keeps newest received first. */
export function upsertReport(list: readonly Report[], report: Report, limit = REPORT_LIMIT): Report[] {
  const rest = list.filter((r) => r.id !== report.id);
  const next = [...rest, report].sort((a, b) => b.receivedAt - a.receivedAt || b.recordedAt - a.recordedAt);
  return next.slice(0, limit);
}

export function upsertHandover(list: readonly Handover[], handover: Handover, limit = HANDOVER_LIMIT): Handover[] {
  const rest = list.filter((h) => h.id !== handover.id);
  return [handover, ...rest].sort((a, b) => b.handedOverAt - a.handedOverAt).slice(0, limit);
}

/** Drops arrivals older than the flash, so the map does not grow for the life of the page. */
export function pruneArrivals(arrivals: Record<string, number>, now: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, at] of Object.entries(arrivals)) if (now - at < FLASH_MS) out[id] = at;
  return out;
}

export function isFresh(arrivals: Record<string, number>, id: string, now: number): boolean {
  const at = arrivals[id];
  return at !== undefined && now - at < FLASH_MS;
}

/** Milliseconds of our clock until a server time, never less than a floor (timers need > 0). */
export function msUntil(serverTime: number, localNow: number, serverOffsetMs: number | null, floor = 1000): number {
  const serverNow = localNow + (serverOffsetMs ?? 0);
  // setTimeout holds at most 2^31−1 ms; a longer wait is simply re-asked later.
  return Math.min(Math.max(serverTime - serverNow, floor), 2_147_483_647);
}

/** Pulls the row problems out of a refused import (the server's data.problems). */
export function problemsOf(err: unknown): RowProblem[] | null {
  const data = (err as { data?: { problems?: unknown } } | null)?.data;
  if (!data || !Array.isArray(data.problems)) return null;
  return data.problems.filter(
    (p): p is RowProblem =>
      typeof p === 'object' &&
      p !== null &&
      typeof p.row === 'number' &&
      typeof p.column === 'string' &&
      (typeof p.reason === 'string' ||
        (typeof p.reason === 'object' && p.reason !== null && typeof p.reason.zh === 'string' && typeof p.reason.en === 'string')),
  );
}
