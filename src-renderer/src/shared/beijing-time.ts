// Times on the wall are Beijing time whatever the machine's own zone is set to: the hall
// coordinates with city and province by that clock.
import { localeOf, type Language } from '../i18n';

export const BEIJING_TZ = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Intl formatters are costly to build and the clock formats every second: keep them. */
function formatter(key: string, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone: BEIJING_TZ, ...options })));
  return f;
}

/** "09:05:03", 24-hour, in Beijing time. */
export function formatBeijingClock(ms: number): string {
  const parts = formatter('clock', 'en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).formatToParts(ms);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '--';
  return `${get('hour')}:${get('minute')}:${get('second')}`;
}

/** "2025年1月1日 星期三" or "Wednesday 1 January 2025", in Beijing time. Assembled from
 *  parts because ICU versions differ in their punctuation between weekday and date. */
export function formatBeijingDate(ms: number, lang: Language): string {
  const parts = formatter(`date-${lang}`, localeOf(lang), { year: 'numeric', month: lang === 'en' ? 'long' : 'numeric', day: 'numeric', weekday: 'long' }).formatToParts(ms);
  const get = (type: Intl.DateTimeFormatPartTypes): string => parts.find((p) => p.type === type)?.value ?? '';
  return lang === 'en'
    ? `${get('weekday')} ${get('day')} ${get('month')} ${get('year')}`
    : `${get('year')}年${get('month')}月${get('day')}日 ${get('weekday')}`;
}

/** Signed seconds with one decimal, e.g. "+0.3", "−12.0", or "±0.0" when too small to show. */
export function formatOffsetSeconds(ms: number): string {
  const tenths = Math.round(ms / 100);
  const sign = tenths > 0 ? '+' : tenths < 0 ? '−' : '±';
  return `${sign}${(Math.abs(tenths) / 10).toFixed(1)}`;
}

/** Beyond this the operator is warned: a wall clock off by seconds misleads a response log. */
export const OFFSET_WARN_MS = 2000;
