// The preset being edited on the console, as a reducer: pure, so its rules are unit-tested.
// Validation stays on the server; its error names the field, and the banner shows it.
import { standardLayout, STANDARD_LAYOUTS, type LayoutSpec, type StandardLayoutKind } from '@contract/layouts';
import type { WallPreset } from '@contract/schemas';

export type LayoutChoice = LayoutSpec['kind'];
export const LAYOUT_CHOICES: readonly LayoutChoice[] = [...STANDARD_LAYOUTS, 'custom'];
export const MAX_GRID = 8; // the contract's LayoutSpec bound on cols and rows

export interface PresetDraft {
  id: string;
  name: string;
  /** A new preset's id follows its name until the operator types an id. */
  idFollowsName: boolean;
  /** The preset this draft was loaded from; null for a new one. */
  loadedFrom: string | null;
  layout: LayoutSpec;
  cells: (string | null)[];
}

export type DraftAction =
  | { type: 'name'; name: string; takenIds: readonly string[] }
  | { type: 'id'; id: string }
  | { type: 'layout'; kind: LayoutChoice }
  | { type: 'customSize'; cols: number; rows: number }
  | { type: 'cell'; index: number; panel: string | null };

/** Lower-case ASCII slug of the name; a name with none (e.g. all Chinese) gets preset-N. */
export function derivePresetId(name: string, takenIds: readonly string[]): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  if (slug && !takenIds.includes(slug)) return slug;
  const base = slug ? slug.slice(0, 32) : 'preset';
  for (let n = slug ? 2 : takenIds.length + 1; ; n++) if (!takenIds.includes(`${base}-${n}`)) return `${base}-${n}`;
}

export function equalGrid(cols: number, rows: number): LayoutSpec {
  const clamp = (n: number): number => Math.min(MAX_GRID, Math.max(1, Math.round(n) || 1));
  const c = clamp(cols);
  const r = clamp(rows);
  const areas = [];
  for (let y = 0; y < r; y++) for (let x = 0; x < c; x++) areas.push({ x, y, w: 1, h: 1 });
  return { kind: 'custom', cols: c, rows: r, areas };
}

/** Keeps the panels already chosen, in order, when the cell count changes. */
export function resizeCells(cells: readonly (string | null)[], n: number): (string | null)[] {
  return Array.from({ length: n }, (_, i) => cells[i] ?? null);
}

export function draftFromPreset(p: WallPreset): PresetDraft {
  return { id: p.id, name: p.name, idFollowsName: false, loadedFrom: p.id, layout: p.layout, cells: [...p.cells] };
}

export function newDraft(takenIds: readonly string[]): PresetDraft {
  const layout = standardLayout('2x2');
  return { id: derivePresetId('', takenIds), name: '', idFollowsName: true, loadedFrom: null, layout, cells: resizeCells([], layout.areas.length) };
}

function withLayout(d: PresetDraft, layout: LayoutSpec): PresetDraft {
  return { ...d, layout, cells: resizeCells(d.cells, layout.areas.length) };
}

export function draftReducer(d: PresetDraft, a: DraftAction): PresetDraft {
  switch (a.type) {
    case 'name':
      return { ...d, name: a.name, id: d.idFollowsName ? derivePresetId(a.name, a.takenIds) : d.id };
    case 'id':
      return { ...d, id: a.id, idFollowsName: false };
    case 'layout':
      return withLayout(d, a.kind === 'custom' ? equalGrid(d.layout.cols, d.layout.rows) : standardLayout(a.kind as StandardLayoutKind));
    case 'customSize':
      return withLayout(d, equalGrid(a.cols, a.rows));
    case 'cell':
      return { ...d, cells: d.cells.map((c, i) => (i === a.index ? a.panel : c)) };
  }
}

export function draftToPreset(d: PresetDraft): WallPreset {
  return { id: d.id.trim(), name: d.name.trim(), layout: d.layout, cells: d.cells };
}
