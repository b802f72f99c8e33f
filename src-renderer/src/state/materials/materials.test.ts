// The pure helpers of the materials state: requests folded newest first, the wall's order of
// stock lines (what needs attention first), the requests still waiting, and alarms kept fresh.
import { describe, expect, it } from 'vitest';
import { addAlarms, ALARM_FRESH_MS, countAttention, freshAlarms, upsertRequest, waitingRequests, wallStockOrder } from './materials';
import { BEIJING, line, request } from './test-fixtures';

describe('materials state helpers', () => {
  it('folds a request in newest first, never going back to an older copy', () => {
    const a = request('mrq_a0001', 1000);
    const b = request('mrq_b0001', 2000);
    let list = upsertRequest(upsertRequest([], a), b);
    expect(list.map((r) => r.id)).toEqual(['mrq_b0001', 'mrq_a0001']);
    list = upsertRequest(list, { ...a, state: 'approved', updatedAt: 3000 });
    list = upsertRequest(list, { ...a, state: 'requested', updatedAt: 1500 });
    expect(list.find((r) => r.id === 'mrq_a0001')?.state).toBe('approved');
  });

  it('orders the wall’s lines: expired, then low (furthest below first), then expiring, then the rest', () => {
    const lines = [
      line('对讲机', 40),
      line('救生衣', 19, { low: true, lowQuantity: 20 }),
      line('沙包', 50, { low: true, lowQuantity: 200, place: BEIJING }),
      line('方便面', 12, { expiring: true }),
      line('饮用水', 30, { expired: true }),
    ];
    expect(wallStockOrder(lines).map((l) => l.item)).toEqual(['饮用水', '沙包', '救生衣', '方便面', '对讲机']);
    expect(countAttention(lines)).toEqual({ low: 2, expiring: 1, expired: 1 });
  });

  it('the requests waiting on someone, oldest first', () => {
    const list = [request('mrq_c0001', 3000, { state: 'dispatched' }), request('mrq_b0001', 2000, { state: 'received' }), request('mrq_a0001', 1000)];
    expect(waitingRequests(list).map((r) => r.id)).toEqual(['mrq_a0001', 'mrq_c0001']);
  });

  it('keeps alarms heard, fresh for a minute', () => {
    const alarm = { kind: 'low' as const, place: BEIJING, item: '沙包', unit: '袋', quantity: 199, lowQuantity: 200, expiry: null };
    const heard = addAlarms([], [alarm], 10_000);
    expect(freshAlarms(heard, 10_000 + ALARM_FRESH_MS - 1)).toHaveLength(1);
    expect(freshAlarms(heard, 10_000 + ALARM_FRESH_MS)).toHaveLength(0);
  });
});
