// Statistics: the seed's tables as shipped, Table 3 with live and entered values, duty-log counts.
import { afterEach, describe, expect, it } from 'vitest';
import { INDICATORS, TABLE1, TABLE2 } from '@contract/stats';
import { localTime } from '@contract/yuexiu';
import { openCoreHarness, refusal, type CoreHarness } from '../../support/core-harness';

let t: CoreHarness;
afterEach(async () => t?.close());

describe('the seed plan’s tables', () => {
  it('ships Table 1 and Table 2 as in the plan', () => {
    expect(TABLE1.years).toEqual([2016, 2017, 2018, 2019, 2020]);
    expect(TABLE1.accidents).toEqual([28, 40, 22, 19, 17]);
    expect(TABLE1.deaths).toEqual([11, 22, 11, 8, 6]);
    const row = (k: string) => TABLE2.rows.find((r) => r.key === k)!;
    expect([row('teams').y2019, row('teams').y2020]).toEqual([8, 26]);
    expect([row('warehouses').y2019, row('warehouses').y2020]).toEqual([5, 23]);
    expect([row('shelters').y2019, row('shelters').y2020]).toEqual([20, 35]);
    expect([row('sanfang-plans').y2019, row('sanfang-plans').y2020]).toEqual([20, 242]);
    expect([row('waterlogging').y2019, row('waterlogging').y2020]).toEqual([26, 3]);
    expect([row('geohazards').y2019, row('geohazards').y2020]).toEqual([3, 1]);
    expect([row('info-officers').y2019, row('info-officers').y2020]).toEqual([22, 386]);
    expect(INDICATORS.map((i) => i.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });
});

describe('Table 3 indicators', () => {
  it('computes shelter area per person from the map, and never calls an unentered indicator met', async () => {
    t = await openCoreHarness({ demo: true });
    const values = await t.call('stats.listIndicators', {});
    const area = values.find((v) => v.id === 'shelter-area-per-person')!;
    expect(area.source).toBe('live');
    expect(area.value).toBeGreaterThan(1);
    expect(area.note).toMatch(/35 shelters on the map/);
    const training = values.find((v) => v.id === 'training-rate')!;
    expect(training).toMatchObject({ value: null, source: null, met: null });
    // The duty demo loads plans and drills: the plan KPIs are live.
    expect(values.find((v) => v.id === 'plan-revision-rate')!.source).toBe('live');
  });

  it('takes entered values with a date, judges them against target, and refuses to overwrite a live one', async () => {
    t = await openCoreHarness();
    let values = await t.call('stats.saveIndicator', { id: 'fire-deaths-per-population', value: 0.12, asOf: '2025-05-31', note: '消防救援大队通报' });
    expect(values.find((v) => v.id === 'fire-deaths-per-population')).toMatchObject({ value: 0.12, source: 'entered', asOf: '2025-05-31', met: true });
    values = await t.call('stats.saveIndicator', { id: 'demo-communities', value: 3, asOf: '2025-05-31' });
    expect(values.find((v) => v.id === 'demo-communities')!.met).toBe(false);
    expect(t.events.at(-1)?.event).toBe('stats.indicatorsChanged');
    values = await t.call('stats.saveIndicator', { id: 'demo-communities', value: null, asOf: '2025-05-31' });
    expect(values.find((v) => v.id === 'demo-communities')!.value).toBeNull();
    expect((await refusal(t.call('stats.saveIndicator', { id: 'shelter-area-per-person', value: 2, asOf: '2025-05-31' }))).message).toMatch(
      /computed live from the map’s shelters/,
    );
  });
});

describe('duty-log counts', () => {
  it('counts reports by category, street and local day', async () => {
    const now = localTime(2025, 6, 3, 12);
    t = await openCoreHarness({ now: () => now });
    const person = await t.call('duty.savePerson', { person: { name: '张值班', role: 'officer', phone: '020-1234567', unit: '区应急管理局' } });
    const report = (receivedAt: number, category: 'fire' | 'flood', street: '北京街' | '大塘街') =>
      t.call('duty.recordReport', {
        report: { receivedAt, source: 'hotline-12345', category, street, location: '某处', summary: '测试', severity: 'low', coordinates: null },
        by: person.id,
      });
    await report(localTime(2025, 6, 1, 23, 59), 'fire', '北京街');
    await report(localTime(2025, 6, 2, 0, 1), 'flood', '大塘街');
    await report(localTime(2025, 6, 2, 9), 'flood', '大塘街');
    const c = await t.call('stats.getReportCounts', { from: localTime(2025, 6, 1), to: localTime(2025, 6, 4) });
    expect(c.total).toBe(3);
    expect(c.byDay).toEqual([
      { date: '2025-06-01', n: 1 },
      { date: '2025-06-02', n: 2 },
      { date: '2025-06-03', n: 0 },
    ]);
    expect(c.byCategory.find((x) => x.category === 'flood')!.n).toBe(2);
    expect(c.byStreet.find((x) => x.street === '大塘街')!.n).toBe(2);
    expect(c.byStreet).toHaveLength(18);
    expect((await refusal(t.call('stats.getReportCounts', { from: 10, to: 5 }))).message).toMatch(/to must be after from/);
  });
});
