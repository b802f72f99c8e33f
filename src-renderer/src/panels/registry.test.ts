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
