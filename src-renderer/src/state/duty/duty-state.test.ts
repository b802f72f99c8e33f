import { describe, expect, it } from 'vitest';
import { FLASH_MS, isFresh, msUntil, pruneArrivals, upsertHandover, upsertReport } from './duty-state';
import { handover, report } from './test-fixtures';

describe('duty state folding', () => {
  it('keeps reports newest received first, replaces by id, and caps the list', () => {
    let list = [report('rep_a0001', 1000), report('rep_b0001', 3000)];
    list = upsertReport(list, report('rep_c0001', 2000));
    expect(list.map((r) => r.id)).toEqual(['rep_b0001', 'rep_c0001', 'rep_a0001']);
    list = upsertReport(list, report('rep_a0001', 1000, { status: 'verifying' }));
    expect(list).toHaveLength(3);
    expect(list[2].status).toBe('verifying');
    expect(upsertReport(list, report('rep_d0001', 4000), 2).map((r) => r.id)).toEqual(['rep_d0001', 'rep_b0001']);
  });

  it('replaces a handover in place when it is confirmed', () => {
    const list = upsertHandover(
      [handover('hov_a0001', 1000), handover('hov_b0001', 2000)],
      handover('hov_a0001', 1000, { status: 'confirmed', confirmedAt: 1500 }),
    );
    expect(list.map((h) => [h.id, h.status])).toEqual([
      ['hov_b0001', 'pending'],
      ['hov_a0001', 'confirmed'],
    ]);
  });

  it('flashes a new report for FLASH_MS and then forgets it', () => {
    const arrivals = { rep_a0001: 10_000 };
    expect(isFresh(arrivals, 'rep_a0001', 10_000 + FLASH_MS - 1)).toBe(true);
    expect(isFresh(arrivals, 'rep_a0001', 10_000 + FLASH_MS)).toBe(false);
    expect(isFresh(arrivals, 'rep_other', 10_000)).toBe(false);
    expect(pruneArrivals({ ...arrivals, rep_b0001: 20_000 }, 10_000 + FLASH_MS)).toEqual({ rep_b0001: 20_000 });
  });

  it('turns a server time into a wait on our clock, with a floor and the timer ceiling', () => {
    expect(msUntil(100_000, 40_000, 10_000)).toBe(50_000); // server is 10 s ahead of us
    expect(msUntil(100_000, 40_000, null)).toBe(60_000);
    expect(msUntil(100_000, 200_000, 0)).toBe(1000);
    expect(msUntil(Number.MAX_SAFE_INTEGER, 0, 0)).toBe(2_147_483_647);
  });
});
