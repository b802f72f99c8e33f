// The console's per-display schedule (issue 17), as plain functions: a display's day is a cycle of
// rows, each with a start time (centre time, hh:mm), a kind (day / night / drill, or "off": no
// schedule, the operator's choice holds) and the preset it shows; a row runs until the next row's
// start, the last one past midnight into the first. The rows become the contract's WallSchedule
// windows for that display alone (displays: [n]); windows shared with other displays (displays
// empty or several, e.g. set on a preset's 定时切换) are kept as they are and checked against.
// What the hub does with them: core/wall/schedule.ts (the same window rules as below).
import { UTC_OFFSET_MS } from '@contract/yuexiu';
import type { WallSchedule } from '@contract/wall';

export type RowKind = 'day' | 'night' | 'drill' | 'off';
export const ROW_KINDS: readonly RowKind[] = ['day', 'night', 'drill', 'off'];

export interface ScheduleRow {
  /** Stable key for the list (not sent). */
  key: string;
  kind: RowKind;
  /** hh:mm, centre time. */
  start: string;
  /** The preset it shows; '' for an off row. */
  presetId: string;
}

/** A problem with one field of one row ("rows.2.start"), or with the whole list ("rows"). */
export interface RowProblem {
  path: string;
  code: 'required' | 'badTime' | 'sameStart' | 'noPreset' | 'unknownPreset' | 'overlapsShared' | 'alone' | 'tooMany';
  /** For overlapsShared: the shared window's name and times. */
  name?: string;
  from?: string;
  to?: string;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const DAY = 1440;
/** The contract's WallSettings.schedules.max. */
export const MAX_SCHEDULES = 24;

export function minutesOf(hm: string): number {
  const [h, m] = hm.split(':').map(Number);
  return h * 60 + m;
}

export function hm(minute: number): string {
  const m = ((minute % DAY) + DAY) % DAY;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Minutes after the centre's midnight at an instant (Beijing time, no daylight saving). */
export function minuteOfDay(t: number): number {
  return Math.floor(((((t + UTC_OFFSET_MS) % (DAY * 60_000)) + DAY * 60_000) % (DAY * 60_000)) / 60_000);
}

/** from inclusive, to exclusive; past midnight when to < from (core/wall/schedule.ts inWindow). */
export function inWindow(s: Pick<WallSchedule, 'from' | 'to'>, minute: number): boolean {
  const from = minutesOf(s.from);
  const to = minutesOf(s.to);
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

export function appliesTo(s: WallSchedule, display: number): boolean {
  return s.displays.length === 0 || s.displays.includes(display);
}

/** A window that is this display's alone (the per-display editor owns it). */
export function ownedBy(s: WallSchedule, display: number): boolean {
  return s.displays.length === 1 && s.displays[0] === display;
}

/** The kind a stored window reads as: from the id this editor gives, else from its name. */
export function kindOf(s: WallSchedule): Exclude<RowKind, 'off'> {
  const m = /^d\d+-(day|night|drill)-/.exec(s.id);
  if (m) return m[1] as Exclude<RowKind, 'off'>;
  if (/夜|night/i.test(s.name)) return 'night';
  if (/演练|演习|drill|exercise/i.test(s.name)) return 'drill';
  return 'day';
}

let nextKey = 0;
export function newRow(kind: RowKind = 'day', start = '', presetId = ''): ScheduleRow {
  nextKey += 1;
  return { key: `r${nextKey}`, kind, start, presetId };
}

/** A display's rows from the stored windows it owns; a gap between two windows is an off row. */
export function rowsFor(schedules: readonly WallSchedule[], display: number): ScheduleRow[] {
  const owned = schedules.filter((s) => ownedBy(s, display)).sort((a, b) => minutesOf(a.from) - minutesOf(b.from));
  const rows: ScheduleRow[] = [];
  owned.forEach((s, i) => {
    rows.push(newRow(kindOf(s), s.from, s.presetId));
    const next = owned[(i + 1) % owned.length];
    if (next.from !== s.to) rows.push(newRow('off', s.to));
  });
  return rows.sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
}

/** Windows of other displays too that apply to this one (kept as they are). */
export function sharedFor(schedules: readonly WallSchedule[], display: number): WallSchedule[] {
  return schedules.filter((s) => appliesTo(s, display) && !ownedBy(s, display));
}

/** The rows as windows of this display: each runs to the next row's start; off rows give none. */
export function toSchedules(rows: readonly ScheduleRow[], display: number, names: Readonly<Record<Exclude<RowKind, 'off'>, string>>): WallSchedule[] {
  const sorted = [...rows].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
  const out: WallSchedule[] = [];
  sorted.forEach((r, i) => {
    if (r.kind === 'off') return;
    const next = sorted[(i + 1) % sorted.length];
    out.push({
      id: `d${display + 1}-${r.kind}-${r.start.replace(':', '')}`,
      name: names[r.kind],
      presetId: r.presetId,
      from: r.start,
      to: next.start,
      displays: [display],
    });
  });
  return out;
}

/** Every problem of a display's rows, by field; none means the rows can be saved. */
export function checkRows(rows: readonly ScheduleRow[], display: number, all: readonly WallSchedule[], presetIds: readonly string[]): RowProblem[] {
  const problems: RowProblem[] = [];
  const starts = new Map<string, number>();
  rows.forEach((r, i) => {
    if (r.start === '') problems.push({ path: `rows.${i}.start`, code: 'required' });
    else if (!TIME.test(r.start)) problems.push({ path: `rows.${i}.start`, code: 'badTime' });
    else if (starts.has(r.start)) problems.push({ path: `rows.${i}.start`, code: 'sameStart' });
    else starts.set(r.start, i);
    if (r.kind !== 'off') {
      if (r.presetId === '') problems.push({ path: `rows.${i}.presetId`, code: 'noPreset' });
      else if (!presetIds.includes(r.presetId)) problems.push({ path: `rows.${i}.presetId`, code: 'unknownPreset' });
    }
  });
  if (rows.length === 1) problems.push({ path: 'rows.0.start', code: 'alone' });
  if (problems.length > 0 || rows.length === 0) return problems;
  // A row's window may not share a minute with a window shared with other displays.
  const shared = sharedFor(all, display);
  const sorted = [...rows].map((r, i) => ({ r, i })).sort((a, b) => minutesOf(a.r.start) - minutesOf(b.r.start));
  sorted.forEach(({ r, i }, n) => {
    if (r.kind === 'off') return;
    const window = { from: r.start, to: sorted[(n + 1) % sorted.length].r.start };
    const clash = shared.find((s) => overlaps(window, s));
    if (clash) problems.push({ path: `rows.${i}.start`, code: 'overlapsShared', name: clash.name, from: clash.from, to: clash.to });
  });
  const others = all.filter((s) => !ownedBy(s, display)).length;
  const mine = rows.filter((r) => r.kind !== 'off').length;
  if (others + mine > MAX_SCHEDULES) problems.push({ path: 'rows', code: 'tooMany' });
  return problems;
}

function overlaps(a: Pick<WallSchedule, 'from' | 'to'>, b: Pick<WallSchedule, 'from' | 'to'>): boolean {
  for (let m = 0; m < DAY; m++) if (inWindow(a, m) && inWindow(b, m)) return true;
  return false;
}

/** Every stored window with this display's own replaced by its rows. */
export function mergeSchedules(all: readonly WallSchedule[], display: number, mine: readonly WallSchedule[]): WallSchedule[] {
  return [...all.filter((s) => !ownedBy(s, display)), ...mine];
}

export interface NowNext {
  /** The window the display is in now, if any. */
  now: WallSchedule | null;
  /** The next boundary for this display (hh:mm) and the window it opens (null: out of every window). */
  next: { at: string; window: WallSchedule | null } | null;
}

/** What a display's schedule says now and at its next boundary (null next: no window for it). */
export function nowAndNext(schedules: readonly WallSchedule[], display: number, t: number): NowNext {
  const mine = schedules.filter((s) => appliesTo(s, display));
  const minute = minuteOfDay(t);
  const windowAt = (m: number): WallSchedule | null => mine.find((s) => inWindow(s, m)) ?? null;
  const now = windowAt(minute);
  if (mine.length === 0) return { now, next: null };
  const marks = new Set(mine.flatMap((s) => [minutesOf(s.from), minutesOf(s.to)]));
  let best = DAY;
  for (const mark of marks) {
    const ahead = (mark - minute + DAY) % DAY || DAY;
    best = Math.min(best, ahead);
  }
  const at = (minute + best) % DAY;
  return { now, next: { at: hm(at), window: windowAt(at) } };
}
