// The fields of a map object other capabilities took over: a warehouse's stock (materials) and a
// team's status (teams). A save from outside the core that changes one is refused in both
// languages, naming the field and where it is managed now; the same save with the field as it is
// passes, and so does the teams capability's own write of its coarse copy (in process).
import { afterEach, describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import { openCoreHarness, type CoreHarness } from '../../support/core-harness';

let t: CoreHarness;
afterEach(async () => t?.close());

const ws = { transport: 'ws' as const, peer: 'console' };
const warehouse = {
  kind: 'warehouse' as const,
  name: '流花街应急物资储备点',
  street: '流花街' as const,
  position: { lat: 23.14, lng: 113.26 },
  stock: [{ item: '沙包', quantity: 300, unit: '袋' }],
};
const team = { kind: 'team' as const, name: '区排水抢险队', street: '北京街' as const, position: { lat: 23.126, lng: 113.27 }, people: 30, professional: true };

async function refused(p: Promise<unknown>): Promise<{ code: number; message: string; data?: any }> {
  try {
    await p;
  } catch (err) {
    return err as { code: number; message: string; data?: any };
  }
  throw new Error('the save succeeded but a refusal was expected');
}

/** The refusal of a map save touching `field`, which `managedIn` owns: named in both languages with the owner's name. */
function expectTakenOver(r: Awaited<ReturnType<typeof refused>>, field: string, managedIn: string, ownerZh: string, ownerEn: string): void {
  expect(r.code).toBe(RpcCode.Refused);
  expect(r.data).toMatchObject({ field: `object.${field}`, managedIn });
  expect(r.data.text.zh).toContain(field);
  expect(r.data.text.zh).toContain(ownerZh);
  expect(r.data.text.en).toContain(`field ${field}`);
  expect(r.data.text.en).toContain(ownerEn);
}

describe('fields taken over from the map', () => {
  it('refuses a change of a warehouse’s stock from outside the core, naming the field and Materials, in both languages', async () => {
    t = await openCoreHarness();
    const w = await t.call('map.saveObject', { object: warehouse }, ws);
    if (w.kind !== 'warehouse') throw new Error('not a warehouse');
    const { demo: _d, updatedAt: _u, ...input } = w;
    const r = await refused(t.call('map.saveObject', { object: { ...input, stock: [{ item: '沙包', quantity: 999, unit: '袋' }] } }, ws));
    expectTakenOver(r, 'stock', 'materials', '物资', 'Materials');
    // Nothing was written; the same save with the stock as it is passes (a form sends it back whole).
    expect((await t.call('map.getObject', { id: w.id })).object).toMatchObject({ stock: [{ item: '沙包', quantity: 300 }] });
    const renamed = await t.call('map.saveObject', { object: { ...input, manager: '李明' } }, ws);
    expect(renamed).toMatchObject({ manager: '李明', stock: [{ quantity: 300 }] });
  });

  it('refuses a change of a team’s status from outside the core, naming the field and Teams; the teams capability still writes its copy', async () => {
    t = await openCoreHarness();
    const o = await t.call('map.saveObject', { object: team }, ws);
    if (o.kind !== 'team') throw new Error('not a team');
    const { demo: _d, updatedAt: _u, ...input } = o;
    const r = await refused(t.call('map.saveObject', { object: { ...input, status: 'deployed' } }, ws));
    expectTakenOver(r, 'status', 'teams', '救援队伍', 'Teams');
    const people = await t.call('map.saveObject', { object: { ...input, people: 32 } }, ws);
    expect(people).toMatchObject({ people: 32, status: 'standby' });
    // The teams capability owns the status: its change reaches the map's coarse copy.
    const person = await t.call('duty.savePerson', { person: { name: '陈志强', role: 'officer', phone: '13900000001', unit: '区应急管理局', active: true } });
    await t.call('teams.changeStatus', { id: o.id, status: 'dispatched', by: person.id });
    const status = async (): Promise<unknown> => ((await t.call('map.getObject', { id: o.id })).object as { status?: string }).status;
    for (let i = 0; i < 50 && (await status()) !== 'deployed'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await status()).toBe('deployed');
  });
});
