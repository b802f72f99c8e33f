// The panel registry. A panel is a folder that exports one definition; the wall finds a
// cell's panel by its id, the console lists the registry for its cell pickers.
import type { ComponentType } from 'react';
import type { MessageKey } from '../i18n';
import type { AnySlice } from '../state/slice';

export interface PanelProps {
  /** The wall display the panel is on. */
  display: number;
  /** Its cell's index in the preset. */
  cell: number;
}

export interface PanelDefinition {
  /** Stored in presets: lower-case letters, digits and dashes (contract's PanelId). */
  id: string;
  title: MessageKey;
  component: ComponentType<PanelProps>;
  /** Part of the minimum a wall must show (kept when later work sheds load on weak hosts). */
  essential: boolean;
  /** The slices whose data the panel shows: the wall dims the cell and says since when while any is not current. */
  slices?: readonly AnySlice[];
}

export interface PanelRegistry {
  get(id: string): PanelDefinition | undefined;
  list(): readonly PanelDefinition[];
}

const PANEL_ID = /^[a-z][a-z0-9-]{0,39}$/;

export function createPanelRegistry(definitions: readonly PanelDefinition[]): PanelRegistry {
  const byId = new Map<string, PanelDefinition>();
  for (const d of definitions) {
    if (!PANEL_ID.test(d.id)) throw new Error(`panel id "${d.id}" is not lower-case letters, digits and dashes`);
    if (byId.has(d.id)) throw new Error(`panel id "${d.id}" is registered twice`);
    byId.set(d.id, d);
  }
  const list = Object.freeze([...byId.values()]);
  return { get: (id) => byId.get(id), list: () => list };
}

export function definePanel(definition: PanelDefinition): PanelDefinition {
  return definition;
}
