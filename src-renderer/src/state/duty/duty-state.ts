// What the duty room's screens show, as the server last said it: who is on duty, the latest
// duty log entries, the live plan responses, the plan KPIs, recent handovers and the people.
// Pure: the functions here fold a read or a pushed event into the state and are unit-tested.
import type { DataStatus, Handover, OnDuty, Person, Report } from '@contract/duty';
import type { Kpis, Response } from '@contract/plans';

export interface OpenCounts {
  new: number;
  verifying: number;
  handling: number;
}

/** A refused roster workbook's reasons, as the server listed them (data.problems). */
export interface RowProblem {
  row: number;
  column: string;
  reason: string;
}

export interface DutyState {
  /** True once a full load has succeeded since the feed started. */
  loaded: boolean;
  onDuty: OnDuty | null;
  /** Newest received first, at most REPORT_LIMIT. */
  reports: Report[];
  openCounts: OpenCounts | null;
  /** Report id → our clock when its push said it was just recorded: the log panel flashes it. */
  arrivals: Record<string, number>;
  /** Active responses, newest activation first. */
  responses: Response[];
  kpis: Kpis | null;
  /** Newest first, at most HANDOVER_LIMIT. */
  handovers: Handover[];
  people: Person[];
  dataStatus: DataStatus | null;
  /** The acting person on this console (an id from people), or null until chosen. */
  actorId: string | null;
  /** The last refused roster import's problems, for the roster form's table. */
  importProblems: RowProblem[] | null;
  /** Bumped on every roster or library change: views that read a period or a plan re-read. */
  rosterVersion: number;
  libraryVersion: number;
}

export const REPORT_LIMIT = 50;
export const HANDOVER_LIMIT = 20;
/** How long a newly recorded report flashes on the wall. */
export const FLASH_MS = 10_000;

export function initialDuty(actorId: string | null = null): DutyState {
  return {
    loaded: false,
    onDuty: null,
    reports: [],
    openCounts: null,
    arrivals: {},
    responses: [],
    kpis: null,
    handovers: [],
    people: [],
    dataStatus: null,
    actorId,
    importProblems: null,
    rosterVersion: 0,
    libraryVersion: 0,
  };
}

/** Replaces the report with the same id, or adds it; keeps newest received first. */
export function upsertReport(list: readonly Report[], report: Report, limit = REPORT_LIMIT): Report[] {
  const rest = list.filter((r) => r.id !== report.id);
  const next = [...rest, report].sort((a, b) => b.receivedAt - a.receivedAt || b.recordedAt - a.recordedAt);
  return next.slice(0, limit);
}

/** Active responses only: a closed one leaves the list. Newest activation first. */
export function upsertResponse(list: readonly Response[], response: Response): Response[] {
  const rest = list.filter((r) => r.id !== response.id);
  if (response.status !== 'active') return rest;
  return [...rest, response].sort((a, b) => b.activatedAt - a.activatedAt);
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
