// The camera panel's pure parts: which cameras a page shows.
import { describe, expect, it } from 'vitest';
import type { CamerasState } from '@contract/cameras';
import { currentPage, DEFAULT_DWELL_S } from './tour';

const cam = (id: string, enabled = true) => ({ id, name: id, kind: 'hls' as const, url: `/media/${id}`, street: null, position: null, watches: null, enabled });

describe('camera pages and tours', () => {
  it('shows every enabled camera on the smallest grid that holds them', () => {
    const s: CamerasState = { sources: [cam('a'), cam('b', false), cam('c')], tours: [], activeTourId: null };
    expect(currentPage(s, 0)).toMatchObject({ tiles: 4, pages: 1, tourName: null });
    expect(currentPage(s, 0).sources.map((c) => c.id)).toEqual(['a', 'c']);
  });

  it('pages through more than 16 cameras, and a tour by its dwell time', () => {
    const many: CamerasState = { sources: Array.from({ length: 20 }, (_, i) => cam(`c${i}`)), tours: [], activeTourId: null };
    expect(currentPage(many, 0)).toMatchObject({ tiles: 16, pages: 2, page: 0 });
    expect(currentPage(many, DEFAULT_DWELL_S * 1000).page).toBe(1);
    const tour: CamerasState = { ...many, tours: [{ id: 't', name: '轮巡', cameraIds: ['c3', 'c1', 'c2'], tiles: 1, dwellSeconds: 10 }], activeTourId: 't' };
    expect([0, 10_000, 20_000, 30_000].map((t) => currentPage(tour, t).sources[0].id)).toEqual(['c3', 'c1', 'c2', 'c3']);
  });
});
