// Times on the wall are Beijing time whatever the machine's own zone is set to: the hall
// coordinates with city and province by that clock.
import { localParts } from '@contract/yuexiu';
import type { Language } from '../i18n';

// China has kept UTC+8 all year since 1991 (no summer time), so Beijing time is the contract's
// local-time arithmetic (localParts). Intl.DateTimeFormat with a time zone would load ICU's zone
// and locale data as the wall starts: 30-50 ms of a starting wall's main thread (wall bench).
const WEEKDAYS_ZH = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];
const WEEKDAYS_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const two = (n: number): string => String(n).padStart(2, '0');

/** "09:05:03", 24-hour, in Beijing time. */
export function formatBeijingClock(ms: number): string {
  const p = localParts(ms);
  // A whole-hour offset leaves the seconds as they are in UTC.
  return `${two(p.hour)}:${two(p.minute)}:${two(new Date(ms).getUTCSeconds())}`;
}

/** "2025年1月1日 星期三" or "Wednesday 1 January 2025", in Beijing time. */
export function formatBeijingDate(ms: number, lang: Language): string {
  const p = localParts(ms);
  return lang === 'en'
    ? `${WEEKDAYS_EN[p.weekday - 1]} ${p.day} ${MONTHS_EN[p.month - 1]} ${p.year}`
    : `${p.year}年${p.month}月${p.day}日 ${WEEKDAYS_ZH[p.weekday - 1]}`;
}

/** Signed seconds with one decimal, e.g. "+0.3", "−12.0", or "±0.0" when too small to show. */
export function formatOffsetSeconds(ms: number): string {
  const tenths = Math.round(ms / 100);
  const sign = tenths > 0 ? '+' : tenths < 0 ? '−' : '±';
  return `${sign}${(Math.abs(tenths) / 10).toFixed(1)}`;
}

/** Beyond this the operator is warned: a wall clock off by seconds misleads a response log. */
export const OFFSET_WARN_MS = 2000;
