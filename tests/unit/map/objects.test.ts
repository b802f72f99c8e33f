// Map objects through the contract: the demo set, edits with history, and all-or-nothing imports.
import { afterEach, describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import { MAX_IMPORT_FEATURES } from '@contract/map';
import { openCoreHarness, refusal, type CoreHarness } from '../../support/core-harness';

let t: CoreHarness;
afterEach(async () => t?.close());

const shelter = {
  kind: 'shelter' as const,
  name: '越秀公园避护场所',
  street: '洪桥街' as const,
  position: { lat: 23.139, lng: 113.266 },
  capacity: 1000,
  areaM2: 1200,
};

describe('the demo set', () => {
  it('loads on an empty store when demo is on, with the seed plan’s counts', async () => {
    t = await openCoreHarness({ demo: true });
    const { objects, counts } = await t.call('map.listObjects', {});
    expect(objects).toHaveLength(146 + 35 + 23 + 26 + 3 + 1);
    expect(counts.byKind).toEqual({ risk: 146, shelter: 35, warehouse: 23, team: 26, waterlogging: 3, geohazard: 1 });
    expect(counts.riskByLevel).toEqual({ red: 0, orange: 1, yellow: 21, blue: 124 });
    expect(counts.teamPeople).toBe(722);
    expect(counts.demo).toBe(objects.length);
    expect(objects.every((o) => o.demo)).toBe(true);
  });

  it('is not loaded over the operator’s own objects, and can be cleared', async () => {
    t = await openCoreHarness();
    await t.call('map.saveObject', { object: shelter });
    const dir = t.dir;
    await t.core.close();
    t = await openCoreHarness({ demo: true, dir });
    expect((await t.call('map.listObjects', {})).objects).toHaveLength(1);
    await t.core.close();

    t = await openCoreHarness({ demo: true });
    const cleared = await t.call('map.clearDemo', {});
    expect(cleared.removed).toBe(234);
    expect(cleared.counts.demo).toBe(0);
    expect((await t.call('map.listObjects', {})).objects).toHaveLength(0);
  });
});

describe('editing map objects', () => {
  it('creates, changes and removes, keeping every version in the history', async () => {
    t = await openCoreHarness();
    const created = await t.call('map.saveObject', { object: shelter });
    expect(created.id).toMatch(/^obj_/);
    expect(created.kind === 'shelter' && created.areaPerPerson).toBe(1.2);
    expect(t.events.at(-1)).toMatchObject({ event: 'map.objectsChanged', payload: { change: 'saved', objects: [{ id: created.id }] } });

    const changed = await t.call('map.saveObject', { object: { ...shelter, id: created.id, areaM2: 1800 } });
    expect(changed.kind === 'shelter' && changed.areaPerPerson).toBe(1.8);
    const { history } = await t.call('map.getObject', { id: created.id });
    expect(history.map((h) => h.kind)).toEqual(['changed', 'created']);
    expect(history[0].before).toMatchObject({ areaM2: 1200 });

    const kindChange = await refusal(t.call('map.saveObject', { object: { kind: 'warehouse', id: created.id, name: 'x', position: shelter.position } }));
    expect(kindChange.message).toMatch(/kind cannot change/);

    await t.call('map.removeObject', { id: created.id });
    expect((await t.call('map.listObjects', {})).objects).toHaveLength(0);
    expect((await refusal(t.call('map.getObject', { id: created.id }))).message).toMatch(/no map object/);
  });

  it('refuses positions outside Yuexiu and fields of the wrong shape, naming them', async () => {
    t = await openCoreHarness();
    const outside = await refusal(t.call('map.saveObject', { object: { ...shelter, position: { lat: 39.9, lng: 116.4 } } }));
    expect(outside.code).toBe(RpcCode.InvalidParams);
    expect(outside.message).toMatch(/params\.object\.position.*outside Yuexiu/);
    const zero = await refusal(t.call('map.saveObject', { object: { ...shelter, capacity: 0 } }));
    expect(zero.message).toMatch(/capacity/);
  });

  it('filters by kind, street and name', async () => {
    t = await openCoreHarness({ demo: true });
    const streetOnly = await t.call('map.listObjects', { street: '北京街' });
    expect(streetOnly.objects.length).toBeGreaterThan(0);
    expect(streetOnly.objects.every((o) => o.street === '北京街')).toBe(true);
    const teams = await t.call('map.listObjects', { kinds: ['team'], q: '三防' });
    expect(teams.objects.map((o) => o.name)).toEqual(['区三防抢险队']);
  });
});

const feature = (props: Record<string, unknown>, coords: unknown = [113.27, 23.13], geometryType = 'Point') => ({
  type: 'Feature',
  properties: props,
  geometry: { type: geometryType, coordinates: coords },
});

describe('importing', () => {
  it('refuses a GeoJSON with two bad features, naming both, and writes nothing', async () => {
    t = await openCoreHarness();
    const doc = {
      type: 'FeatureCollection',
      features: [
        feature({ kind: 'risk', name: '好的风险点', level: 'yellow' }),
        feature({ kind: 'risk', name: '北京路坏点', level: 'purple' }),
        feature({ kind: 'shelter', name: '好的场所', capacity: 100, areaM2: 200 }),
        feature({ kind: 'shelter', name: '远方场所', capacity: 100, areaM2: 200 }, [116.4, 39.9]),
      ],
    };
    const r = await refusal(t.call('map.importObjects', { format: 'geojson', text: JSON.stringify(doc) }));
    expect(r.code).toBe(RpcCode.Refused);
    expect(r.message).toMatch(/nothing written: 2 bad features/);
    expect(r.message).toContain('feature 2 (“北京路坏点”): level');
    expect(r.message).toContain('feature 4 (“远方场所”): position');
    expect(r.data.problems.map((p: { index: number }) => p.index)).toEqual([2, 4]);
    expect((await t.call('map.listObjects', {})).objects).toHaveLength(0);
    expect(t.events.filter((e) => e.event === 'map.objectsChanged')).toHaveLength(0);
  });

  it('refuses an import of more features than the map is built to draw, writing nothing', async () => {
    t = await openCoreHarness();
    const rows = Array.from({ length: MAX_IMPORT_FEATURES + 1 }, (_, i) => `risk,R${i},23.13,113.27,blue`);
    const r = await refusal(t.call('map.importObjects', { format: 'csv', text: ['kind,name,lat,lng,level', ...rows].join('\n') }));
    expect(r.code).toBe(RpcCode.Refused);
    expect(r.message).toContain(`at most ${MAX_IMPORT_FEATURES} rows, this one ${MAX_IMPORT_FEATURES + 1}`);
    expect((await t.call('map.listObjects', {})).objects).toHaveLength(0);
  });

  it('names non-Point geometries and missing kinds', async () => {
    t = await openCoreHarness();
    const doc = {
      type: 'FeatureCollection',
      features: [feature({ name: '无类型' }), feature({ kind: 'risk', name: '面', level: 'blue' }, [[[0, 0]]], 'Polygon')],
    };
    const r = await refusal(t.call('map.importObjects', { format: 'geojson', text: JSON.stringify(doc) }));
    expect(r.message).toContain('feature 1 (“无类型”): kind: no kind');
    expect(r.message).toContain('feature 2 (“面”): geometry: geometry is Polygon');
  });

  it('imports GeoJSON, and importing the same file again updates rather than duplicates', async () => {
    t = await openCoreHarness();
    const doc = {
      type: 'FeatureCollection',
      features: [
        { ...feature({ kind: 'risk', name: '工地A', level: 'orange', street: '大塘街' }), id: 'obj_site-a' },
        feature({ kind: 'team', name: '街道队', people: 12, id: 'obj_team-x' }),
      ],
    };
    const first = await t.call('map.importObjects', { format: 'geojson', text: JSON.stringify(doc) });
    expect(first).toMatchObject({ created: 2, updated: 0 });
    const again = await t.call('map.importObjects', { format: 'geojson', text: JSON.stringify(doc) });
    expect(again).toMatchObject({ created: 0, updated: 2 });
    expect((await t.call('map.listObjects', {})).objects.map((o) => o.id).sort()).toEqual(['obj_site-a', 'obj_team-x']);
  });

  it('imports CSV with Chinese headers and words, and refuses bad rows by line', async () => {
    t = await openCoreHarness();
    const good = [
      '类型,名称,纬度,经度,街道,等级,容纳人数,面积,物资',
      '风险点,"中山五路, 地铁口",23.127,113.270,北京街,黄色,,,',
      '仓库,北京街储备点,23.126,113.271,北京街,,,,"沙包:200:袋;救生衣:20:件"',
      '',
    ].join('\r\n');
    const r = await t.call('map.importObjects', { format: 'csv', text: good });
    expect(r).toMatchObject({ created: 2, updated: 0 });
    const { objects } = await t.call('map.listObjects', { q: '储备点' });
    expect(objects[0]).toMatchObject({
      kind: 'warehouse',
      stock: [
        { item: '沙包', quantity: 200, unit: '袋' },
        { item: '救生衣', quantity: 20, unit: '件' },
      ],
    });

    const bad = ['kind,name,lat,lng,capacity,areaM2', 'shelter,A,23.13,113.27,100,150', 'shelter,B,23.13,113.27,abc,150', 'shelter,C,91,113.27,100,150'].join(
      '\n',
    );
    const refused = await refusal(t.call('map.importObjects', { format: 'csv', text: bad }));
    expect(refused.message).toContain('line 3 (“B”): capacity');
    expect(refused.message).toContain('line 4 (“C”): position.lat');
    expect((await t.call('map.listObjects', {})).objects).toHaveLength(2);
  });

  it('checks without writing on a dry run, and refuses one id used twice', async () => {
    t = await openCoreHarness();
    const csv = 'kind,name,lat,lng,level,id\nrisk,A,23.13,113.27,blue,obj_same\nrisk,B,23.13,113.27,blue,obj_same\n';
    const r = await refusal(t.call('map.importObjects', { format: 'csv', text: csv }));
    expect(r.message).toContain('line 3 (“B”): id: id obj_same is also used by line 2 (“A”)');
    const dry = await t.call('map.importObjects', { format: 'csv', text: csv.replace('B,23.13,113.27,blue,obj_same', 'B,23.13,113.27,blue,'), dryRun: true });
    expect(dry).toMatchObject({ created: 2, dryRun: true });
    expect((await t.call('map.listObjects', {})).objects).toHaveLength(0);
  });

  it('takes 5,000 rows in one import', async () => {
    t = await openCoreHarness();
    const rows = ['kind,name,lat,lng,level'];
    for (let i = 0; i < 5000; i++) rows.push(`risk,点${i},${(23.12 + (i % 70) * 0.0005).toFixed(5)},${(113.26 + Math.floor(i / 70) * 0.0005).toFixed(5)},blue`);
    const r = await t.call('map.importObjects', { format: 'csv', text: rows.join('\n') });
    expect(r.created).toBe(5000);
    expect(r.counts.byKind.risk).toBe(5000);
    const ev = t.events.filter((e) => e.event === 'map.objectsChanged').at(-1)!;
    expect(ev.payload.objects).toBeNull();
  });
});
