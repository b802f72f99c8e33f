// The materials slice with a scripted client: it loads places, stock, ledger, requests and this
// page's street, follows materials.changed (stock read again when it moved, requests folded in,
// alarms kept), signs commands with the acting person; refusals reach its error.
import { describe, expect, it } from 'vitest';
import { RpcError } from '@contract/errors';
import type { Replies } from '../../test-kit/fake-client';
import { expectListeningWhileHeld, holdOpen, sliceOnFake, tick } from '../../test-kit/slice-kit';
import { appSlice } from '../app/app-slice';
import { materialsSlice } from './materials-slice';
import { BEIJING, DEPOT, entry, line, request } from './test-fixtures';

const NOW = 50_000;

function server(extra: Replies = {}): Replies {
  let sandbags = 100;
  return {
    'materials.listPlaces': () => [DEPOT, BEIJING],
    'materials.listStock': () => [line('沙包', sandbags)],
    'materials.listLedger': () => [entry(1)],
    'materials.listRequests': () => [request('mrq_a0001', 1000)],
    'materials.listThresholds': () => [],
    'auth.getMachine': () => null,
    'materials.move': (p: any) => {
      sandbags -= p.movement.quantity;
      return [entry(2, { quantity: p.movement.quantity, fromBalance: sandbags })];
    },
    ...extra,
  };
}

const setup = (extra: Replies = {}) => sliceOnFake(materialsSlice, server(extra), () => NOW);

describe('materials slice', () => {
  it('loads everything when held, and stops listening on release', async () => {
    const { fake, s } = setup();
    const release = await holdOpen(fake, s);
    expect(s.store.getState()).toMatchObject({ loaded: true, street: null });
    expect(s.store.getState().places.map((p) => p.key)).toEqual([DEPOT.key, BEIJING.key]);
    expect(s.store.getState().stock[0].quantity).toBe(100);
    expect(s.store.getState().requests.map((r) => r.id)).toEqual(['mrq_a0001']);
    expectListeningWhileHeld(fake, s, release);
  });

  it('moves stock as the acting person, folds the entry in and reads the stock again', async () => {
    const { fake, s, host } = setup();
    await holdOpen(fake, s);
    await host.get(appSlice).commands.setActor('per_officer01');
    const movement = { kind: 'out' as const, from: { kind: 'warehouse' as const, id: 'obj_depot001' }, item: '沙包', unit: '袋', quantity: 30, reason: '封堵' };
    await s.commands.moveStock(movement);
    expect(fake.calls.find((c) => c.method === 'materials.move')?.params).toEqual({ movement, by: 'per_officer01' });
    expect(s.store.getState().ledger.map((e) => e.seq)).toEqual([2, 1]);
    expect(s.store.getState().stock[0].quantity).toBe(70);
  });

  it('follows pushes: a request changes, an alarm is kept with the time it was heard', async () => {
    const { fake, s } = setup();
    await holdOpen(fake, s);
    fake.emit('materials.changed', {
      change: 'approved',
      entries: [],
      request: request('mrq_a0001', 1000, { state: 'approved', updatedAt: 2000 }),
      alarms: [],
    });
    const alarm = { kind: 'low' as const, place: BEIJING, item: '沙包', unit: '袋', quantity: 199, lowQuantity: 200, expiry: null };
    fake.emit('materials.changed', { change: 'alarm', entries: [], request: null, alarms: [alarm] });
    await tick();
    expect(s.store.getState().requests[0].state).toBe('approved');
    expect(s.store.getState().alarms).toEqual([{ at: NOW, alarm }]);
  });

  it('a refusal lands in error under the command’s name', async () => {
    const { fake, s } = setup({
      'materials.dispatch': () => {
        throw new RpcError(-32000, '越秀区应急物资储备仓库的沙包仅有 50 袋，不足 100 袋，库存不能为负');
      },
    });
    await holdOpen(fake, s);
    expect(await s.commands.dispatchRequest('mrq_a0001', { kind: 'warehouse', id: 'obj_depot001' })).toBeNull();
    expect(s.store.getState().error).toMatchObject({ command: 'dispatchRequest', message: expect.stringMatching(/库存不能为负/) });
  });

  it('an import refused keeps its row problems for the form; the next import clears them', async () => {
    let refuse = true;
    const { fake, s } = setup({
      'materials.importStock': () => {
        if (refuse) throw new RpcError(-32000, '库存表未导入', { problems: [{ row: 3, column: '地点', reason: 'no place named 不存在的仓库' }] });
        return { rows: 1, dryRun: false, entries: [entry(5, { kind: 'in' })] };
      },
    });
    await holdOpen(fake, s);
    expect(await s.commands.importStock('AAAA')).toBeNull();
    expect(s.store.getState().importProblems).toEqual([{ row: 3, column: '地点', reason: 'no place named 不存在的仓库' }]);
    refuse = false;
    expect(await s.commands.importStock('AAAA')).toMatchObject({ rows: 1 });
    expect(s.store.getState().importProblems).toBeNull();
    expect(s.store.getState().ledger[0].seq).toBe(5);
  });
});
