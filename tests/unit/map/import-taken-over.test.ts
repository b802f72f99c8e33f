// map.importObjects and the fields other capabilities took over: a warehouse's stock (materials)
// and a team's status (teams). An import from outside the core that gives either is refused in
// both languages, naming the field and the row, with nothing written; a row that updates such an
// object without the field keeps the object's own value (never the contract's default).
import { afterEach, describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import { openCoreHarness, refusal, type CoreHarness } from '../../support/core-harness';

let t: CoreHarness;
afterEach(async () => t?.close());

const ws = { transport: 'ws' as const, peer: 'console' };

describe('an import giving fields taken over from the map', () => {
  it('refuses a warehouse’s stock in a CSV row, naming the field and the row in both languages; nothing is stored', async () => {
    t = await openCoreHarness();
    const csv = [
      '类型,名称,纬度,经度,街道,等级,物资',
      '风险点,中山五路地铁口,23.127,113.270,北京街,黄色,',
      '仓库,北京街储备点,23.126,113.271,北京街,,"沙包:200:袋"',
      '',
    ].join('\n');
    const r = await refusal(t.call('map.importObjects', { format: 'csv', text: csv }, ws));
    expect(r.code).toBe(RpcCode.Refused);
    const data = r.data as { field: string; managedIn: string; text: { zh: string; en: string }; problems: { index: number; field: string }[] };
    expect(data).toMatchObject({ field: 'stock', managedIn: 'materials', problems: [{ index: 3, field: 'stock' }] });
    expect(data.text.zh).toContain('第 3 行');
    expect(data.text.zh).toContain('stock');
    expect(data.text.zh).toContain('物资');
    expect(data.text.en).toContain('line 3 (“北京街储备点”)');
    expect(data.text.en).toContain('field stock');
    expect(data.text.en).toContain('Materials');
    // All or nothing: the good row was not stored either.
    expect((await t.call('map.listObjects', {})).objects).toHaveLength(0);
  });

  it('refuses a team’s status in a GeoJSON feature, naming the field and the feature; nothing is stored', async () => {
    t = await openCoreHarness();
    const doc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [113.27, 23.126] }, properties: { kind: 'team', name: '街道队', people: 12 } },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [113.27, 23.127] },
          properties: { kind: 'team', name: '区排水抢险队', people: 30, status: 'deployed' },
        },
      ],
    };
    const r = await refusal(t.call('map.importObjects', { format: 'geojson', text: JSON.stringify(doc) }, ws));
    const data = r.data as { field: string; managedIn: string; text: { zh: string; en: string } };
    expect(data).toMatchObject({ field: 'status', managedIn: 'teams' });
    expect(data.text.zh).toContain('第 2 个要素');
    expect(data.text.zh).toContain('status');
    expect(data.text.zh).toContain('救援队伍');
    expect(data.text.en).toContain('feature 2 (“区排水抢险队”)');
    expect(data.text.en).toContain('field status');
    // A dry run is refused the same way.
    await expect(t.call('map.importObjects', { format: 'geojson', text: JSON.stringify(doc), dryRun: true }, ws)).rejects.toMatchObject({
      data: { field: 'status' },
    });
    expect((await t.call('map.listObjects', {})).objects).toHaveLength(0);
  });

  it('keeps a warehouse’s stock lines and a team’s status when an import updates them without the field', async () => {
    t = await openCoreHarness();
    // Made in process (as the demo set and the teams capability make them), with stock and a status.
    await t.call('map.importObjects', {
      format: 'csv',
      text: 'id,kind,name,lat,lng,people,stock,status\nobj_wh01,warehouse,储备点,23.126,113.271,,沙包:200:袋,\nobj_tm01,team,抢险队,23.127,113.27,20,,deployed\n',
    });
    const r = await t.call(
      'map.importObjects',
      { format: 'csv', text: 'id,kind,name,lat,lng,people\nobj_wh01,warehouse,储备点（新）,23.126,113.271,\nobj_tm01,team,抢险队（新）,23.127,113.27,20\n' },
      ws,
    );
    expect(r).toMatchObject({ created: 0, updated: 2 });
    const wh = (await t.call('map.getObject', { id: 'obj_wh01' })).object;
    expect(wh).toMatchObject({ name: '储备点（新）', stock: [{ item: '沙包', quantity: 200, unit: '袋' }] });
    const tm = (await t.call('map.getObject', { id: 'obj_tm01' })).object;
    expect(tm).toMatchObject({ name: '抢险队（新）', status: 'deployed' });
  });
});
