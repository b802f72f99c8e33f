// Materials (物资) through the contract, on the real core and store: movements and the ledger with
// balances, lots taken first-expiring-first, stock that never goes negative (also with two calls
// racing through the real dispatcher), the request flow from a street to receipt, the street
// scope, thresholds and their alarms, and the map's warehouse stock taken over as opening balances.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import type { MovementInput, Place } from '@contract/materials';
import { localDateString } from '@contract/yuexiu';
import { refusal } from '../../support/core-harness';
import { openHarness, staff, T0, type Harness } from '../duty/harness';

let h: Harness;
let ids: Record<string, string>;
let depot: Place;
let point: Place;
const DAY = 86_400_000;
const BJ = { street: '北京街', peer: 'beijing-1' } as const;

async function warehouse(name: string, street: string, stock: { item: string; quantity: number; unit: string }[] = []): Promise<Place> {
  const o = await h.call('map.saveObject', {
    object: { kind: 'warehouse', name, street: street as '北京街', position: { lat: 23.125, lng: 113.27 }, stock },
  });
  return { kind: 'warehouse', id: o.id };
}

beforeEach(async () => {
  h = await openHarness();
  ids = await staff(h);
  // A street's people: their unit starts with the street's name (the dispatcher holds a street's caller to them).
  for (const p of [
    { name: '王芳', role: 'officer', unit: '北京街道办事处', phone: '13800000011' },
    { name: '赵强', role: 'officer', unit: '六榕街道办事处', phone: '13800000012' },
  ] as const)
    ids[p.name] = (await h.call('duty.savePerson', { person: p })).id;
  depot = await warehouse('越秀区应急物资储备仓库', '洪桥街');
  point = await warehouse('北京街应急物资储备点', '北京街');
});
afterEach(() => h.close());

const move = (m: MovementInput, by = ids['周杰'], ctx = {}) => h.call('materials.move', { movement: m, by }, ctx);
const stockOf = async (place: Place, item: string) => (await h.call('materials.listStock', { place, item }))[0];
const alarms = () => h.events.filter((e) => e.event === 'materials.changed' && e.payload.change === 'alarm').flatMap((e) => e.payload.alarms);
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('movements and the ledger', () => {
  it('in, transfer, out and write-off, each a ledger entry with who, why and the balances after it', async () => {
    await move({ kind: 'in', to: depot, item: '沙包', unit: '袋', quantity: 500, reason: '区财政采购入库' });
    await move({ kind: 'transfer', from: depot, to: point, item: '沙包', unit: '袋', quantity: 120, reason: '汛前前置', taskId: 'tsk_abcdefgh' });
    await move({ kind: 'out', from: point, item: '沙包', unit: '袋', quantity: 20.5, reason: '北京路低洼点封堵' });
    await move({ kind: 'writeoff', from: depot, item: '沙包', unit: '袋', quantity: 10, reason: '受潮破损' });
    expect((await stockOf(depot, '沙包')).quantity).toBe(370);
    expect((await stockOf(point, '沙包')).quantity).toBe(99.5);
    const ledger = await h.call('materials.listLedger', { item: '沙包' });
    expect(ledger.map((e) => [e.kind, e.quantity, e.fromBalance, e.toBalance, e.by?.name])).toEqual([
      ['writeoff', 10, 370, null, '周杰'],
      ['out', 20.5, 99.5, null, '周杰'],
      ['transfer', 120, 380, 120, '周杰'],
      ['in', 500, null, 500, '周杰'],
    ]);
    expect(ledger[2]).toMatchObject({
      taskId: 'tsk_abcdefgh',
      reason: '汛前前置',
      from: { name: '越秀区应急物资储备仓库' },
      to: { name: '北京街应急物资储备点', street: '北京街' },
    });
    const atPoint = await h.call('materials.listLedger', { place: point });
    expect(atPoint.map((e) => e.kind)).toEqual(['out', 'transfer']);
  });

  it('takes the lots that expire first, and a transfer keeps their expiry', async () => {
    await move({ kind: 'in', to: depot, item: '饮用水', unit: '箱', quantity: 30, expiry: '2026-03-01', reason: '采购' });
    await move({ kind: 'in', to: depot, item: '饮用水', unit: '箱', quantity: 30, expiry: '2025-12-01', reason: '采购' });
    await move({ kind: 'in', to: depot, item: '饮用水', unit: '箱', quantity: 10, reason: '捐赠（无保质期标注）' });
    const entries = await move({ kind: 'transfer', from: depot, to: point, item: '饮用水', unit: '箱', quantity: 40, reason: '前置' });
    expect(entries.map((e) => [e.expiry, e.quantity])).toEqual([
      ['2025-12-01', 30],
      ['2026-03-01', 10],
    ]);
    expect((await stockOf(point, '饮用水')).lots).toEqual([
      { expiry: '2025-12-01', quantity: 30 },
      { expiry: '2026-03-01', quantity: 10 },
    ]);
    expect((await stockOf(depot, '饮用水')).lots).toEqual([
      { expiry: '2026-03-01', quantity: 20 },
      { expiry: null, quantity: 10 },
    ]);
  });

  it('refuses to take more than a place holds, naming item, place and what it holds, and writes nothing', async () => {
    await move({ kind: 'in', to: point, item: '救生衣', unit: '件', quantity: 20, reason: '入库' });
    const before = await h.call('materials.listLedger', {});
    const e = await h.refusal('materials.move', {
      movement: { kind: 'transfer', from: point, to: depot, item: '救生衣', unit: '件', quantity: 21, reason: '回收' },
      by: ids['周杰'],
    });
    expect(e.code).toBe(RpcCode.Refused);
    expect(e.message).toMatch(/^北京街应急物资储备点的救生衣仅有 20 件，不足 21 件，库存不能为负/);
    expect(await h.call('materials.listLedger', {})).toEqual(before);
    expect((await stockOf(point, '救生衣')).quantity).toBe(20);
    expect(await stockOf(depot, '救生衣')).toBeUndefined();
  });

  it('refuses a movement missing its places, naming the field', async () => {
    const e = await h.refusal('materials.move', { movement: { kind: 'out', item: '沙包', unit: '袋', quantity: 1, reason: '用' }, by: ids['周杰'] });
    expect(e.code).toBe(RpcCode.InvalidParams);
    expect(e.message).toContain('movement.from');
    const gone = await h.refusal('materials.move', {
      movement: { kind: 'in', to: { kind: 'warehouse', id: 'obj_nosuchwarehouse' }, item: '沙包', unit: '袋', quantity: 1, reason: '入库' },
      by: ids['周杰'],
    });
    expect(gone.message).toContain('params.movement.to');
  });

  it('two calls racing for the last units through the dispatcher: one has them, the other is refused, stock ends at 0', async () => {
    await move({ kind: 'in', to: point, item: '发电机', unit: '台', quantity: 3, reason: '入库' });
    const take = (n: number) =>
      h.core.dispatch(
        'materials.move',
        { movement: { kind: 'out', from: point, item: '发电机', unit: '台', quantity: n, reason: `抢险 ${n}` }, by: ids['周杰'] },
        {
          transport: 'local',
          peer: `racer-${n}`,
        },
      );
    const results = await Promise.allSettled([take(2), take(3)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as { code: number }).code).toBe(RpcCode.Refused);
    const left = (await stockOf(point, '发电机'))?.quantity ?? 0;
    expect(left).toBeGreaterThanOrEqual(0);
    const outs = (await h.call('materials.listLedger', { item: '发电机' })).filter((e) => e.kind === 'out');
    expect(outs).toHaveLength(1);
    expect(left).toBe(3 - outs[0].quantity);
  });
});

describe('requests from a street', () => {
  const ask = (items = [{ item: '沙包', unit: '袋', quantity: 100 }], ctx: object = BJ) =>
    h.call('materials.request', { request: { street: '北京街', items, purpose: '北京路低洼点防汛封堵' }, by: ids['王芳'] }, ctx);

  it('requested → approved → dispatched (ledger out tied to it) → received into the street’s reserve point, each change kept', async () => {
    await move({ kind: 'in', to: depot, item: '沙包', unit: '袋', quantity: 500, reason: '入库' });
    await move({ kind: 'in', to: depot, item: '救生衣', unit: '件', quantity: 50, reason: '入库' });
    const r = await ask([
      { item: '沙包', unit: '袋', quantity: 100 },
      { item: '救生衣', unit: '件', quantity: 10 },
    ]);
    expect(r).toMatchObject({ state: 'requested', street: '北京街', requestedBy: { name: '王芳' } });
    h.clock.now += 60_000;
    await h.call('materials.approve', { id: r.id, by: ids['陈志强'], note: '同意' });
    h.clock.now += 60_000;
    const sent = await h.call('materials.dispatch', { id: r.id, from: depot, by: ids['吴婷'] });
    expect(sent).toMatchObject({ state: 'dispatched', dispatchedFrom: { name: '越秀区应急物资储备仓库' } });
    expect((await stockOf(depot, '沙包')).quantity).toBe(400);
    const out = await h.call('materials.listLedger', { requestId: r.id });
    expect(out.map((e) => [e.kind, e.item, e.quantity])).toEqual([
      ['out', '救生衣', 10],
      ['out', '沙包', 100],
    ]);
    h.clock.now += 60_000;
    const got = await h.call('materials.confirmReceipt', { id: r.id, by: ids['王芳'], note: '已清点' }, BJ);
    expect(got).toMatchObject({ state: 'received', receivedInto: { key: 'street:北京街', name: '北京街物资储备点' } });
    expect((await h.call('materials.listStock', { place: { kind: 'street', street: '北京街' } })).map((l) => [l.item, l.quantity])).toEqual([
      ['救生衣', 10],
      ['沙包', 100],
    ]);
    expect(got.history.map((e) => [e.from, e.to, e.by.name, e.street, e.at])).toEqual([
      [null, 'requested', '王芳', '北京街', T0],
      ['requested', 'approved', '陈志强', null, T0 + 60_000],
      ['approved', 'dispatched', '吴婷', null, T0 + 120_000],
      ['dispatched', 'received', '王芳', '北京街', T0 + 180_000],
    ]);
    const changes = h.events.filter((e) => e.event === 'materials.changed' && e.payload.request?.id === r.id).map((e) => e.payload.change);
    expect(changes).toEqual(['requested', 'approved', 'dispatched', 'received']);
  });

  it('refuses a step the state does not allow, and refusal needs a reason', async () => {
    const r = await ask();
    const e = await h.refusal('materials.dispatch', { id: r.id, from: depot, by: ids['吴婷'] });
    expect(e.message).toMatch(/^北京街的物资申请当前为“待审批”，不能调拨发出/);
    const noReason = await h.refusal('materials.refuse', { id: r.id, by: ids['陈志强'], reason: '' });
    expect(noReason.code).toBe(RpcCode.InvalidParams);
    const refused = await h.call('materials.refuse', { id: r.id, by: ids['陈志强'], reason: '街道储备点尚有库存，请先动用' });
    expect(refused).toMatchObject({ state: 'refused', reason: '街道储备点尚有库存，请先动用' });
    expect((await h.refusal('materials.approve', { id: r.id, by: ids['陈志强'] })).message).toMatch(/当前为“已驳回”/);
  });

  it('a dispatch the warehouse cannot cover in full moves nothing; two approved requests racing for the last units: one is dispatched', async () => {
    await move({ kind: 'in', to: depot, item: '沙包', unit: '袋', quantity: 150, reason: '入库' });
    const both = await ask([
      { item: '沙包', unit: '袋', quantity: 10 },
      { item: '发电机', unit: '台', quantity: 1 },
    ]);
    await h.call('materials.approve', { id: both.id, by: ids['陈志强'] });
    const short = await h.refusal('materials.dispatch', { id: both.id, from: depot, by: ids['吴婷'] });
    expect(short.message).toMatch(/^越秀区应急物资储备仓库的发电机仅有 0 台，不足 1 台/);
    expect((await stockOf(depot, '沙包')).quantity).toBe(150);
    expect(await h.call('materials.listLedger', { requestId: both.id })).toEqual([]);
    expect((await h.call('materials.getRequest', { id: both.id })).state).toBe('approved');
    await h.call('materials.cancelRequest', { id: both.id, by: ids['王芳'], reason: '改为向区里另行申请' }, BJ);
    const a = await ask();
    const b = await ask();
    for (const r of [a, b]) await h.call('materials.approve', { id: r.id, by: ids['陈志强'] });
    const ctx = { transport: 'local', peer: 'district' } as const;
    const results = await Promise.allSettled([a, b].map((r) => h.core.dispatch('materials.dispatch', { id: r.id, from: depot, by: ids['吴婷'] }, ctx)));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as Error).message).toMatch(/仅有 50 袋，不足 100 袋/);
    expect((await stockOf(depot, '沙包')).quantity).toBe(50);
    const states = (await h.call('materials.listRequests', {})).map((r) => r.state).sort();
    expect(states).toEqual(['approved', 'cancelled', 'dispatched']);
  });

  it('a street asks, sees and confirms only its own street’s requests', async () => {
    const LR = { street: '六榕街', peer: 'liurong-1' } as const;
    const asked = (street: string, ctx: object) =>
      h.call(
        'materials.request',
        {
          request: { street: street as '北京街', items: [{ item: '沙包', unit: '袋', quantity: 1 }], purpose: '防汛' },
          by: ids[street === '北京街' ? '王芳' : '赵强'],
        },
        ctx,
      );
    const wrong = await refusal(asked('六榕街', BJ));
    expect(wrong.code).toBe(RpcCode.Forbidden);
    const mine = await asked('北京街', BJ);
    const theirs = await asked('六榕街', LR);
    expect((await h.call('materials.listRequests', {}, BJ)).map((r) => r.id)).toEqual([mine.id]);
    expect((await h.call('materials.listRequests', {})).map((r) => r.id).sort()).toEqual([mine.id, theirs.id].sort());
    expect((await refusal(h.call('materials.listRequests', { street: '六榕街' }, BJ))).code).toBe(RpcCode.Forbidden);
    expect((await refusal(h.call('materials.getRequest', { id: theirs.id }, BJ))).code).toBe(RpcCode.Forbidden);
    expect((await refusal(h.call('materials.cancelRequest', { id: theirs.id, by: ids['王芳'], reason: '不需要了' }, BJ))).code).toBe(RpcCode.Forbidden);
    // And it moves stock only at its own places.
    const away = await refusal(move({ kind: 'in', to: depot, item: '沙包', unit: '袋', quantity: 1, reason: '入库' }, ids['王芳'], BJ));
    expect(away.code).toBe(RpcCode.Forbidden);
    expect(away.message).toContain('params.movement.to');
    await move({ kind: 'in', to: point, item: '沙包', unit: '袋', quantity: 1, reason: '入库' }, ids['王芳'], BJ);
  });

  it('receipt of goods used at once puts nothing into stock; receipt into one of the street’s warehouses puts them there', async () => {
    await move({ kind: 'in', to: depot, item: '沙包', unit: '袋', quantity: 500, reason: '入库' });
    const [a, b] = [await ask(), await ask()];
    for (const r of [a, b]) {
      await h.call('materials.approve', { id: r.id, by: ids['陈志强'] });
      await h.call('materials.dispatch', { id: r.id, from: depot, by: ids['吴婷'] });
    }
    const used = await h.call('materials.confirmReceipt', { id: a.id, by: ids['王芳'], intoStock: false }, BJ);
    expect(used).toMatchObject({ state: 'received', receivedInto: null });
    expect(await h.call('materials.listStock', { street: '北京街' })).toEqual([]);
    const away = await refusal(h.call('materials.confirmReceipt', { id: b.id, by: ids['王芳'], into: depot }, BJ));
    expect(away.code).toBe(RpcCode.Forbidden);
    await h.call('materials.confirmReceipt', { id: b.id, by: ids['王芳'], into: point }, BJ);
    expect((await stockOf(point, '沙包')).quantity).toBe(100);
  });

  it('a withdrawn request cannot be dispatched', async () => {
    const r = await ask();
    await h.call('materials.approve', { id: r.id, by: ids['陈志强'] });
    const c = await h.call('materials.cancelRequest', { id: r.id, by: ids['王芳'], reason: '险情已解除' }, BJ);
    expect(c).toMatchObject({ state: 'cancelled', reason: '险情已解除' });
    expect((await h.refusal('materials.dispatch', { id: r.id, from: depot, by: ids['吴婷'] })).message).toMatch(/当前为“已撤回”/);
    expect((await h.call('materials.listRequests', { state: 'open' })).map((x) => x.id)).not.toContain(r.id);
  });
});

describe('thresholds and alarms', () => {
  it('a movement taking a line below its low mark pushes one alarm; staying below pushes no more', async () => {
    await move({ kind: 'in', to: point, item: '沙包', unit: '袋', quantity: 300, reason: '入库' });
    await h.call('materials.saveThreshold', { threshold: { item: '沙包', unit: '袋', lowQuantity: 200 }, by: ids['李明'] });
    expect(alarms()).toEqual([]);
    await move({ kind: 'out', from: point, item: '沙包', unit: '袋', quantity: 100, reason: '封堵' });
    expect(alarms()).toEqual([]);
    await move({ kind: 'out', from: point, item: '沙包', unit: '袋', quantity: 1, reason: '封堵' });
    expect(alarms()).toEqual([
      expect.objectContaining({ kind: 'low', item: '沙包', quantity: 199, lowQuantity: 200, place: expect.objectContaining({ name: '北京街应急物资储备点' }) }),
    ]);
    await move({ kind: 'out', from: point, item: '沙包', unit: '袋', quantity: 1, reason: '封堵' });
    expect(alarms()).toHaveLength(1);
    const line = await stockOf(point, '沙包');
    expect(line).toMatchObject({ low: true, lowQuantity: 200 });
    expect((await h.call('materials.listStock', { attention: true })).map((l) => l.item)).toEqual(['沙包']);
    // A place's own threshold wins over every place's; raising it above the stock is a crossing too.
    await h.call('materials.saveThreshold', { threshold: { item: '沙包', unit: '袋', place: point, lowQuantity: 50 }, by: ids['李明'] });
    expect((await stockOf(point, '沙包')).low).toBe(false);
    await h.call('materials.saveThreshold', { threshold: { item: '沙包', unit: '袋', place: point, lowQuantity: 500 }, by: ids['李明'] });
    expect(alarms()).toHaveLength(2);
    expect((await h.call('materials.listThresholds', {})).map((t) => [t.item, t.place?.name ?? null, t.lowQuantity])).toEqual([
      ['沙包', null, 200],
      ['沙包', '北京街应急物资储备点', 500],
    ]);
  });

  it('a lot reaching its warning day and then its expiry pushes an alarm each time, on the clock', async () => {
    const today = localDateString(T0);
    const inTenDays = localDateString(T0 + 10 * DAY);
    expect(today).toBe('2025-06-10');
    await h.call('materials.saveThreshold', { threshold: { item: '方便面', unit: '箱', expiryWarnDays: 7 }, by: ids['李明'] });
    await move({ kind: 'in', to: point, item: '方便面', unit: '箱', quantity: 12, expiry: inTenDays, reason: '入库' });
    expect((await stockOf(point, '方便面')).expiring).toBe(false);
    h.clock.now = T0 + 3 * DAY; // 2025-06-13 10:00: past 06-13 00:00, seven days before 06-20
    await new Promise((r) => setTimeout(r, 1200));
    expect(alarms()).toEqual([expect.objectContaining({ kind: 'expiring', item: '方便面', expiry: '2025-06-20', quantity: 12 })]);
    expect((await stockOf(point, '方便面')).expiring).toBe(true);
    h.clock.now = T0 + 11 * DAY;
    await new Promise((r) => setTimeout(r, 1200));
    expect(alarms().map((a) => a.kind)).toEqual(['expiring', 'expired']);
    expect(await stockOf(point, '方便面')).toMatchObject({ expired: true, nextExpiry: '2025-06-20' });
  });
});

describe('the map’s warehouse stock', () => {
  it('is taken over once as opening balances, and the places list names every warehouse and each street’s reserve point', async () => {
    const w = await warehouse('流花街应急物资储备点', '流花街', [
      { item: '沙包', quantity: 300, unit: '袋' },
      { item: '对讲机', quantity: 6, unit: '台' },
    ]);
    for (let i = 0; i < 50 && !(await h.call('materials.listStock', { place: w })).length; i++) await settle();
    expect((await h.call('materials.listStock', { place: w })).map((l) => [l.item, l.quantity])).toEqual([
      ['对讲机', 6],
      ['沙包', 300],
    ]);
    const opening = await h.call('materials.listLedger', { place: w });
    expect(opening.every((e) => e.kind === 'in' && e.by === null && e.reason.startsWith('期初库存'))).toBe(true);
    // Saving the object again does not take it over twice.
    await h.call('map.saveObject', {
      object: {
        kind: 'warehouse',
        id: w.kind === 'warehouse' ? w.id : '',
        name: '流花街应急物资储备点',
        position: { lat: 23.14, lng: 113.26 },
        stock: [{ item: '沙包', quantity: 999, unit: '袋' }],
      },
    });
    await settle();
    expect((await stockOf(w, '沙包')).quantity).toBe(300);
    const places = await h.call('materials.listPlaces', {});
    expect(places.filter((p) => p.kind === 'warehouse').map((p) => p.name)).toEqual(['北京街应急物资储备点', '流花街应急物资储备点', '越秀区应急物资储备仓库']);
    expect(places.filter((p) => p.kind === 'street')).toHaveLength(18);
  });
});
