import { describe, expect, it } from 'vitest';
import type { ReportEvent } from '@contract/duty';
import { readHistories } from './print-histories';

const event = (id: string): ReportEvent => ({
  at: 1,
  by: { id: 'per_1', name: id, role: 'officer' },
  peer: 'test',
  kind: 'recorded',
  from: null,
  to: null,
  note: '',
  fields: [],
  responseId: null,
});

describe('the printed reports’ histories', () => {
  it('reads every report, a few at a time, and leaves out one whose read failed', async () => {
    let inFlight = 0;
    let most = 0;
    const ids = Array.from({ length: 20 }, (_, i) => `rep_${i}`);
    const got = await readHistories(
      ids,
      async (id) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
        if (id === 'rep_3') throw new Error('gone');
        return id === 'rep_4' ? null : { history: [event(id)] };
      },
      5,
    );
    expect(most).toBe(5);
    expect(got.size).toBe(18);
    expect(got.get('rep_7')?.[0].by.name).toBe('rep_7');
    expect(got.has('rep_3')).toBe(false);
    expect(await readHistories([], () => Promise.resolve(null))).toEqual(new Map());
  });
});
