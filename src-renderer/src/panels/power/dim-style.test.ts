import { describe, expect, it } from 'vitest';
import { panels } from '../index';
import { dimCss } from './dim-style';

describe('power-aware dimming', () => {
  it('dims only the cells of panels that are not essential', () => {
    const css = dimCss([
      { id: 'clock-status', essential: true },
      { id: 'this-centre', essential: false },
      { id: 'map', essential: false },
    ]);
    expect(css).toContain('.wall .wall-cell[data-panel="this-centre"]');
    expect(css).toContain('.wall .wall-cell[data-panel="map"]');
    expect(css).not.toContain('clock-status');
    expect(dimCss([{ id: 'clock-status', essential: true }])).toBe('');
  });

  it('never dims the power panel itself', () => {
    expect(panels.get('power')?.essential).toBe(true);
    expect(dimCss(panels.list())).not.toContain('"power"');
  });
});
