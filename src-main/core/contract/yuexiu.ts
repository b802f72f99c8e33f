// Reference data of Yuexiu district (越秀区, Guangzhou) shared by the core and the renderer: its
// 18 streets (街道), a bounding box for checking coordinates, and local time. Guangzhou keeps
// China Standard Time (UTC+08:00) all year, so "an hour", "a day", "a week" and "a month" of the
// roster are computed with a fixed offset and no daylight-saving rules. Pure data and functions.
import { z } from 'zod';

// ---- streets -----------------------------------------------------------------------
/**
 * The 18 streets of Yuexiu, in the order of the district's official list. The seed plan
 * (yuexiu-emergency-plan-2021-2025) counts "18个街道" but does not name them; the names are the
 * district's current administrative divisions. `centre` is an approximate point inside the
 * street (±1 km, WGS84), good enough to place a marker for a report without coordinates; it is
 * not survey data.
 */
export const YUEXIU_STREETS = [
  { name: '洪桥街', nameEn: 'Hongqiao Street', pinyin: 'Hóngqiáo Jiē', centre: { lat: 23.1345, lng: 113.2625 } },
  { name: '北京街', nameEn: 'Beijing Street', pinyin: 'Běijīng Jiē', centre: { lat: 23.1255, lng: 113.2705 } },
  { name: '六榕街', nameEn: 'Liurong Street', pinyin: 'Liùróng Jiē', centre: { lat: 23.1305, lng: 113.2605 } },
  { name: '流花街', nameEn: 'Liuhua Street', pinyin: 'Liúhuā Jiē', centre: { lat: 23.143, lng: 113.257 } },
  { name: '光塔街', nameEn: 'Guangta Street', pinyin: 'Guāngtǎ Jiē', centre: { lat: 23.125, lng: 113.2595 } },
  { name: '人民街', nameEn: 'Renmin Street', pinyin: 'Rénmín Jiē', centre: { lat: 23.1185, lng: 113.2585 } },
  { name: '东山街', nameEn: 'Dongshan Street', pinyin: 'Dōngshān Jiē', centre: { lat: 23.125, lng: 113.295 } },
  { name: '农林街', nameEn: 'Nonglin Street', pinyin: 'Nónglín Jiē', centre: { lat: 23.1285, lng: 113.29 } },
  { name: '梅花村街', nameEn: 'Meihuacun Street', pinyin: 'Méihuācūn Jiē', centre: { lat: 23.133, lng: 113.3 } },
  { name: '黄花岗街', nameEn: 'Huanghuagang Street', pinyin: 'Huánghuāgǎng Jiē', centre: { lat: 23.14, lng: 113.292 } },
  { name: '华乐街', nameEn: 'Huale Street', pinyin: 'Huálè Jiē', centre: { lat: 23.142, lng: 113.28 } },
  { name: '建设街', nameEn: 'Jianshe Street', pinyin: 'Jiànshè Jiē', centre: { lat: 23.135, lng: 113.282 } },
  { name: '大塘街', nameEn: 'Datang Street', pinyin: 'Dàtáng Jiē', centre: { lat: 23.122, lng: 113.278 } },
  { name: '珠光街', nameEn: 'Zhuguang Street', pinyin: 'Zhūguāng Jiē', centre: { lat: 23.12, lng: 113.282 } },
  { name: '大东街', nameEn: 'Dadong Street', pinyin: 'Dàdōng Jiē', centre: { lat: 23.128, lng: 113.282 } },
  { name: '白云街', nameEn: 'Baiyun Street', pinyin: 'Báiyún Jiē', centre: { lat: 23.118, lng: 113.3 } },
  { name: '登峰街', nameEn: 'Dengfeng Street', pinyin: 'Dēngfēng Jiē', centre: { lat: 23.16, lng: 113.278 } },
  { name: '矿泉街', nameEn: 'Kuangquan Street', pinyin: 'Kuàngquán Jiē', centre: { lat: 23.16, lng: 113.255 } },
] as const;

export type StreetInfo = (typeof YUEXIU_STREETS)[number];

const STREET_NAMES = YUEXIU_STREETS.map((s) => s.name) as unknown as readonly [StreetInfo['name'], ...StreetInfo['name'][]];

/** One of Yuexiu's 18 streets, by its Chinese name (e.g. "北京街"). */
export const StreetName = z.enum(STREET_NAMES, { error: `not a Yuexiu street; expected one of ${STREET_NAMES.join('、')}` });
export type StreetName = z.infer<typeof StreetName>;

export function streetInfo(name: StreetName): StreetInfo {
  return YUEXIU_STREETS.find((s) => s.name === name)!;
}

// ---- where Yuexiu lies -------------------------------------------------------------
/**
 * A generous box around the district (WGS84). Coordinates outside it are almost certainly a
 * typo, a swapped latitude/longitude, or a GCJ-02/BD-09 pair pasted from a consumer map.
 */
export const YUEXIU_BBOX = { minLat: 23.095, maxLat: 23.195, minLng: 113.225, maxLng: 113.335 } as const;

export function inYuexiu(lat: number, lng: number): boolean {
  const b = YUEXIU_BBOX;
  return lat >= b.minLat && lat <= b.maxLat && lng >= b.minLng && lng <= b.maxLng;
}

/** A point in WGS84 decimal degrees, checked to lie roughly within Yuexiu. */
export const Coordinates = z
  .strictObject({
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
  })
  .refine((c) => inYuexiu(c.lat, c.lng), {
    error: (issue) => {
      const c = issue.input as { lat: number; lng: number };
      const b = YUEXIU_BBOX;
      return `coordinates ${c.lat}, ${c.lng} lie outside Yuexiu (latitude ${b.minLat}–${b.maxLat}, longitude ${b.minLng}–${b.maxLng}, WGS84)`;
    },
  });
export type Coordinates = z.infer<typeof Coordinates>;

// ---- local time (China Standard Time, UTC+08:00) -----------------------------------
export const UTC_OFFSET_MS = 8 * 3600_000;
export const HOUR_MS = 3600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * Years a date or month of the API may name: from 1970 (times are epoch milliseconds, never
 * negative) to 9999 (four digits, as the Timestamps of duty.ts end there).
 */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 9999;
// (A string not shaped like a date is left to the pattern's message.)
const yearInRange = (s: string): boolean => !/^\d{4}/.test(s) || Number(s.slice(0, 4)) >= MIN_YEAR;
const yearRangeError = (i: { input: unknown }): string => `${String(i.input)}: the year is ${MIN_YEAR} to ${MAX_YEAR}`;

/** A calendar date in local time, "YYYY-MM-DD". */
export const LocalDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date is written YYYY-MM-DD')
  .refine(yearInRange, { error: yearRangeError, abort: true })
  .refine((s) => localDateString(parseLocalDate(s)) === s, { error: (i) => `${String(i.input)} is not a calendar date` });
export type LocalDate = z.infer<typeof LocalDate>;

/** A calendar month in local time, "YYYY-MM". */
export const LocalMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is written YYYY-MM')
  .refine(yearInRange, { error: yearRangeError });
export type LocalMonth = z.infer<typeof LocalMonth>;

export interface LocalParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
}

export function localParts(ms: number): LocalParts {
  const d = new Date(ms + UTC_OFFSET_MS);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: ((d.getUTCDay() + 6) % 7) + 1,
  };
}

/** Epoch milliseconds of a local wall-clock time. */
export function localTime(year: number, month: number, day: number, hour = 0, minute = 0): number {
  return Date.UTC(year, month - 1, day, hour, minute) - UTC_OFFSET_MS;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "YYYY-MM-DD HH:mm" in local time: the form every message and export uses. */
export function formatLocal(ms: number): string {
  const p = localParts(ms);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}`;
}

/** "YYYY-MM-DD HH:mm–HH:mm", or with the end's date when it falls on another day. */
export function formatLocalRange(from: number, to: number): string {
  const a = formatLocal(from);
  const b = formatLocal(to);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a}–${b.slice(11)}` : `${a} – ${b}`;
}

export function localDateString(ms: number): string {
  return formatLocal(ms).slice(0, 10);
}

export function localMonthString(ms: number): string {
  return formatLocal(ms).slice(0, 7);
}

/** Local midnight starting the date "YYYY-MM-DD". */
export function parseLocalDate(s: string): number {
  const [y, m, d] = s.split('-').map(Number);
  return localTime(y, m, d);
}

export interface TimeRange {
  /** Inclusive, epoch ms. */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
}

/** The local calendar month "YYYY-MM": from its first midnight to the next month's. */
export function monthRange(month: string): TimeRange {
  const [y, m] = month.split('-').map(Number);
  return { from: localTime(y, m, 1), to: localTime(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) };
}

/** The local week (Monday 00:00 to the next Monday) containing the date "YYYY-MM-DD". */
export function weekRange(date: string): TimeRange {
  const day = parseLocalDate(date);
  const from = day - (localParts(day).weekday - 1) * DAY_MS;
  return { from, to: from + 7 * DAY_MS };
}

/** Months ("YYYY-MM") a range touches, in order. */
export function monthsOverlapping(r: TimeRange): string[] {
  // Counts months as numbers: the string of the month after 9999-12 ("10000-0…") once sent
  // this loop back to 9999-12 for ever.
  const out: string[] = [];
  let { year, month } = localParts(r.from);
  while (localTime(year, month, 1) < r.to) {
    out.push(`${year}-${pad(month)}`);
    if (++month > 12) [year, month] = [year + 1, 1];
  }
  return out;
}
