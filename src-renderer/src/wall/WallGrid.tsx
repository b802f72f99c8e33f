// The preset's cells on a CSS grid sized by its LayoutSpec.
import type { WallPreset } from '@contract/schemas';
import { WallCell } from './WallCell';
import { gridStyle } from './wall-layout';

export function WallGrid({ preset, display }: { preset: WallPreset; display: number }) {
  return (
    <div className="wall-grid" data-testid="wall-grid" style={gridStyle(preset.layout)}>
      {preset.layout.areas.map((area, i) => (
        // Keyed by preset and index: switching presets remounts the panels cleanly.
        <WallCell key={`${preset.id}-${i}`} area={area} panelId={preset.cells[i] ?? null} display={display} index={i} />
      ))}
    </div>
  );
}

/** The grid's place when there is nothing to lay out yet (loading, or no presets at all). */
export function WallGridMessage({ text }: { text: string }) {
  return (
    <div className="wall-grid wall-grid-message" data-testid="wall-grid">
      {text}
    </div>
  );
}
