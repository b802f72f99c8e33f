// The embedded basemap and the demo set against the full Yuexiu outline (not the simplified one).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { YUEXIU_STREETS } from '@contract/yuexiu';
import { demoObjects } from '../../../src-main/core/map/demo';
import { insideRing, type LngLat } from '../../../src-main/core/map/yuexiu-outline';

const root = join(__dirname, '..', '..', '..');
const districts = JSON.parse(readFileSync(join(root, 'resources/map/guangzhou-districts.geojson'), 'utf8'));
const labels = JSON.parse(readFileSync(join(root, 'resources/map/yuexiu-street-labels.geojson'), 'utf8'));
const yuexiu = districts.features.find((f: any) => f.properties.adcode === '440104');
const ring: LngLat[] = yuexiu.geometry.coordinates[0];

describe('the embedded basemap', () => {
  it('has Guangzhou’s 11 districts in WGS84 with Yuexiu highlighted, and says it is an outline', () => {
    expect(districts.features).toHaveLength(11);
    expect(districts.properties.crs).toBe('WGS84');
    expect(districts.properties.note).toMatch(/not a street map/);
    expect(districts.features.filter((f: any) => f.properties.highlight).map((f: any) => f.properties.name)).toEqual(['越秀区']);
  });

  it('labels the 18 streets at approximate points inside Yuexiu’s outline', () => {
    expect(labels.properties.note).toMatch(/Approximate label points/);
    expect(labels.properties.note).toMatch(/NOT street boundaries/);
    expect(labels.features.map((f: any) => f.properties.name)).toEqual(YUEXIU_STREETS.map((s) => s.name));
    for (const f of labels.features) {
      expect(f.properties.approximate).toBe(true);
      const [lng, lat] = f.geometry.coordinates;
      expect(insideRing(lng, lat, ring), f.properties.name).toBe(true);
    }
  });
});

describe('the demo set (演示数据)', () => {
  const objects = demoObjects();

  it('has the seed plan’s counts', () => {
    const of = (kind: string) => objects.filter((o) => o.kind === kind);
    const risks = of('risk') as { level: string }[];
    expect(risks).toHaveLength(146);
    expect(risks.filter((r) => r.level === 'orange')).toHaveLength(1);
    expect(risks.filter((r) => r.level === 'yellow')).toHaveLength(21);
    expect(risks.filter((r) => r.level === 'blue')).toHaveLength(124);
    expect(of('shelter')).toHaveLength(35);
    expect(of('warehouse')).toHaveLength(23);
    const teams = of('team') as { people: number; professional: boolean }[];
    expect(teams).toHaveLength(26);
    expect(teams.reduce((s, t) => s + t.people, 0)).toBe(722);
    expect(teams.filter((t) => t.professional).reduce((s, t) => s + t.people, 0)).toBe(452);
    expect(of('waterlogging')).toHaveLength(3);
    expect(of('geohazard')).toHaveLength(1);
    expect((of('warehouse') as { areaM2: number }[]).reduce((s, w) => s + w.areaM2, 0)).toBe(1500);
  });

  it('places every object inside Yuexiu’s full outline, and says it is demo data', () => {
    for (const o of objects) {
      expect(insideRing(o.position.lng, o.position.lat, ring), `${o.id} ${o.name}`).toBe(true);
      expect(o.note).toContain('演示数据');
    }
    expect(new Set(objects.map((o) => o.id)).size).toBe(objects.length);
  });

  it('is the same every time', () => {
    expect(demoObjects()).toEqual(objects);
  });
});
