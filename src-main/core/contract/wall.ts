// Wall presets: a layout and a panel per cell, and the active preset of each display.
import { z } from 'zod';
import { event, method } from './define';
import { LayoutSpec } from './layouts';

// ---- wall presets ------------------------------------------------------------------
export const PanelId = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a panel id is lower-case letters, digits and dashes');

export const PresetId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a preset id is lower-case letters, digits and dashes');

export const WallPreset = z
  .object({
    id: PresetId,
    name: z.string().trim().min(1, 'a preset needs a name').max(40),
    layout: LayoutSpec,
    /** Panel shown in each layout cell, in the order of layout.areas; null leaves it empty. */
    cells: z.array(PanelId.nullable()),
  })
  .superRefine((p, ctx) => {
    if (p.cells.length !== p.layout.areas.length)
      ctx.addIssue({ code: 'custom', path: ['cells'], message: `the layout has ${p.layout.areas.length} cells but ${p.cells.length} panels were given` });
  });
export type WallPreset = z.infer<typeof WallPreset>;

export const DisplayIndex = z.number().int().min(0).max(15);

export const WallState = z.object({
  presets: z.array(WallPreset),
  /** Active preset per display, by display index. */
  active: z.record(z.string(), PresetId),
});
export type WallState = z.infer<typeof WallState>;

// One entry per method, each of the same shape (define.ts): the likeness between method tables is the
// declaration itself, kept on purpose (the `duplicates` tool lists it as a twin).
export const wallMethods = {
  'wall.get': method({
    right: 'read',
    summary: 'All wall presets and the active preset of each display.',
    params: z.strictObject({}),
    result: WallState,
  }),
  'wall.savePreset': method({
    right: 'wall.control',
    summary: 'Create or replace a named wall preset (layout plus a panel per cell).',
    params: z.strictObject({ preset: WallPreset }),
    result: WallState,
  }),
  'wall.removePreset': method({
    right: 'wall.control',
    summary: 'Delete a wall preset that no display is showing.',
    params: z.strictObject({ id: PresetId }),
    result: WallState,
  }),
  'wall.activate': method({
    right: 'wall.control',
    summary: 'Show a preset on a display.',
    params: z.strictObject({ display: DisplayIndex, presetId: PresetId }),
    result: WallState,
  }),
} as const;

export const wallEvents = {
  'wall.changed': event({ summary: 'Presets or active presets changed.', payload: WallState }),
} as const;
