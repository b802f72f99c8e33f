// map.listObjects packed (issue 17): the whole map as a table a 4K wall parses fast, the same
// objects as the plain answer, in order, in far fewer bytes.
import { afterEach, describe, expect, it } from 'vitest';
import { packMapObjects, unpackMapObjects } from '@contract/map';
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

  it('refuses a row that names no shape', () => {
    const packed = packMapObjects([]);
    expect(() => unpackMapObjects({ ...packed, rows: [[3, 'x']] })).toThrow(/row 0 names shape 3/);
  });
});
