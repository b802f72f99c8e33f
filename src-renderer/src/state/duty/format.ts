// Times and rates as the duty room reads them: local time is China Standard Time (UTC+08:00)
// whatever the machine's zone, as in every server message (contract/yuexiu.ts).
import { DAY_MS, formatLocal, localDateString, localTime } from '@contract/yuexiu';
import type { ResponseLevel } from '@contract/plans';

/** "14:05" */
export function hhmm(ms: number): string {
  return formatLocal(ms).slice(11);
}

/** "2025-06-03 14:05" */
export const dateTime = formatLocal;

/** "06-03 14:05": enough on a wall where the date is in the header. */
export function shortDateTime(ms: number): string {
  return formatLocal(ms).slice(5);
}

/** Days between the local dates of two times (0 = same day, 1 = the next day…). */
export function daysApart(from: number, to: number): number {
  return Math.round((Date.parse(localDateString(to)) - Date.parse(localDateString(from))) / DAY_MS);
}

/** "1 h 05 min"-style parts of a duration, for i18n templates. */
export function durationParts(ms: number): { h: number; m: number } {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  return { h: Math.floor(minutes / 60), m: minutes % 60 };
}

/** 0.964 → "96.4%", 1 → "100%", null (nothing due) → "—". */
export function percent(rate: number | null): string {
  if (rate === null) return '—';
  const p = Math.round(rate * 1000) / 10;
  return `${Number.isInteger(p) ? p.toFixed(0) : p.toFixed(1)}%`;
}

export const ROMAN: Record<ResponseLevel, string> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ' };

/** "YYYY-MM-DDTHH:mm" (a datetime-local input, read as local time) → epoch ms, or null. */
export function parseLocalInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number);
  const t = localTime(y, mo, d, h, mi);
  // Reject 2025-02-30 and friends rather than roll them over.
  return formatLocal(t) === `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}` ? t : null;
}

/** Epoch ms → "YYYY-MM-DDTHH:mm" for a datetime-local input (local time). */
export function toLocalInput(ms: number): string {
  return formatLocal(ms).replace(' ', 'T');
}

/** A mainland mobile number in the 3-4-4 groups people read aloud ("138 0000 0003"); others as typed. */
export function phoneGroups(phone: string): string {
  const digits = phone.replace(/[\s-]/g, '');
  return /^1\d{10}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}` : phone;
}
