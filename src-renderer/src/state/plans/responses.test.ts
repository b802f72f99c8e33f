import { describe, expect, it } from 'vitest';
import { upsertResponse } from './responses';
import { response } from './test-fixtures';

describe('plans responses folding', () => {
  it('drops a response from the active list when it closes', () => {
    const a = response('rsp_a0001', 1000, []);
    const b = response('rsp_b0001', 2000, []);
    let list = upsertResponse(upsertResponse([], a), b);
    expect(list.map((r) => r.id)).toEqual(['rsp_b0001', 'rsp_a0001']);
    list = upsertResponse(list, { ...a, status: 'closed', closedAt: 3000 });
    expect(list.map((r) => r.id)).toEqual(['rsp_b0001']);
  });
});
