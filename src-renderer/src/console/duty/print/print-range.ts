// The printable duty log's period, from its address: ?view=print-log&from=YYYY-MM-DD&to=YYYY-MM-DD
// (local dates, both included). Missing or malformed dates fall back to today.
import { DAY_MS, LocalDate, localDateString, parseLocalDate } from '@contract/yuexiu';

export interface PrintRange {
  from: string;
  to: string;
}

/** At most this many days on one printout (the log export takes longer periods). */
export const MAX_PRINT_DAYS = 31;

export function parsePrintRange(search: string, today: string): PrintRange {
  const q = new URLSearchParams(search);
  const date = (v: string | null): string | null => (v !== null && LocalDate.safeParse(v).success ? v : null);
  const from = date(q.get('from')) ?? today;
  let to = date(q.get('to')) ?? from;
  if (to < from) to = from;
  const last = localDateString(parseLocalDate(from) + (MAX_PRINT_DAYS - 1) * DAY_MS);
  return { from, to: to > last ? last : to };
}

/** Epoch bounds for duty.listReports: from the first midnight to the midnight after the last day. */
export function printBounds(r: PrintRange): { from: number; to: number } {
  return { from: parseLocalDate(r.from), to: parseLocalDate(r.to) + DAY_MS };
}

export function printLogUrl(r: PrintRange): string {
  return `?${new URLSearchParams({ view: 'print-log', from: r.from, to: r.to }).toString()}`;
}
