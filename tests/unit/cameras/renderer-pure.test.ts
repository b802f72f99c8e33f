// The camera panel's pure parts: which cameras a page shows, and a tile's state machine.
import { describe, expect, it } from 'vitest';
import type { CamerasState } from '../../../src-main/core/contract/cameras';
import { initial, RETRY_MS, step, STALL_MS } from '../../../src-renderer/src/panels/cameras/tile-state';
import { currentPage, DEFAULT_DWELL_S } from '../../../src-renderer/src/panels/cameras/tour';

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

describe('a tile’s state', () => {
  it('plays when the picture moves and the source is live; stalls when either stops', () => {
    let m = initial(0);
    m = step(m, { now: 1000, lastProgressAt: 900, fresh: true }).next;
    expect(m.state).toBe('playing');
    m = step(m, { now: 1000 + STALL_MS, lastProgressAt: 900, fresh: true }).next;
    expect(m.state).toBe('stalled');
    // A dead encoder's playlist replays old seconds: the picture moves but the source is stale.
    m = step(m, { now: 6000, lastProgressAt: 5900, fresh: false }).next;
    expect(m.state).toBe('stalled');
  });

  it('retries a stalled source, less often each time, and goes back to stalled if nothing comes', () => {
    let m = initial(0);
    m = step(m, { now: 1000, lastProgressAt: 900, fresh: true }).next;
    m = step(m, { now: 5000, lastProgressAt: 900, fresh: false }).next;
    expect(m.state).toBe('stalled');
    let r = step(m, { now: 5000 + RETRY_MS, lastProgressAt: 900, fresh: false });
    expect(r.reconnect).toBe(true);
    expect(r.next.state).toBe('reconnecting');
    m = step(r.next, { now: 5000 + RETRY_MS + 20_000, lastProgressAt: 900, fresh: false }).next;
    expect(m.state).toBe('stalled');
    r = step(m, { now: 5000 + RETRY_MS + 20_000 + RETRY_MS, lastProgressAt: 900, fresh: false });
    expect(r.reconnect).toBe(false);
    expect(step(m, { now: 5000 + RETRY_MS + 20_000 + 2 * RETRY_MS, lastProgressAt: 900, fresh: false }).reconnect).toBe(true);
  });

  it('a first connection that never plays becomes stalled', () => {
    const m = step(initial(0), { now: 11_000, lastProgressAt: 0, fresh: true }).next;
    expect(m.state).toBe('stalled');
  });
});
