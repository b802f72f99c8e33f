// Small formatting helpers shared by the situation panels (local time is China Standard Time).
import { formatLocal } from '@contract/yuexiu';

export function formatTime(ms: number | null | undefined): string {
  return ms === null || ms === undefined ? '—' : formatLocal(ms);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
/** Up to two decimals, grouped. One formatter per language: toLocaleString would build (and
 *  look up locale data for) a new one on every call. */
export function formatNumber(n: number, lang: 'zh-CN' | 'en'): string {
  let f = numberFormats.get(lang);
  if (!f) numberFormats.set(lang, (f = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { maximumFractionDigits: 2 })));
  return f.format(n);
}
