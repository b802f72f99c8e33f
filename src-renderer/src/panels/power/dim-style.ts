// Power-aware dimming: while power.conserve is active (the hall is on batteries) the wall dims the
// cells whose panel is registered `essential: false`, leaving the time, the power state and other
// essential panels at full brightness. On LED and OLED walls darker pixels draw less power, and
// the operators' eyes go to what matters. One CSS rule built from the panel registry, so WallCell
// needs no power logic; it matches cells by their data-panel attribute.
import type { PanelDefinition } from '../registry';

export const DIM_FILTER = 'brightness(0.35) saturate(0.4)';

export function dimCss(definitions: readonly Pick<PanelDefinition, 'id' | 'essential'>[]): string {
  const ids = definitions.filter((d) => !d.essential).map((d) => d.id);
  if (ids.length === 0) return '';
  // Panel ids are lower-case letters, digits and dashes (the registry refuses others): safe in a selector.
  const selectors = ids.map((id) => `.wall .wall-cell[data-panel="${id}"]`).join(',\n');
  return `${selectors} {\n  filter: ${DIM_FILTER};\n}`;
}
