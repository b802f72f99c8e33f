// The camera panel's pure parts: a tile's state machine.
import { describe, expect, it } from 'vitest';
import { initial, RETRY_MS, step, STALL_MS } from './tile-state';

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
