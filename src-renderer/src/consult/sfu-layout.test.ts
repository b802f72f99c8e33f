import { describe, expect, it } from 'vitest';
import { columnsFor, stagePlan } from './sfu-layout';

const streets = Array.from({ length: 18 }, (_, i) => `s${String(i).padStart(2, '0')}`);

describe('stagePlan (the sfu stage)', () => {
  it('shows the district large at a street, the other streets small beside it', () => {
    const p = stagePlan({ me: 'beijing', layout: 'grid', focus: null, activeSpeaker: 's03', ids: ['district', ...streets.slice(0, 17)] });
    expect(p.large).toBe('district');
    expect(p.small).toHaveLength(17);
    expect(p.small).not.toContain('district');
    expect(p.columns).toBe(3);
  });

  it('at the district: the pinned site large, else the one speaking once there are many, else an even grid', () => {
    expect(stagePlan({ me: 'district', layout: 'grid', focus: 's05', activeSpeaker: 's03', ids: streets }).large).toBe('s05');
    expect(stagePlan({ me: 'district', layout: 'grid', focus: null, activeSpeaker: 's03', ids: streets }).large).toBe('s03');
    const few = stagePlan({ me: 'district', layout: 'grid', focus: null, activeSpeaker: 's01', ids: streets.slice(0, 3) });
    expect(few).toEqual({ large: null, small: streets.slice(0, 3), columns: 2 });
    const none = stagePlan({ me: 'district', layout: 'grid', focus: null, activeSpeaker: null, ids: streets });
    expect(none.large).toBeNull();
    expect(none.columns).toBe(5);
  });

  it('a pinned site that is not in the call is ignored; speaker layout falls back to the first site', () => {
    expect(stagePlan({ me: 'district', layout: 'focus', focus: 'gone', activeSpeaker: null, ids: streets }).large).toBe('s00');
  });

  it('keeps small tiles wide enough: at most 3 columns beside a large tile, 5 alone', () => {
    expect([1, 3, 4, 8, 9, 18].map((n) => columnsFor(n, true))).toEqual([1, 1, 2, 2, 3, 3]);
    expect([1, 4, 5, 9, 10, 16, 18].map((n) => columnsFor(n, false))).toEqual([1, 2, 3, 3, 4, 4, 5]);
  });
});
