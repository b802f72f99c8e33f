// The wall's type scale, from the room (contract WallSettings: the display's width in metres and
// the viewing distance) and the screen's width in CSS px. Legibility rules for signage and control
// rooms put the letter height at viewing distance / 250 for the least text one must still read and
// / 200 for what one reads at a glance; px per metre turns that into px. A 3.6 m-wide 4K wall read
// from 8 m: 1067 px/m, so at least 35 px for any text and 43 px for the main line of an item; the
// same wall driven at 1920×1080: 18 px and 22 px. Panels get these as CSS custom properties on the
// wall's root (styles/wall.css) and grow with their cell above them, never under; a list that does
// not fit shows fewer items and says how many more (fitCount, panels/FitList.tsx).
import type { WallSettings } from '@contract/wall';

export interface TypeScale {
  pxPerMetre: number;
  /** No text on the wall is smaller (font-size, CSS px). */
  minPx: number;
  /** The main line of every item (a report's summary, a warning's name, an action's text). */
  mainPx: number;
  /** Cell titles and the alert strip's headline. */
  titlePx: number;
}

/** Letter height as a fraction of the viewing distance: least text, main lines. */
export const MIN_RATIO = 1 / 250;
export const MAIN_RATIO = 1 / 200;
/** Whatever the room says, nothing under this (a small test window, a tiny wall). */
const FLOOR_PX = 12;

export function typeScale(room: Pick<WallSettings, 'widthM' | 'viewingDistanceM'>, screenWidthPx: number): TypeScale {
  const pxPerMetre = screenWidthPx / room.widthM;
  const px = (ratio: number): number => Math.max(FLOOR_PX, Math.ceil(room.viewingDistanceM * ratio * pxPerMetre));
  const minPx = px(MIN_RATIO);
  const mainPx = Math.max(minPx, px(MAIN_RATIO));
  return { pxPerMetre, minPx, mainPx, titlePx: Math.ceil(mainPx * 1.1) };
}

/** The custom properties the wall's root carries (panels' CSS reads them). */
export function typeScaleVars(scale: TypeScale): Record<string, string> {
  return {
    '--wall-min-px': `${scale.minPx}px`,
    '--wall-main-px': `${scale.mainPx}px`,
    '--wall-title-px': `${scale.titlePx}px`,
  };
}

/**
 * How many items of a list fit: `bottoms` are the items' bottom edges from the top of the list's
 * box (in order), `available` the box's height, `marker` the height of the "另有 N 项" line shown
 * when some do not fit. All fit: all. Otherwise as many as fit above the marker (possibly none).
 */
export function fitCount(bottoms: readonly number[], available: number, marker: number): number {
  const n = bottoms.length;
  // Half a pixel of slack: sub-pixel layout must not drop an item that does fit.
  if (n === 0 || bottoms[n - 1] <= available + 0.5) return n;
  const room = available - marker;
  let k = 0;
  while (k < n && bottoms[k] <= room + 0.5) k++;
  return k;
}

/**
 * Which items of a list to keep when some must be shown whatever else is cut (a response's
 * heading: a new response must never be hidden behind an older one's action lines). Heights come
 * from each item's bottom (gaps included); when all fit, all are kept; otherwise the pinned ones
 * first (in order, as many as fit), then the others in order up to the first that does not fit,
 * leaving room for the "另有 N 项" marker. The indices kept, ascending.
 */
export function fitPick(bottoms: readonly number[], available: number, marker: number, pinned: readonly boolean[]): number[] {
  const n = bottoms.length;
  if (n === 0 || bottoms[n - 1] <= available + 0.5) return bottoms.map((_, i) => i);
  const heights = bottoms.map((b, i) => b - (i > 0 ? bottoms[i - 1] : 0));
  const room = available - marker + 0.5;
  const kept = new Set<number>();
  let used = 0;
  for (let i = 0; i < n; i++) {
    if (!pinned[i]) continue;
    if (used + heights[i] > room) break;
    kept.add(i);
    used += heights[i];
  }
  for (let i = 0; i < n; i++) {
    if (pinned[i]) continue;
    if (used + heights[i] > room) break;
    kept.add(i);
    used += heights[i];
  }
  return [...kept].sort((a, b) => a - b);
}

/** A list in the order the wall shows it: higher `rank` first (overdue, most urgent), then as given. Stable, pure. */
export function urgentFirst<T>(items: readonly T[], rank: (item: T) => number): T[] {
  return items
    .map((item, i) => ({ item, i, r: rank(item) }))
    .sort((a, b) => b.r - a.r || a.i - b.i)
    .map((x) => x.item);
}
