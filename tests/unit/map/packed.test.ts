// map.listObjects packed (issue 17): the whole map by column, which a 4K wall parses fast, the
// same objects as the plain answer, in order, in far fewer bytes.
import { afterEach, describe, expect, it } from 'vitest';
import { packMapObjects, unpackMapObjects, type MapObject, type PackedColumn, type PackedMapObjects } from '@contract/map';
import { openCoreHarness, type CoreHarness } from '../../support/core-harness';

let t: CoreHarness;
afterEach(async () => t?.close());

describe('map.listObjects packed', () => {
  it('gives the same objects as the plain answer, in the same order, every kind, in fewer bytes', async () => {
    t = await openCoreHarness({ demo: true });
    const plain = await t.call('map.listObjects', {});
    const packed = await t.call('map.listObjects', { packed: true });
    expect(packed.objects).toEqual([]);
    expect(packed.counts).toEqual(plain.counts);
    expect(new Set(plain.objects.map((o) => o.kind)).size).toBe(6);
    expect(unpackMapObjects(packed.packed!)).toEqual(plain.objects);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(plain).length * 0.75);
    // A filter applies to the packed answer too.
    const teams = await t.call('map.listObjects', { kinds: ['team'], packed: true });
    expect(unpackMapObjects(teams.packed!)).toEqual(plain.objects.filter((o) => o.kind === 'team'));
  });

  it('leaves the names out when asked (a wall draws none), and keeps everything else, packed or plain', async () => {
    t = await openCoreHarness({ demo: true });
    const plain = await t.call('map.listObjects', {});
    const nameless = plain.objects.map((o) => ({ ...o, name: '' }));
    const packed = await t.call('map.listObjects', { packed: true, names: false });
    expect(unpackMapObjects(packed.packed!)).toEqual(nameless);
    expect(packed.counts).toEqual(plain.counts);
    // The names' column is one empty value, whatever the shape.
    for (const shape of packed.packed!.shapes) expect(shape.columns[shape.keys.indexOf('name')]).toEqual({ form: 'same', value: '' });
    expect((await t.call('map.listObjects', { names: false })).objects).toEqual(nameless);
    const teams = await t.call('map.listObjects', { kinds: ['team'], packed: true, names: false });
    expect(unpackMapObjects(teams.packed!)).toEqual(nameless.filter((o) => o.kind === 'team'));
    // Asked with names again, the whole map has them (the two packed copies are kept apart).
    expect(unpackMapObjects((await t.call('map.listObjects', { packed: true })).packed!)).toEqual(plain.objects);
    expect(unpackMapObjects((await t.call('map.listObjects', { packed: true, names: false })).packed!)).toEqual(nameless);
  });

  it('follows a change (the packed copy is not kept past it)', async () => {
    t = await openCoreHarness({ demo: true });
    const before = unpackMapObjects((await t.call('map.listObjects', { packed: true })).packed!);
    const saved = await t.call('map.saveObject', {
      object: { kind: 'shelter', name: '新避护场所', street: '洪桥街', position: { lat: 23.139, lng: 113.266 }, capacity: 10, areaM2: 20 },
    });
    const after = unpackMapObjects((await t.call('map.listObjects', { packed: true })).packed!);
    expect(after).toHaveLength(before.length + 1);
    expect(after.find((o) => o.id === saved.id)).toEqual(saved);
  });

  it('keeps 50,000 imported risk points in well under half the bytes, each field in its cheapest form', () => {
    const levels = ['blue', 'yellow', 'orange', 'red'] as const;
    const objects: MapObject[] = Array.from({ length: 50_000 }, (_, i) => ({
      kind: 'risk',
      id: `obj_${i.toString(36).padStart(12, '0')}`,
      name: `风险点${i}`,
      street: i % 3 === 0 ? null : '北京街',
      address: '',
      position: { lat: 23.1 + (i % 997) / 1e5, lng: 113.2 + (i % 991) / 1e5 },
      note: '',
      demo: false,
      updatedAt: 1_796_663_411_123,
      level: levels[i % 4],
      category: 'other',
      measures: '',
    }));
    const packed = packMapObjects(objects);
    expect(packed.order).toBeUndefined();
    expect(formsOf(packed.shapes[0])).toMatchObject({ id: 'values', name: 'values', street: 'dict', level: 'dict', note: 'same', updatedAt: 'same' });
    expect(unpackMapObjects(packed)).toEqual(objects);
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(objects).length * 0.4);
  });

  it('never shares a list between objects, even one that was shared when packed', async () => {
    t = await openCoreHarness({ demo: true });
    const plain = await t.call('map.listObjects', { kinds: ['warehouse'] });
    const stock = (plain.objects[0] as Extract<MapObject, { kind: 'warehouse' }>).stock;
    const same = plain.objects.map((o) => ({ ...o, stock }) as MapObject);
    const unpacked = JSON.parse(JSON.stringify(packMapObjects(same))) as PackedMapObjects;
    const lists = unpackMapObjects(unpacked).map((o) => (o as Extract<MapObject, { kind: 'warehouse' }>).stock);
    expect(lists.length).toBeGreaterThan(1);
    expect(lists[1]).toEqual(lists[0]);
    expect(lists[1]).not.toBe(lists[0]);
  });

  it('refuses a table that does not add up, saying what is wrong', () => {
    const packed = packMapObjects([
      { ...demoRisk, id: 'a' },
      { ...demoRisk, id: 'b', level: 'red' },
    ]);
    expect(() => unpackMapObjects({ ...packed, order: [0, 3] })).toThrow(/object 1 names shape 3/);
    expect(() => unpackMapObjects({ ...packed, order: [0, 0, 0] })).toThrow(/order of 3 for 2 objects/);
    const shape = packed.shapes[0];
    expect(() => unpackMapObjects({ shapes: [{ ...shape, columns: shape.columns.slice(1) }] })).toThrow(/shape 0 has 12 columns for 13 fields/);
    expect(() => unpackMapObjects({ shapes: [{ ...shape, n: 3 }] })).toThrow(/shape 0 column 1 has 2 values for 3 objects/);
    const level: PackedColumn = { form: 'dict', dict: ['blue'], index: [0, 1] };
    expect(() => unpackMapObjects({ shapes: [{ ...shape, columns: shape.columns.map((c, i) => (i === shape.columns.length - 3 ? level : c)) }] })).toThrow(
      /column 10 points past its dictionary/,
    );
  });
});

/** Each field's form in a packed shape (position is two columns). */
function formsOf(shape: PackedMapObjects['shapes'][number]): Record<string, string> {
  const out: Record<string, string> = {};
  let j = 0;
  for (const k of shape.keys) {
    out[k] = shape.columns[j].form;
    j += k === 'position' ? 2 : 1;
  }
  return out;
}

const demoRisk: Extract<MapObject, { kind: 'risk' }> = {
  kind: 'risk',
  id: 'x',
  name: '风险点',
  street: null,
  address: '',
  position: { lat: 23.12, lng: 113.27 },
  note: '',
  demo: false,
  updatedAt: 1_796_663_411_123,
  level: 'blue',
  category: 'other',
  measures: '',
};
