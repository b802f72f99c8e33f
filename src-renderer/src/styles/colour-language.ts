// The wall's one colour language (issue 17): what each colour means, said once. Red, orange,
// yellow and blue mean a level only: the national warning signal colours (预警信号, GB/T 27962's
// four colours) and the matching risk grades of the four-colour risk map and response levels
// (Ⅰ red … Ⅳ blue). Every other status (a panel's state, a link, a power alarm) takes one of the
// five neutral-family state colours below, never a level colour, so a red thing is always a red
// level. Colour is never the only signal: every entry carries a shape (a glyph that reads in
// monochrome) and a word, and panels show at least one of them beside the colour.
//
// base.css declares each colour as a custom property (--state-*, --level-*, --link-*) from these
// values; colour-language.test.ts checks that the two agree and that every colour reads on the
// wall's surfaces (WCAG 2.x contrast ≥ 4.5:1, and its ink on it as a fill).
import type { Label } from '@contract/primitives';

export interface Swatch {
  /** The colour itself: a fill, a line, or text on the wall's dark surfaces. */
  colour: string;
  /** Text drawn on a fill of the colour (a badge, a cluster's count). */
  ink: string;
  /** A glyph that says the same without colour (legends, badges, screen readers skip it). */
  shape: string;
  /** The word for it, in both languages. */
  word: Label;
}

/** The wall's surfaces every colour must read on (base.css --bg, --surface, --surface-2). */
export const SURFACES = { bg: '#03060b', surface: '#0a1320', surface2: '#101c2e' } as const;

const DARK_INK = '#05080f';
const LIGHT_INK = '#ffffff';

// ---- states: how a thing is doing -------------------------------------------------------
export type StateName = 'normal' | 'attention' | 'alarm' | 'stale' | 'offline';
export const STATES: Record<StateName, Swatch> = {
  normal: { colour: '#3ddc84', ink: DARK_INK, shape: '●', word: { zh: '正常', en: 'Normal' } },
  attention: { colour: '#c9a0ff', ink: DARK_INK, shape: '▲', word: { zh: '注意', en: 'Attention' } },
  alarm: { colour: '#ff4fd8', ink: DARK_INK, shape: '■', word: { zh: '告警', en: 'Alarm' } },
  /** Unknown or old data: grey, never green. */
  stale: { colour: '#a9b8cb', ink: DARK_INK, shape: '◌', word: { zh: '状态未知', en: 'Unknown' } },
  offline: { colour: '#8b9bb0', ink: DARK_INK, shape: '✕', word: { zh: '离线', en: 'Offline' } },
};

// ---- levels: warning signals, risk grades, response levels ---------------------------------
export type LevelName = 'red' | 'orange' | 'yellow' | 'blue';
/** Most severe first. */
export const LEVEL_ORDER: readonly LevelName[] = ['red', 'orange', 'yellow', 'blue'];
export const LEVELS: Record<LevelName, Swatch & { numeral: string }> = {
  red: { colour: '#ff3333', ink: DARK_INK, shape: '◆', numeral: 'Ⅰ', word: { zh: '红色', en: 'Red' } },
  orange: { colour: '#ff8a00', ink: DARK_INK, shape: '▲', numeral: 'Ⅱ', word: { zh: '橙色', en: 'Orange' } },
  yellow: { colour: '#ffe100', ink: DARK_INK, shape: '■', numeral: 'Ⅲ', word: { zh: '黄色', en: 'Yellow' } },
  // The four-colour map's red (#ff1f1f) and blue (#1f7bff) are a little too dark to read as text
  // on the wall's surfaces (4.45:1 and 3.9:1 on #101c2e): the wall's are a lighter step of each hue.
  blue: { colour: '#4d94ff', ink: DARK_INK, shape: '●', numeral: 'Ⅳ', word: { zh: '蓝色', en: 'Blue' } },
};

/** The most severe of some levels (null for none): a map cluster takes the colour of its worst point. */
export function worstLevel(levels: Iterable<LevelName | null | undefined>): LevelName | null {
  let best: number = LEVEL_ORDER.length;
  for (const l of levels) {
    if (!l) continue;
    const i = LEVEL_ORDER.indexOf(l);
    if (i >= 0 && i < best) best = i;
  }
  return best < LEVEL_ORDER.length ? LEVEL_ORDER[best] : null;
}

// ---- links: the two networks and the hub -------------------------------------------------
export type LinkName = 'up' | 'degraded' | 'down';
export const LINKS: Record<LinkName, Swatch> = {
  up: { colour: STATES.normal.colour, ink: DARK_INK, shape: '●', word: { zh: '已连接', en: 'Connected' } },
  degraded: { colour: STATES.attention.colour, ink: DARK_INK, shape: '▲', word: { zh: '连接中', en: 'Connecting' } },
  down: { colour: STATES.alarm.colour, ink: DARK_INK, shape: '✕', word: { zh: '已断开', en: 'Disconnected' } },
};

// ---- neutrals for things that are neither a state nor a level --------------------------------
/** A map object that has no level (shelter, warehouse, team…), a cluster with no risk point in it. */
export const NEUTRAL: Swatch = { colour: '#dbe4ee', ink: DARK_INK, shape: '○', word: { zh: '其他', en: 'Other' } };
/** Light text on a dark fill: for the few fills dark enough to need it. */
export const INK_ON_DARK = LIGHT_INK;
/** Dark text on a light fill (a badge in a state or level colour): every swatch's ink. */
export const INK_ON_LIGHT = DARK_INK;

/**
 * Charts (statistics): a count or a year is neither a state nor a level, so its series take the
 * neutrals, told apart by lightness (and by the legend's words), never a state or level colour.
 */
export const DATA = {
  /** Series colours, most prominent first. */
  series: [NEUTRAL.colour, STATES.offline.colour] as readonly string[],
  /** Axis labels and values (base.css --muted). */
  label: STATES.stale.colour,
  /** Grid and axis lines (base.css --line). */
  grid: '#22344d',
} as const;

/**
 * Every literal colour a panel may write (panels otherwise use base.css's custom properties):
 * the swatches, their inks, the surfaces, and black and white (video, shadows).
 */
export function allowedLiterals(): Set<string> {
  const out = new Set<string>(['#000', '#000000', '#fff', '#ffffff', DARK_INK, LIGHT_INK, DATA.grid, ...Object.values(SURFACES)]);
  for (const s of [...Object.values(STATES), ...Object.values(LEVELS), ...Object.values(LINKS), NEUTRAL]) {
    out.add(s.colour);
    out.add(s.ink);
  }
  return new Set([...out].map((c) => c.toLowerCase()));
}

/** Every swatch by its CSS custom property name (base.css declares the same, checked by the test). */
export function cssVariables(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, s] of Object.entries(STATES)) out[`--state-${k}`] = s.colour;
  for (const [k, s] of Object.entries(LEVELS)) out[`--level-${k}`] = s.colour;
  for (const [k, s] of Object.entries(LINKS)) out[`--link-${k}`] = s.colour;
  out['--neutral'] = NEUTRAL.colour;
  return out;
}

// ---- WCAG contrast ------------------------------------------------------------------------
function channel(c: number): number {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a #rgb or #rrggbb colour (WCAG 2.x). */
export function luminance(hex: string): number {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  if (!/^[0-9a-f]{6}$/i.test(full)) throw new Error(`not a #rgb or #rrggbb colour: ${hex}`);
  const [r, g, b] = [0, 2, 4].map((i) => channel(parseInt(full.slice(i, i + 2), 16)));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
