// The roster laid out for reading: one line per local day of the period, the shifts starting
// that day under their role. Periods step by week (Monday to Sunday) or by calendar month.
import type { DutyRole, RosterPeriod, Shift } from '@contract/duty';
import { DAY_MS, localDateString, monthRange, parseLocalDate, weekRange, type TimeRange } from '@contract/yuexiu';

export type RosterKind = 'week' | 'month';

export function periodOf(kind: RosterKind, date: string): RosterPeriod {
  return kind === 'week' ? { kind: 'week', date } : { kind: 'month', month: date.slice(0, 7) };
}

export function rangeOf(kind: RosterKind, date: string): TimeRange {
  return kind === 'week' ? weekRange(date) : monthRange(date.slice(0, 7));
}

/** The date a step back (-1) or forward (+1) lands on: a week, or the first of a month. */
export function stepDate(kind: RosterKind, date: string, dir: -1 | 1): string {
  if (kind === 'week') return localDateString(parseLocalDate(date) + dir * 7 * DAY_MS);
  const r = monthRange(date.slice(0, 7));
  return dir === 1 ? localDateString(r.to) : localDateString(monthRange(localDateString(r.from - DAY_MS).slice(0, 7)).from);
}

export interface RosterDay {
  /** Local midnight. */
  day: number;
  date: string;
  byRole: Record<DutyRole, Shift[]>;
}

/** Every day of the range with the shifts that start on it; shifts starting before the range belong to the previous period. */
export function rosterDays(shifts: readonly Shift[], range: TimeRange): RosterDay[] {
  const days: RosterDay[] = [];
  for (let day = range.from; day < range.to; day += DAY_MS)
    days.push({ day, date: localDateString(day), byRole: { leader: [], chief: [], officer: [], tech: [] } });
  for (const s of [...shifts].sort((a, b) => a.start - b.start)) {
    if (s.start < range.from || s.start >= range.to) continue;
    days[Math.floor((s.start - range.from) / DAY_MS)].byRole[s.role].push(s);
  }
  return days;
}
