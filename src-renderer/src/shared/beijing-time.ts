// Times on the wall are Beijing time whatever the machine's own zone is set to: the hall
// coordinates with city and province by that clock.
import type { Language } from '../i18n';

export const BEIJING_TZ = 'Asia/Shanghai';

/** China has kept UTC+8 all year since 1991 (no summer time), so Beijing time is plain
 *  arithmetic. Intl.DateTimeFormat with a time zone would load ICU's zone and locale data as
 *  the wall starts: 30-50 ms of a starting wall's main thread, measured by the wall bench. */
const OFFSET_MS = 8 * 3600_000;
const WEEKDAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const two = (n: number): string => String(n).padStart(2, '0');

/** A Date whose UTC fields read as Beijing's wall clock at `ms`. */
const beijing = (ms: number): Date => new Date(ms + OFFSET_MS);

/** "09:05:03", 24-hour, in Beijing time. */
export function formatBeijingClock(ms: number): string {
  const d = beijing(ms);
  return `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** "2025年1月1日 星期三" or "Wednesday 1 January 2025", in Beijing time. */
export function formatBeijingDate(ms: number, lang: Language): string {
  const d = beijing(ms);
  const [y, m, day, wd] = [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCDay()];
  return lang === 'en' ? `${WEEKDAYS_EN[wd]} ${day} ${MONTHS_EN[m]} ${y}` : `${y}年${m + 1}月${day}日 ${WEEKDAYS_ZH[wd]}`;
}

/** Signed seconds with one decimal, e.g. "+0.3", "−12.0", or "±0.0" when too small to show. */
export function formatOffsetSeconds(ms: number): string {
  const tenths = Math.round(ms / 100);
  const sign = tenths > 0 ? '+' : tenths < 0 ? '−' : '±';
  return `${sign}${(Math.abs(tenths) / 10).toFixed(1)}`;
}

/** Beyond this the operator is warned: a wall clock off by seconds misleads a response log. */
export const OFFSET_WARN_MS = 2000;
