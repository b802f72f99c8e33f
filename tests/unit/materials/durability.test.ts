// A stock movement and a request's dispatch, each acknowledged by a hub, survive SIGKILL of that
// hub right after the dispatch is acknowledged: the hub runs in a child process (the demo hub, whose
// warehouses' stock the materials capability took over as opening balances), the calls go over its
// WebSocket, and the store is reopened from the same data directory once the child is dead.
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../src-main/core/app';
import { quiet } from '../../support/core-harness';
import { killableDemoHub } from '../../support/killable-demo-hub';

const hub = killableDemoHub('cw-materials-kill-', 'materials-durability-token-0123456789');

describe('a stock movement and SIGKILL', () => {
  it('keeps the movement and the dispatch (ledger, stock, request state) when the hub is killed -9 right after acknowledging', async () => {
    const { socket, dataDir, people, kill } = await hub.start();
    const leader = people.find((p) => p.role === 'leader')!;
    const places = (await socket.call('materials.listPlaces', {})).result as { id: string | null; kind: string; name: string }[];
    const depot = places.find((p) => p.name === '越秀区应急物资储备仓库')!;
    const from = { kind: 'warehouse', id: depot.id };
    const [before] = (await socket.call('materials.listStock', { place: from, item: '沙包' })).result as { quantity: number }[];
    expect(before.quantity).toBe(2000);

    const moved = await socket.call('materials.move', {
      movement: { kind: 'out', from, item: '沙包', unit: '袋', quantity: 40, reason: '北京路低洼点封堵（kill 测试）' },
      by: leader.id,
    });
    expect(moved.error).toBeUndefined();
    // A reserve target (储备目标), acknowledged before the request: kept too.
    const target = await socket.call('materials.saveTarget', { target: { place: from, item: '沙包', unit: '袋', quantity: 3000 }, by: leader.id });
    expect(target.error).toBeUndefined();
    const asked = await socket.call('materials.request', {
      request: { street: '北京街', items: [{ item: '救生衣', unit: '件', quantity: 15 }], purpose: '转移群众（kill 测试）' },
      by: leader.id,
    });
    expect(asked.error).toBeUndefined();
    expect((await socket.call('materials.approve', { id: asked.result.id, by: leader.id })).error).toBeUndefined();
    const sent = await socket.call('materials.dispatch', { id: asked.result.id, from, by: leader.id });
    const killed = kill(); // no grace: nothing after the acknowledgement gets a chance to run
    expect(sent.error).toBeUndefined();
    expect(await killed).toBe('SIGKILL');

    const core = await openCore({ dataDir, host: 'hub', log: quiet });
    try {
      const ctx = { transport: 'local', peer: 'test' } as const;
      const stock = (await core.dispatch('materials.listStock', { place: from }, ctx)) as { item: string; quantity: number }[];
      expect(Object.fromEntries(stock.map((l) => [l.item, l.quantity]))).toMatchObject({ 沙包: 1960, 救生衣: 135 });
      const request = (await core.dispatch('materials.getRequest', { id: asked.result.id }, ctx)) as any;
      expect(request.history.map((e: { to: string }) => e.to)).toEqual(['requested', 'approved', 'dispatched']);
      const ledger = (await core.dispatch('materials.listLedger', { place: from, limit: 2 }, ctx)) as any[];
      expect(ledger.map((e) => [e.kind, e.item, e.quantity, e.requestId])).toEqual([
        ['out', '救生衣', 15, asked.result.id],
        ['out', '沙包', 40, null],
      ]);
      const reserve = (await core.dispatch('materials.listTargets', {}, ctx)) as {
        lines: { place: { id: string | null }; item: string; stock: number; target: number | null }[];
      };
      expect(reserve.lines.find((l) => l.place.id === depot.id && l.item === '沙包')).toMatchObject({ stock: 1960, target: 3000 });
      // Reopening takes nothing over twice: the opening balances are still one per line.
      const opening = ((await core.dispatch('materials.listLedger', { place: from, limit: 500 }, ctx)) as any[]).filter((e) => e.by === null);
      expect(opening).toHaveLength(7);
    } finally {
      await core.close();
    }
  });
});
