// The app slice's server clock: the offset is whole milliseconds even when the round trip's middle
// is not (t0 + t1 odd), since forms add it to Date.now() and send the sum as a Timestamp, an
// integer the contract refuses otherwise (a task's deadline was refused on one page load in two).
import { describe, expect, it } from 'vitest';
import type { Settings, SystemInfo } from '@contract/schemas';
import { holdOpen, sliceOnFake } from '../../test-kit/slice-kit';
import { appSlice } from './app-slice';

describe('app slice', () => {
  it('keeps the server offset in whole milliseconds when the round trip has no whole middle', async () => {
    let t = 1_000_000;
    const now = () => t++; // sent at 1,000,000, answered at 1,000,001: the middle is x.5
    const { fake, s } = sliceOnFake(
      appSlice,
      {
        'system.info': () => ({ serverTime: 2_000_000 }) as unknown as SystemInfo,
        'settings.get': () => ({}) as Settings,
      },
      now,
    );
    await holdOpen(fake, s);
    const offset = s.store.getState().serverOffsetMs;
    expect(offset).not.toBeNull();
    expect(Number.isInteger(offset)).toBe(true);
    expect(Math.abs(offset! - 999_999.5)).toBeLessThanOrEqual(0.5);
  });
});
