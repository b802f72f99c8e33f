// The wall map's legend entries: only what the map draws (nothing drawn, no entry, so no legend),
// each in the shape and colour it is drawn in, with its count; live things first.
import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n';
import { LEVELS } from '../../styles/colour-language';
import { countFeatures, type Feature } from './features';
import { mapLegendEntries } from './legend-entries';
import { LAYER_IDS, type LayerId } from './layers';

const t = translator('zh-CN');
const words = { t, label: (l: { zh: string }) => l.zh };
const all = new Set<LayerId>(LAYER_IDS);
const feature = (layer: LayerId, extra: Partial<Feature> = {}): Feature =>
  ({ key: `${layer}:${Math.random()}`, layer, lat: 23.13, lng: 113.27, ...extra }) as Feature;

describe('the wall map legend', () => {
  it('has no entry when the map draws nothing', () => {
    expect(mapLegendEntries(countFeatures([]), all, { totals: null, unplaced: 0 }, words)).toEqual([]);
  });

  it('names only the levels and layers drawn, with their shape, colour and count, reports before risks', () => {
    const features = [
      feature('risk', { level: 'orange' }),
      feature('risk', { level: 'blue' }),
      feature('risk', { level: 'blue' }),
      feature('shelter'),
      feature('report'),
    ];
    const entries = mapLegendEntries(countFeatures(features), all, { totals: null, unplaced: 0 }, words);
    expect(entries.map((e) => [e.id, e.count])).toEqual([
      ['report', 1],
      ['risk-orange', 1],
      ['risk-blue', 2],
      ['shelter', 1],
    ]);
    const orange = entries.find((e) => e.id === 'risk-orange')!;
    expect(orange).toMatchObject({ shape: LEVELS.orange.shape, colour: LEVELS.orange.colour, word: '橙色风险点 1' });
  });

  it('leaves out a layer switched off, and says unplaced responses and demo objects', () => {
    const features = [feature('risk', { level: 'yellow' }), feature('shelter')];
    const entries = mapLegendEntries(countFeatures(features), new Set<LayerId>(['shelter']), { totals: { demo: 2 } as never, unplaced: 1 }, words);
    expect(entries.map((e) => e.id)).toEqual(['shelter', 'unplaced', 'demo']);
  });
});
