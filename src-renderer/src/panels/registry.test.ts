import { describe, expect, it } from 'vitest';
import { dictionaries } from '../i18n';
import { panels } from './index';
import { createPanelRegistry, definePanel } from './registry';

const Nothing = () => null;

describe('panel registry', () => {
  it('ships the panels the default presets name (src-main/core/wall/wall-service.ts)', async () => {
    expect(panels.get('clock-status')?.essential).toBe(true);
    expect(panels.get('this-centre')).toBeDefined();
    const { DEFAULT_PRESETS } = await import('../../../src-main/core/wall/wall-service');
    for (const id of DEFAULT_PRESETS.flatMap((p) => p.cells)) if (id) expect(panels.get(id), id).toBeDefined();
  });

  it('makes the default presets a command picture with no empty cell, the map in the large cell', async () => {
    const { DEFAULT_PRESETS } = await import('../../../src-main/core/wall/wall-service');
    const byId = Object.fromEntries(DEFAULT_PRESETS.map((p) => [p.id, p]));
    expect(Object.keys(byId)).toEqual(['overview', 'single', 'quad']);
    for (const p of DEFAULT_PRESETS) {
      expect(p.cells, p.id).toHaveLength(p.layout.areas.length);
      expect(
        p.cells.every((c) => c !== null && panels.get(c) !== undefined),
        p.id,
      ).toBe(true);
    }
    expect(byId.overview).toMatchObject({ name: '综合态势', layout: { kind: '1+5' } });
    expect(byId.overview.cells).toEqual(['map', 'duty-now', 'warnings', 'plan-responses', 'power', 'duty-log']);
    // The large cell of 1+5 is the first area (2×2): the map.
    expect(byId.overview.layout.areas[0]).toMatchObject({ w: 2, h: 2 });
    expect(byId.single).toMatchObject({ name: '单屏', layout: { kind: '1x1' }, cells: ['map'] });
    expect(byId.quad).toMatchObject({ name: '四分屏', layout: { kind: '2x2' }, cells: ['map', 'warnings', 'plan-responses', 'power'] });
  });

  it('gives every panel a translated title', () => {
    for (const p of panels.list()) expect(dictionaries.en[p.title]).toBeTruthy();
  });

  it('refuses duplicate and malformed ids', () => {
    const a = definePanel({ id: 'a', title: 'panel.thisCentre', component: Nothing, essential: false });
    expect(() => createPanelRegistry([a, a])).toThrow(/twice/);
    expect(() => createPanelRegistry([{ ...a, id: 'Bad Id' }])).toThrow(/lower-case/);
  });

  it('answers undefined for an unknown id', () => {
    expect(panels.get('cctv-wall')).toBeUndefined();
  });
});
