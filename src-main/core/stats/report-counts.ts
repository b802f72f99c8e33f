// Live counts of duty-log reports (duty_report, written by the duty capability) by category, by
// street and by local day (China Standard Time), for the statistics panel.
import { ReportCategory } from '../contract/duty';
import type { ReportCounts } from '../contract/stats';
import { DAY_MS, localDateString, parseLocalDate, UTC_OFFSET_MS, YUEXIU_STREETS, type StreetName } from '../contract/yuexiu';
import type { Store } from '../store';

/** Most days one answer lists (the contract allows 400). */
const MAX_DAYS = 401;

export function reportCounts(store: Store, from: number, to: number): ReportCounts {
  const range = [from, to];
  const category = store.all<{ k: string; n: number }>(
    'SELECT category AS k, count(*) AS n FROM duty_report WHERE received_at >= ? AND received_at < ? GROUP BY category',
    range,
  );
  const street = store.all<{ k: string; n: number }>(
    'SELECT street AS k, count(*) AS n FROM duty_report WHERE received_at >= ? AND received_at < ? GROUP BY street',
    range,
  );
  // Local day number: whole days since the epoch in UTC+08:00, computed in SQL from parameters only.
  const day = store.all<{ d: number; n: number }>(
    'SELECT (received_at + ?) / ? AS d, count(*) AS n FROM duty_report WHERE received_at >= ? AND received_at < ? GROUP BY d',
    [UTC_OFFSET_MS, DAY_MS, from, to],
  );
  const byDayMap = new Map(day.map((r) => [localDateString(r.d * DAY_MS - UTC_OFFSET_MS), r.n]));
  const byDay: { date: string; n: number }[] = [];
  for (let t = parseLocalDate(localDateString(from)); t < to && byDay.length < MAX_DAYS; t += DAY_MS) {
    const date = localDateString(t);
    byDay.push({ date, n: byDayMap.get(date) ?? 0 });
  }
  const catCount = new Map(category.map((r) => [r.k, r.n]));
  const streetCount = new Map(street.map((r) => [r.k, r.n]));
  return {
    from,
    to,
    total: category.reduce((s, r) => s + r.n, 0),
    byCategory: ReportCategory.options.map((c) => ({ category: c, n: catCount.get(c) ?? 0 })),
    byStreet: YUEXIU_STREETS.map((s) => ({ street: s.name as StreetName, n: streetCount.get(s.name) ?? 0 })),
    byDay,
    available: true,
  };
}
