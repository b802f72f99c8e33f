// Reserve targets (储备目标) through the contract, on the real core and store: none by default
// (every stock line says 未设目标, target null), a target set per place and item sets the stock
// against it (short first), a target with no stock holds 0, a changed stock moves the ratio,
// removal brings 未设目标 back, bad input is refused naming the field, a street caller sets no target
// outside its own places, and every change pushes materials.changed ('target').
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import type { Place } from '@contract/materials';
import { refusal } from '../../support/core-harness';
import { openHarness, staff, type Harness } from '../duty/harness';

let h: Harness;
let ids: Record<string, string>;
let depot: Place;
const point: Place = { kind: 'street', street: '北京街' };

beforeEach(async () => {
  h = await openHarness();
  ids = await staff(h);
  const o = await h.call('map.saveObject', {
    object: { kind: 'warehouse', name: '越秀区应急物资储备仓库', street: '洪桥街', position: { lat: 23.125, lng: 113.27 }, stock: [] },
  });
  depot = { kind: 'warehouse', id: o.id };
  for (const [item, unit, quantity] of [
    ['沙包', '袋', 500],
    ['救生衣', '件', 80],
  ] as const)
    await h.call('materials.move', { movement: { kind: 'in', to: depot, item, unit, quantity, reason: '入库' }, by: ids['周杰'] });
});
afterEach(() => h.close());

const lines = async () => (await h.call('materials.listTargets', {})).lines.map((l) => [l.place.name, l.item, l.stock, l.target, l.ratio]);

describe('reserve targets', () => {
  it('are none by default: every stock line reads without a target (未设目标)', async () => {
    expect(await lines()).toEqual(
      expect.arrayContaining([
        ['越秀区应急物资储备仓库', '沙包', 500, null, null],
        ['越秀区应急物资储备仓库', '救生衣', 80, null, null],
      ]),
    );
    expect((await h.call('materials.listTargets', {})).targets).toEqual([]);
  });

  it('set stock against the target per place and item, short first; a target with no stock holds 0; removal brings 未设目标 back', async () => {
    const saved = await h.call('materials.saveTarget', { target: { place: depot, item: '沙包', unit: '袋', quantity: 2000 }, by: ids['周杰'] });
    expect(saved).toMatchObject({ item: '沙包', unit: '袋', quantity: 2000, by: '周杰', place: { name: '越秀区应急物资储备仓库' } });
    await h.call('materials.saveTarget', { target: { place: depot, item: '救生衣', unit: '件', quantity: 80 }, by: ids['周杰'] });
    await h.call('materials.saveTarget', { target: { place: point, item: '沙包', unit: '袋', quantity: 300 }, by: ids['周杰'] });
    expect(await lines()).toEqual([
      ['北京街物资储备点', '沙包', 0, 300, 0],
      ['越秀区应急物资储备仓库', '沙包', 500, 2000, 0.25],
      ['越秀区应急物资储备仓库', '救生衣', 80, 80, 1],
    ]);
    expect(h.events.filter((e) => e.event === 'materials.changed' && e.payload.change === 'target')).toHaveLength(3);

    // Stock moves: the ratio follows; a second save of the same place and item replaces the target.
    await h.call('materials.move', {
      movement: { kind: 'transfer', from: depot, to: point, item: '沙包', unit: '袋', quantity: 150, reason: '前置' },
      by: ids['周杰'],
    });
    await h.call('materials.saveTarget', { target: { place: depot, item: '沙包', unit: '袋', quantity: 350 }, by: ids['周杰'] });
    expect(await lines()).toEqual([
      ['北京街物资储备点', '沙包', 150, 300, 0.5],
      ['越秀区应急物资储备仓库', '救生衣', 80, 80, 1], // met lines by place, then item (pinyin: jiu before sha)
      ['越秀区应急物资储备仓库', '沙包', 350, 350, 1],
    ]);
    expect((await h.call('materials.listTargets', { street: '北京街' })).lines.map((l) => l.place.name)).toEqual(['北京街物资储备点']);

    expect(await h.call('materials.removeTarget', { place: depot, item: '救生衣', unit: '件', by: ids['周杰'] })).toEqual({ removed: true });
    expect(await h.call('materials.removeTarget', { place: depot, item: '救生衣', unit: '件', by: ids['周杰'] })).toEqual({ removed: false });
    expect((await lines()).at(-1)).toEqual(['越秀区应急物资储备仓库', '救生衣', 80, null, null]);
  });

  it('refuses a target of 0 or less naming the field, a warehouse not on the map, and a street setting another street’s', async () => {
    const zero = await refusal(h.call('materials.saveTarget', { target: { place: depot, item: '沙包', unit: '袋', quantity: 0 }, by: ids['周杰'] }));
    expect(zero.code).toBe(RpcCode.InvalidParams);
    expect(zero.message).toContain('target.quantity');
    const gone = await refusal(
      h.call('materials.saveTarget', { target: { place: { kind: 'warehouse', id: 'obj_nowhere' }, item: '沙包', unit: '袋', quantity: 5 }, by: ids['周杰'] }),
    );
    expect(gone.message).toContain('地图上没有此仓库');
    const street = await h.call('duty.savePerson', { person: { name: '王芳', role: 'officer', unit: '北京街道办事处', phone: '13800000011' } });
    const other = await refusal(
      h.call('materials.saveTarget', { target: { place: depot, item: '沙包', unit: '袋', quantity: 5 }, by: street.id }, { street: '北京街', peer: 'bj-1' }),
    );
    expect(other.code).toBe(RpcCode.Forbidden);
    expect((await h.call('materials.listTargets', {})).targets).toEqual([]);
  });
});
