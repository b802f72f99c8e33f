// How the stage lays out an sfu consultation's tiles (up to 18 other sites) so that each stays
// legible: one site large (the one the console pinned, else at a street the district, else in
// speaker layout or with many sites the one speaking) and the rest in a grid beside it, as few
// columns as keep the tiles wide enough to read their names. Pure; unit-tested.
import type { Layout } from '@contract/consult';

export interface StagePlan {
  /** The site shown large; null: every tile the same size. */
  large: string | null;
  /** The others, in the order given. */
  small: string[];
  /** Columns of the small tiles' grid. */
  columns: number;
}

export interface StageInput {
  me: string;
  layout: Layout;
  /** The site the console pinned (layout focus on it). */
  focus: string | null;
  activeSpeaker: string | null;
  /** The other sites, in the consultation's order. */
  ids: string[];
}

/** With more tiles than this and nobody pinned, the one speaking is shown large in grid layout too. */
export const SPEAKER_LARGE_FROM = 5;

export function stagePlan(s: StageInput): StagePlan {
  const has = (id: string | null): id is string => id !== null && s.ids.includes(id);
  let large: string | null = null;
  if (has(s.focus)) large = s.focus;
  else if (s.layout === 'focus') large = has(s.activeSpeaker) ? s.activeSpeaker : (s.ids[0] ?? null);
  else if (s.me !== 'district' && has('district')) large = 'district';
  else if (s.ids.length >= SPEAKER_LARGE_FROM && has(s.activeSpeaker)) large = s.activeSpeaker;
  const small = s.ids.filter((id) => id !== large);
  return { large, small, columns: columnsFor(small.length, large !== null) };
}

/** Beside a large tile (two fifths of the stage): 1, 2 or 3 columns; alone: a near-square grid. */
export function columnsFor(n: number, besideLarge: boolean): number {
  if (n <= 1) return 1;
  if (besideLarge) return n <= 3 ? 1 : n <= 8 ? 2 : 3;
  return n <= 4 ? 2 : n <= 9 ? 3 : n <= 16 ? 4 : 5;
}
