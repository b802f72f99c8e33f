// The wall's remembered preset: shown again at start-up, and nothing unusable is ever shown.
import { beforeEach, describe, expect, it } from 'vitest';
import { standardLayout } from '@contract/layouts';
import type { WallPreset } from '@contract/wall';
import { rememberedPreset, rememberPreset } from './remembered-preset';

const store = new Map<string, string>();
(globalThis as { localStorage?: unknown }).localStorage = {
  getItem: (k: string) => store.get(k) ?? null,
  setItem: (k: string, v: string) => void store.set(k, v),
  removeItem: (k: string) => void store.delete(k),
};

const preset: WallPreset = { id: 'flood', name: '防汛', layout: standardLayout('2x2'), cells: ['map', 'duty-now', null, 'power'] };

describe('remembered wall preset', () => {
  beforeEach(() => store.clear());

  it('gives back what the display showed last, per display', () => {
    rememberPreset(1, preset);
    expect(rememberedPreset(1)).toEqual(preset);
    expect(rememberedPreset(0)).toBeUndefined();
    rememberPreset(1, undefined);
    expect(rememberedPreset(1)).toBeUndefined();
  });

  it('ignores a stored value the grid could not draw', () => {
    const bad = [
      'not json',
      JSON.stringify({ ...preset, cells: ['map'] }),
      JSON.stringify({ ...preset, layout: { ...preset.layout, cols: 0 } }),
      JSON.stringify({ ...preset, layout: { ...preset.layout, areas: [{ x: 1, y: 1, w: 2, h: 1 }, ...preset.layout.areas.slice(1)] } }),
      JSON.stringify({ ...preset, cells: [1, 2, 3, 4] }),
      JSON.stringify(null),
    ];
    for (const raw of bad) {
      store.set('command-wall.display-0.preset', raw);
      expect(rememberedPreset(0), raw).toBeUndefined();
    }
  });
});
