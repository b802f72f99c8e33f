// Pure helpers of the reporting clocks (信息报送): keeping the list in order as pushes arrive, and
// the countdown a wall line shows, recomputed with the page's own clock between pushes.
import type { ReportClock } from '@contract/reporting';

/** Overdue first, then the soonest due; a clock with nothing due (终报 in) leaves the list. */
export function sortClocks(clocks: ReportClock[]): ReportClock[] {
  return [...clocks].sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueAt ?? 0) - (b.dueAt ?? 0) || a.receivedAt - b.receivedAt);
}

/** The list with one report's clock replaced (or removed when it has none or nothing is due). */
export function upsertClock(clocks: ReportClock[], reportId: string, clock: ReportClock | null): ReportClock[] {
  const rest = clocks.filter((c) => c.reportId !== reportId);
  return sortClocks(clock && clock.dueAt !== null ? [...rest, clock] : rest);
}

/** Whether the clock is past its due time at `serverNow` (the page's clock corrected to the server's). */
export const isOverdue = (c: ReportClock, serverNow: number): boolean => c.dueAt !== null && serverNow > c.dueAt;

/**
 * The countdown to `dueAt` as "mm:ss" (or "h:mm:ss" from an hour), and past it the time overdue
 * with a leading "+": "+03:07".
 */
export function countdown(dueAt: number, serverNow: number): string {
  const ms = dueAt - serverNow;
  const s = Math.floor(Math.abs(ms) / 1000);
  const two = (n: number): string => String(n).padStart(2, '0');
  const h = Math.floor(s / 3600);
  const body = h > 0 ? `${h}:${two(Math.floor((s % 3600) / 60))}:${two(s % 60)}` : `${two(Math.floor(s / 60))}:${two(s % 60)}`;
  return ms < 0 ? `+${body}` : body;
}
