import { describe, expect, it } from 'vitest';
import { DEFAULT_WALL_SETTINGS } from '@contract/wall';
import { fitCount, fitPick, typeScale, typeScaleVars, urgentFirst } from './type-scale';

describe('the type scale from the room', () => {
  it('gives a 3.6 m-wide 4K wall read from 8 m at least 32 px for any text and 40 px for main lines', () => {
    const s = typeScale(DEFAULT_WALL_SETTINGS, 3840);
    expect(s.pxPerMetre).toBeCloseTo(1066.7, 1);
    // 8 m / 250 = 32 mm → 34.1 px; 8 m / 200 = 40 mm → 42.7 px; never rounded down.
    expect(s).toMatchObject({ minPx: 35, mainPx: 43 });
    expect(s.minPx).toBeGreaterThanOrEqual(32);
    expect(s.mainPx).toBeGreaterThanOrEqual(40);
    expect(typeScaleVars(s)).toMatchObject({ '--wall-min-px': '35px', '--wall-main-px': '43px' });
  });

  it('scales with the screen, the width and the distance, with a floor', () => {
    expect(typeScale(DEFAULT_WALL_SETTINGS, 1920)).toMatchObject({ minPx: 18, mainPx: 22 });
    // Read from twice as far: twice the letters. A wall twice as wide: half the px per metre.
    expect(typeScale({ widthM: 3.6, viewingDistanceM: 16 }, 3840)).toMatchObject({ minPx: 69, mainPx: 86 });
    expect(typeScale({ widthM: 7.2, viewingDistanceM: 8 }, 3840)).toMatchObject({ minPx: 18, mainPx: 22 });
    expect(typeScale({ widthM: 10, viewingDistanceM: 1 }, 800)).toMatchObject({ minPx: 12, mainPx: 12 });
  });
});

describe('fewer items rather than smaller ones', () => {
  it('keeps every item when all fit', () => {
    expect(fitCount([40, 80, 120], 120, 30)).toBe(3);
    expect(fitCount([], 100, 30)).toBe(0);
  });
  it('keeps those that fit above the "N more" marker', () => {
    // 5 items of 40 px in 150 px: 3 would fit alone, but the marker (30 px) needs the room of one.
    expect(fitCount([40, 80, 120, 160, 200], 150, 30)).toBe(3);
    expect(fitCount([40, 80, 120, 160, 200], 149, 30)).toBe(2);
    expect(fitCount([300, 340], 200, 30)).toBe(0);
  });
  it('keeps pinned items (a response heading) whatever else is cut, the others in order', () => {
    // Ⅲ heading, three overdue lines of it, then a Ⅳ just raised (its heading): 40 px each in 190 px.
    const bottoms = [40, 80, 120, 160, 200];
    const heads = [true, false, false, false, true];
    expect(fitPick(bottoms, 190, 30, heads)).toEqual([0, 1, 2, 4]);
    // All fit: all kept; nothing pinned: the same as fitCount.
    expect(fitPick(bottoms, 200, 30, heads)).toEqual([0, 1, 2, 3, 4]);
    expect(fitPick(bottoms, 150, 30, [false, false, false, false, false])).toEqual([0, 1, 2]);
    // Not even the pinned ones all fit: those that do, in order.
    expect(fitPick([100, 200, 300], 150, 30, [true, true, true])).toEqual([0]);
  });
  it('puts the most urgent first, stably', () => {
    const items = [
      { id: 'a', r: 0 },
      { id: 'b', r: 2 },
      { id: 'c', r: 0 },
      { id: 'd', r: 1 },
    ];
    expect(urgentFirst(items, (x) => x.r).map((x) => x.id)).toEqual(['b', 'd', 'a', 'c']);
  });
});
