// The map panel's pure parts: features from the data and legend counts.
import { describe, expect, it } from 'vitest';
import { LEVELS } from '../../styles/colour-language';
import { buildFeatures, countFeatures, unplacedResponses } from './features';
import { anyObject as obj } from '../../state/map/test-fixtures';

describe('map features', () => {
  const objects = [
    obj({ kind: 'risk', level: 'orange', category: 'fire', measures: '', street: '北京街' } as never),
    obj({ kind: 'risk', level: 'blue', category: 'fire', measures: '', street: '大塘街' } as never),
    obj({ kind: 'shelter', capacity: 10, areaM2: 20, areaPerPerson: 2, indoor: true, manager: '', street: '北京街' } as never),
  ];
  const report = { id: 'rep_abcd1', location: '某处', street: '北京街', severity: 'high', coordinates: { lat: 23.126, lng: 113.271 } } as never;
  const unlocated = { id: 'rep_abcd2', location: '无坐标', street: '北京街', severity: 'low', coordinates: null } as never;
  const response = { id: 'rsp_abcd1', planTitle: '三防预案', level: 'II', reportIds: ['rep_abcd1'] } as never;
  const lonely = { id: 'rsp_abcd2', planTitle: '火灾预案', level: 'IV', reportIds: ['rep_abcd2'] } as never;
  const camera = {
    id: 'cam1',
    name: '路口',
    kind: 'hls',
    url: '/m',
    street: '北京街',
    position: { lat: 23.127, lng: 113.272 },
    watches: null,
    enabled: true,
  } as never;

  it('draws objects coloured by level, cameras with a place, located reports and their responses', () => {
    const f = buildFeatures({ objects, cameras: [camera], reports: [report, unlocated], responses: [response, lonely], street: null });
    expect(f.map((x) => x.layer)).toEqual(['risk', 'risk', 'shelter', 'camera', 'report', 'report', 'response', 'response']);
    expect(f[0].colour).toBe(LEVELS.orange.colour);
    expect(f[0].level).toBe('orange');
    expect(f[0].radius).toBeGreaterThan(f[1].radius);
    // A response is drawn in its level's national colour (Ⅱ orange, Ⅳ blue).
    expect(f.find((x) => x.layer === 'response')).toMatchObject({ ring: true, lat: 23.126, key: 'response:rsp_abcd1@rep_abcd1', colour: LEVELS.orange.colour });
    expect(f.find((x) => x.key === 'response:rsp_abcd2@rep_abcd2')?.colour).toBe(LEVELS.blue.colour);
    const c = countFeatures(f);
    expect(c.risk).toBe(2);
    expect(c.riskByLevel.blue).toBe(1);
    // A report without coordinates is drawn hollow at its street's label point, and so is its response.
    expect(f.find((x) => x.key === 'report:rep_abcd2')).toMatchObject({ ring: true, approximate: true, lat: 23.1255, lng: 113.2705 });
    expect(unplacedResponses([response, lonely], f)).toEqual([]);
    expect(
      unplacedResponses(
        [response, lonely],
        f.filter((x) => x.key !== 'response:rsp_abcd2@rep_abcd2'),
      ).map((r) => r.id),
    ).toEqual(['rsp_abcd2']);
  });

  it('filters by street', () => {
    const f = buildFeatures({ objects, cameras: [camera], reports: [report], responses: [], street: '大塘街' });
    expect(f.map((x) => x.layer)).toEqual(['risk']);
  });
});
