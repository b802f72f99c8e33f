// Each wall display remembers the preset it last showed (in the page's localStorage), and shows
// it again at once when it starts, before the hub has answered: after a restart the wall has its
// layout back in the first frames, and its panels send their first requests together with the
// app's, instead of one round trip later. A hub that is slow or unreachable leaves the wall
// showing its last layout (the header says the link is down), not a blank "loading" screen.
// The live state replaces it as soon as it arrives.
import type { WallPreset } from '@contract/wall';

const key = (display: number): string => `command-wall.display-${display}.preset`;

export function rememberedPreset(display: number): WallPreset | undefined {
  try {
    const raw = localStorage.getItem(key(display));
    if (!raw) return undefined;
    const value: unknown = JSON.parse(raw);
    return looksLikePreset(value) ? value : undefined;
  } catch {
    return undefined; // storage disabled or unreadable: start as before
  }
}

export function rememberPreset(display: number, preset: WallPreset | undefined): void {
  try {
    if (preset) localStorage.setItem(key(display), JSON.stringify(preset));
    else localStorage.removeItem(key(display));
  } catch {
    /* storage full or disabled: the wall still works, it only starts a little later */
  }
}

const isCount = (n: unknown, max: number): boolean => Number.isInteger(n) && (n as number) >= 1 && (n as number) <= max;

/**
 * What the grid needs of a preset, checked by hand: the hub validated it before it was stored
 * here, so this only guards against a value written by an older version or edited by hand, and
 * costs nothing at start-up (the contract's schema would cost the wall tens of milliseconds on
 * its first use).
 */
function looksLikePreset(v: unknown): v is WallPreset {
  const p = v as Partial<WallPreset> | null;
  if (!p || typeof p.id !== 'string' || typeof p.name !== 'string' || !Array.isArray(p.cells) || !p.layout) return false;
  const { cols, rows, areas } = p.layout;
  if (!isCount(cols, 8) || !isCount(rows, 8) || !Array.isArray(areas) || areas.length !== p.cells.length) return false;
  const inside = (a: { x: number; y: number; w: number; h: number }): boolean =>
    Number.isInteger(a?.x) &&
    Number.isInteger(a?.y) &&
    a.x >= 0 &&
    a.y >= 0 &&
    isCount(a.w, cols) &&
    isCount(a.h, rows) &&
    a.x + a.w <= cols &&
    a.y + a.h <= rows;
  return areas.every(inside) && p.cells.every((c) => c === null || typeof c === 'string');
}
