import { describe, expect, it } from 'vitest';
import { standardLayout } from '@contract/layouts';
import type { WallState } from '@contract/schemas';
import { activePresetFor, areaStyle, gridStyle } from './wall-layout';

const wall: WallState = {
  presets: [
    { id: 'overview', name: '综合态势', layout: standardLayout('1+5'), cells: ['clock-status', 'this-centre', null, null, null, null] },
    { id: 'single', name: '单屏', layout: standardLayout('1x1'), cells: ['clock-status'] },
  ],
  active: { '0': 'overview', '1': 'single', '2': 'deleted' },
};

describe('wall layout', () => {
  it('picks the active preset of the display, else the first', () => {
    expect(activePresetFor(wall, 1)?.id).toBe('single');
    expect(activePresetFor(wall, 2)?.id).toBe('overview');
    expect(activePresetFor(wall, 7)?.id).toBe('overview');
    expect(activePresetFor({ presets: [], active: {} }, 0)).toBeUndefined();
    expect(activePresetFor(null, 0)).toBeUndefined();
  });

  it('places cells from the layout spec', () => {
    const l = standardLayout('2+8');
    expect(gridStyle(l)).toEqual({ gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gridTemplateRows: 'repeat(4, minmax(0, 1fr))' });
    expect(areaStyle(l.areas[1])).toEqual({ gridColumn: '3 / span 2', gridRow: '1 / span 2' });
    expect(areaStyle(l.areas[9])).toEqual({ gridColumn: '4 / span 1', gridRow: '4 / span 1' });
  });
});
