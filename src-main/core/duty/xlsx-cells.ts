// Reading and writing the cells of our workbooks (exceljs). Excel keeps wall-clock times with no
// zone; ours are local (UTC+08:00), so a cell showing "2025-06-03 08:00" means 08:00 in
// Guangzhou whatever the zone of the machine that reads or writes it.
import type { CellValue } from 'exceljs';
import { localTime, UTC_OFFSET_MS } from '../contract/yuexiu';

export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';
const MINUTE_MS = 60_000;

/** A cell as plain text, number, date or nothing (rich text, hyperlinks and formulas unwrapped). */
export function plainValue(v: CellValue): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return plainValue((v as { result?: CellValue }).result ?? null);
    if ('text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
    if ('error' in v) return null;
  }
  return null;
}

export function cellText(v: CellValue): string {
  const p = plainValue(v);
  if (p === null) return '';
  if (p instanceof Date) return p.toISOString();
  return String(p).trim();
}

/** Epoch ms of a local wall-clock time from a date cell, an Excel serial number or text; null if none. */
export function cellTime(v: CellValue): number | null {
  const p = plainValue(v);
  if (p instanceof Date) return Number.isNaN(p.getTime()) ? null : roundMinute(p.getTime() - UTC_OFFSET_MS);
  if (typeof p === 'number') {
    // Excel serial days since 1899-12-30; 2000-01-01 … 2099-12-31 only (anything else is not a roster time).
    if (p < 36526 || p > 73415) return null;
    return roundMinute((p - 25569) * 86_400_000 - UTC_OFFSET_MS);
  }
  if (typeof p === 'string') return parseLocalText(p.trim());
  return null;
}

/** "2025-06-03 08:00", "2025/6/3 8:00", "2025-06-03T08:00:00", in local time. */
function parseLocalText(s: string): number | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (!m) return null;
  const [y, mo, d, h, mi] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59) return null;
  const t = localTime(y, mo, d, h, mi);
  // Rejects 2025-02-30 and the like, which Date.UTC would roll over.
  if (new Date(t + UTC_OFFSET_MS).getUTCDate() !== d) return null;
  return t;
}

function roundMinute(ms: number): number {
  return Math.round(ms / MINUTE_MS) * MINUTE_MS;
}

/** The Date exceljs writes so that Excel shows the local wall-clock time. */
export function excelDate(ms: number): Date {
  return new Date(ms + UTC_OFFSET_MS);
}
