// Numbers as the power panel shows them: fixed decimals per quantity, "—" where a source does not
// report the value (never a made-up 0), and the language's own words for minutes and hours.
import type { PowerText } from '@contract/power';
import type { Language, Translate } from '../../i18n';

export const NONE = '—';

export function num(v: number | null | undefined, digits = 0): string {
  return v === null || v === undefined || !Number.isFinite(v) ? NONE : v.toFixed(digits);
}

/** "100 %", "230 V": the unit only when there is a value. */
export function withUnit(v: number | null | undefined, unit: string, digits = 0): string {
  const n = num(v, digits);
  return n === NONE ? n : `${n} ${unit}`;
}

/** Minutes with a decimal below 10 (where a minute matters), whole above. */
export function minutesText(t: Translate, m: number | null): string {
  if (m === null || !Number.isFinite(m)) return NONE;
  return t('power.minutes', { v: m < 10 ? m.toFixed(1) : Math.round(m).toString() });
}

export function hoursText(t: Translate, h: number | null): string {
  if (h === null || !Number.isFinite(h)) return NONE;
  return t('power.hours', { v: h < 10 ? h.toFixed(1) : Math.round(h).toString() });
}

/** The server's two-language text in the page's language. */
export function textIn(lang: Language, text: PowerText): string {
  return lang === 'en' ? text.en : text.zh;
}
