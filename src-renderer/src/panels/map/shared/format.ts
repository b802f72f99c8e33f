// Small formatting helpers shared by the situation panels (local time is China Standard Time).
import { formatLocal } from '../../../../../src-main/core/contract/yuexiu';

export function formatTime(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : formatLocal(ms);
}

/** "14:05" when today, else "06-01 14:05" (local). */
export function formatShort(ms: number, now: number): string {
  const a = formatLocal(ms);
  return a.slice(0, 10) === formatLocal(now).slice(0, 10) ? a.slice(11) : a.slice(5);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** Up to two decimals, grouped. One formatter per language: toLocaleString would build (and
 *  look up locale data for) a new one on every call. */
export function formatNumber(n: number, lang: 'zh-CN' | 'en'): string {
  let f = numberFormats.get(lang);
  if (!f) numberFormats.set(lang, (f = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { maximumFractionDigits: 2 })));
  return f.format(n);
}
