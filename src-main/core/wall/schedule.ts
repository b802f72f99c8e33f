// Presets on a schedule, as plain functions of the clock (contract/wall.ts WallSchedule says the
// rules): which window a display is in at an instant, when the next boundary comes, and which
// windows overlap. Times of day are the centre's (Beijing, UTC+8, no daylight saving), read from
// the server clock the core is given; wall-service.ts applies them.
import { UTC_OFFSET_MS } from '../contract/yuexiu';
import type { WallSchedule } from '../contract/wall';

const MINUTE = 60_000;
const DAY = 1440;

/** "hh:mm" as minutes after midnight. */
export function minutesOf(hm: string): number {
  const [h, m] = hm.split(':').map(Number);
  return h * 60 + m;
}

/** Minutes after the centre's midnight at an instant. */
export function minuteOfDay(t: number): number {
  return Math.floor(((((t + UTC_OFFSET_MS) % (DAY * MINUTE)) + DAY * MINUTE) % (DAY * MINUTE)) / MINUTE);
}

export function appliesTo(s: WallSchedule, display: number): boolean {
  return s.displays.length === 0 || s.displays.includes(display);
}

/** Whether a minute of the day lies in a schedule's window (from inclusive, to exclusive; past midnight when to < from). */
export function inWindow(s: Pick<WallSchedule, 'from' | 'to'>, minute: number): boolean {
  const from = minutesOf(s.from);
  const to = minutesOf(s.to);
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

/** The schedule whose window a display is in at an instant, if any. */
export function windowAt(schedules: readonly WallSchedule[], display: number, t: number): WallSchedule | null {
  const m = minuteOfDay(t);
  return schedules.find((s) => appliesTo(s, display) && inWindow(s, m)) ?? null;
}

/** The first boundary (a window opening or closing) strictly after an instant; null without schedules. */
export function nextBoundary(schedules: readonly WallSchedule[], after: number): number | null {
  // Boundaries fall on whole minutes: the next one is at most a day of minutes away.
  const start = Math.floor(after / MINUTE) * MINUTE + MINUTE;
  const marks = new Set(schedules.flatMap((s) => [minutesOf(s.from), minutesOf(s.to)]));
  if (marks.size === 0) return null;
  const first = minuteOfDay(start);
  let best = Infinity;
  for (const mark of marks) best = Math.min(best, (mark - first + DAY) % DAY);
  return start + best * MINUTE;
}

/** Two schedules of one display whose windows share a minute: the first such pair, by index. */
export function firstOverlap(schedules: readonly WallSchedule[]): [number, number] | null {
  for (let i = 0; i < schedules.length; i++) {
    for (let j = i + 1; j < schedules.length; j++) {
      const a = schedules[i];
      const b = schedules[j];
      const shared = a.displays.length === 0 || b.displays.length === 0 || a.displays.some((d) => b.displays.includes(d));
      if (!shared) continue;
      for (let m = 0; m < DAY; m++) if (inWindow(a, m) && inWindow(b, m)) return [i, j];
    }
  }
  return null;
}
