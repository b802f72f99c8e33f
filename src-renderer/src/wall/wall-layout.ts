// Pure geometry and selection for the wall: which preset a display shows, and the CSS grid
// placement of its cells from the preset's LayoutSpec.
import type { CSSProperties } from 'react';
import type { CellArea, LayoutSpec } from '@contract/layouts';
import type { WallPreset, WallState } from '@contract/schemas';

/** The display's active preset; a display never assigned (or assigned a deleted preset) shows the first. */
export function activePresetFor(wall: WallState | null, display: number): WallPreset | undefined {
  if (!wall || wall.presets.length === 0) return undefined;
  const id = wall.active[String(display)];
  return wall.presets.find((p) => p.id === id) ?? wall.presets[0];
}

export function gridStyle(layout: LayoutSpec): CSSProperties {
  return {
    gridTemplateColumns: `repeat(${layout.cols}, minmax(0, 1fr))`,
    gridTemplateRows: `repeat(${layout.rows}, minmax(0, 1fr))`,
  };
}

export function areaStyle(area: CellArea): CSSProperties {
  return { gridColumn: `${area.x + 1} / span ${area.w}`, gridRow: `${area.y + 1} / span ${area.h}` };
}
