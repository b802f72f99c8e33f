// The one map in Chromium against the built hub with the demo set, and no network: the embedded
// basemap, layers that toggle, a detail card on click, search and street filter, and a GeoJSON
// import refused naming its two bad features.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import gcoord from 'gcoord';
import initSqlJs from 'sql.js';
import { hubForSpec, must, offline, shots } from './map-support';

const spec = hubForSpec('map-only', '1x1', ['map']);

/** What the map's element carries for tests (LeafletView.tsx): the controller's helpers and the Leaflet map. */
interface CwMap {
  pointOf(key: string): { x: number; y: number } | null;
  visibleCount(): number;
  map: { panBy(p: [number, number], o: object): void; latLngToContainerPoint(l: [number, number]): { x: number; y: number } };
}

const wallUrl = () => `${spec.hub.origin}/?token=${spec.hub.token}&view=wall&display=0`;
/** The console's map has the controls (search, street filter, layer switches); the wall's has none. */
const consoleUrl = () => `${spec.hub.origin}/?token=${spec.hub.token}&view=console&tab=situation`;

/** Waits for the demo set on the map; returns how many features it draws (objects + live reports). */
async function ready(page: Page, risks = 146): Promise<number> {
  await expect(page.getByTestId('map-panel')).toHaveAttribute('data-risk', String(risks), { timeout: 15_000 });
  const total = Number(await page.getByTestId('map-panel').getAttribute('data-features'));
  expect(total).toBeGreaterThanOrEqual(234);
  await expect(page.getByTestId('map-leaflet')).toHaveAttribute('data-features', String(total));
  return total;
}

/** Features the map draws now, in the layers shown (read through the map's element). */
function markersOnMap(page: Page): Promise<number> {
  return page.getByTestId('map-leaflet').evaluate((el) => (el as unknown as { cwMap: CwMap }).cwMap.visibleCount());
}

/** Pixels painted on the features' canvas (the last canvas of the overlay pane). */
function pointsInk(page: Page): Promise<number> {
  return page
    .locator('.map-leaflet .leaflet-overlay-pane canvas')
    .last()
    .evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n;
    });
}

test('the map shows the embedded outline with every demo layer, offline', async ({ page }) => {
  const outside = await offline(page, spec.hub.origin);
  await page.goto(wallUrl());
  const leaflet = page.getByTestId('map-leaflet');
  await ready(page);
  await expect(leaflet).toHaveAttribute('data-basemap', 'outline');
  await expect(page.getByTestId('map-basemap-note')).toContainText('非街道地图');
  // Zoomed to Yuexiu, the 18 streets are named (approximate label points).
  await expect(page.locator('.map-street-label')).toHaveCount(18);
  await expect(page.locator('.map-street-label', { hasText: '北京街' })).toHaveCount(1);
  // The wall's legend (shared/Legend.tsx) counts what the map draws.
  const entry = (key: string) => page.locator(`[data-testid="map-legend"] [data-key="${key}"]`);
  await expect(entry('risk-orange')).toHaveAttribute('data-count', '1');
  await expect(entry('risk-yellow')).toHaveAttribute('data-count', '21');
  await expect(entry('risk-blue')).toHaveAttribute('data-count', '124');
  await expect(entry('shelter')).toHaveAttribute('data-count', '35');
  await expect(entry('warehouse')).toHaveAttribute('data-count', '23');
  await expect(entry('team')).toHaveAttribute('data-count', '26');
  await expect(entry('waterlogging')).toHaveAttribute('data-count', '3');
  await expect(entry('geohazard')).toHaveAttribute('data-count', '1');
  await expect(entry('demo')).toContainText('演示数据');
  // The outline is drawn on the map's canvas: it is not blank.
  const painted = await page
    .locator('.map-leaflet canvas')
    .first()
    .evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let lit = 0;
      for (let i = 0; i < d.length; i += 16) if (d[i] + d[i + 1] + d[i + 2] > 60) lit++;
      return lit;
    });
  expect(painted).toBeGreaterThan(1000);
  await page.screenshot({ path: `${shots}/map-basemap-demo.png` });
  expect(outside).toEqual([]);
});

test('layers toggle on and off', async ({ page }) => {
  await page.goto(consoleUrl());
  const total = await ready(page);
  expect(await markersOnMap(page)).toBe(total);
  const inkAll = await pointsInk(page);
  await page.getByTestId('map-layer-risk').click();
  await expect(page.getByTestId('map-layer-risk')).toHaveAttribute('data-on', 'false');
  expect(await markersOnMap(page)).toBe(total - 146);
  // The points are redrawn on the next animation frame, not at the click: wait for that frame.
  await expect.poll(() => pointsInk(page)).toBeLessThan(inkAll);
  await page.getByTestId('map-layer-shelter').click();
  expect(await markersOnMap(page)).toBe(total - 146 - 35);
  await page.screenshot({ path: `${shots}/map-layers-off.png` });
  await page.getByTestId('map-layer-risk').click();
  await page.getByTestId('map-layer-shelter').click();
  expect(await markersOnMap(page)).toBe(total);
});

test('the points canvas leaves the page while it has nothing to draw, and comes back with what it draws', async ({ page }) => {
  // An empty canvas still costs: the browser copies its whole bitmap whenever the page's layers
  // are rebuilt (35–50 ms for a 4K wall map's), so the canvas is shown only with something on it.
  await page.goto(consoleUrl());
  await ready(page);
  const canvas = page.locator('.map-leaflet .leaflet-overlay-pane canvas').last();
  await expect(canvas).toBeVisible();
  // The console's map draws every point on it: with every layer off, it has nothing to draw.
  const on = page.locator('[data-testid^="map-layer-"][data-on="true"]');
  while ((await on.count()) > 0) await on.first().click();
  await expect(canvas).toBeHidden();
  await page.getByTestId('map-layer-risk').click();
  await expect(canvas).toBeVisible();
  await expect.poll(() => pointsInk(page)).toBeGreaterThan(0);
});

test('clicking a shelter opens its card with the area per person against 1.5 m²', async ({ page }) => {
  await page.goto(consoleUrl());
  const leaflet = page.getByTestId('map-leaflet');
  await ready(page);
  // Only shelters on the map, and the shelter in the middle of it: nothing else under the click.
  for (const l of ['risk', 'warehouse', 'team', 'waterlogging', 'geohazard', 'camera', 'report', 'response']) await page.getByTestId(`map-layer-${l}`).click();
  const target = 'obj_demo-shelter-004';
  const p = await leaflet.evaluate((el, key) => {
    const m = (el as unknown as { cwMap: CwMap }).cwMap;
    const at = m.pointOf(key)!;
    m.map.panBy([at.x - el.clientWidth / 2, at.y - el.clientHeight / 2], { animate: false });
    return m.pointOf(key);
  }, target);
  expect(p).not.toBeNull();
  const box = (await leaflet.boundingBox())!;
  await page.mouse.click(box.x + p!.x, box.y + p!.y);
  const card = page.getByTestId('map-detail-card');
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute('data-kind', 'shelter');
  await expect(card.getByTestId('map-card-demo')).toHaveText('演示数据');
  await expect(card.getByTestId('map-card-area-per-person')).toContainText('1.5 m²');
  await page.screenshot({ path: `${shots}/map-detail-card.png` });
  await card.getByTestId('map-card-close').click();
  await expect(card).toHaveCount(0);
});

test('search by name flies to the object and opens it; the street filter narrows the map', async ({ page }) => {
  await page.goto(consoleUrl());
  const total = await ready(page);
  await page.getByTestId('map-search').fill('三防抢险队');
  await page.getByTestId('map-search-result').first().click();
  await expect(page.getByTestId('map-detail-card')).toHaveAttribute('data-kind', 'team');
  await expect(page.getByTestId('map-detail-card')).toContainText('80');
  await page.getByTestId('map-street-filter').selectOption('北京街');
  const n = Number(await page.getByTestId('map-panel').getAttribute('data-features'));
  expect(n).toBeGreaterThan(0);
  expect(n).toBeLessThan(total);
  await page.screenshot({ path: `${shots}/map-street-filter.png` });
});

test('a GeoJSON with two bad features is refused naming both, and nothing changes', async ({ browser }) => {
  const desk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const outside = await offline(desk, spec.hub.origin);
  await desk.goto(`${spec.hub.origin}/?token=${spec.hub.token}&view=console&tab=situation`);
  const doc = {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { kind: 'risk', name: '越秀北路工地', level: 'yellow' }, geometry: { type: 'Point', coordinates: [113.275, 23.135] } },
      { type: 'Feature', properties: { kind: 'risk', name: '坏等级点', level: 'purple' }, geometry: { type: 'Point', coordinates: [113.27, 23.13] } },
      {
        type: 'Feature',
        properties: { kind: 'shelter', name: '好的场所', capacity: 100, areaM2: 200 },
        geometry: { type: 'Point', coordinates: [113.28, 23.13] },
      },
      {
        type: 'Feature',
        properties: { kind: 'shelter', name: '北京的场所', capacity: 100, areaM2: 200 },
        geometry: { type: 'Point', coordinates: [116.4, 39.9] },
      },
    ],
  };
  await desk.getByTestId('map-import-file').setInputFiles({ name: 'bad.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(doc)) });
  await desk.getByTestId('map-import-run').click();
  const error = desk.getByTestId('map-import-error');
  await expect(error).toContainText('2 个要素有误');
  await expect(error).toContainText('feature 2 (“坏等级点”)');
  await expect(error).toContainText('feature 4 (“北京的场所”)');
  await expect(desk.getByTestId('map-import-problem')).toHaveCount(2);
  await desk.getByTestId('map-import').scrollIntoViewIfNeeded();
  await desk.screenshot({ path: `${shots}/map-import-refused.png` });
  const { counts } = await must(spec.sock, 'map.listObjects', {});
  expect(counts.byKind).toEqual({ risk: 146, shelter: 35, warehouse: 23, team: 26, waterlogging: 3, geohazard: 1 });

  // The good file goes in, and the wall shows it live.
  const wall = await browser.newPage();
  await wall.goto(wallUrl());
  const total = await ready(wall);
  doc.features = [doc.features[0], doc.features[2]];
  await desk.getByTestId('map-import-file').setInputFiles({ name: 'good.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(doc)) });
  await desk.getByTestId('map-import-run').click();
  await expect(desk.getByTestId('map-import-done')).toContainText('2');
  await expect(wall.getByTestId('map-leaflet')).toHaveAttribute('data-features', String(total + 2));
  expect(outside).toEqual([]);
});

/** A 1×1 dark-blue PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

test('an .mbtiles file in the tiles folder becomes the basemap, its tiles read by the core (TMS rows flipped)', async ({ page }) => {
  // Zoom 10 tiles around Yuexiu (x 833–835, XYZ y 443–445), stored as MBTiles rows (TMS).
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run('CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);');
  db.run("INSERT INTO metadata VALUES ('name', 'e2e'), ('format', 'png'), ('minzoom', '10'), ('maxzoom', '10')");
  for (let x = 833; x <= 835; x++) for (let y = 443; y <= 445; y++) db.run('INSERT INTO tiles VALUES (10, ?, ?, ?)', [x, 1023 - y, PNG]);
  mkdirSync(join(spec.tmp.dir, 'tiles'), { recursive: true });
  writeFileSync(join(spec.tmp.dir, 'tiles', 'yuexiu-e2e.mbtiles'), db.export());
  db.close();

  const outside = await offline(page, spec.hub.origin);
  await page.goto(wallUrl());
  await ready(page, 147); // the import test before this one added a risk point
  await must(spec.sock, 'map.saveSource', {
    source: { type: 'mbtiles', id: 'local', name: '本地瓦片', crs: 'wgs84', file: 'yuexiu-e2e.mbtiles', minZoom: 9, maxZoom: 10 },
  });
  await must(spec.sock, 'map.activateSource', { id: 'local' });
  await expect(page.getByTestId('map-leaflet')).toHaveAttribute('data-basemap', 'mbtiles');
  await expect(page.getByTestId('map-basemap-note')).toContainText('本地瓦片');
  const tiles = page.locator('.map-leaflet .leaflet-tile-pane img[src^="data:image/png"]');
  await expect(tiles.first()).toBeAttached();
  expect(await tiles.count()).toBeGreaterThan(0);
  await page.screenshot({ path: `${shots}/map-mbtiles.png` });
  await must(spec.sock, 'map.activateSource', { id: null });
  await expect(page.getByTestId('map-leaflet')).toHaveAttribute('data-basemap', 'outline');
  expect(outside).toEqual([]);
});

test('over a GCJ-02 basemap every overlay is drawn shifted onto that datum, and back over WGS84', async ({ page }) => {
  // The positions stay WGS84 in the store; only the drawing moves (a Tianditu or Gaode-style
  // basemap in GCJ-02 is offset by some 600 m in Guangzhou, so unshifted points land on the
  // wrong street). The basemap is an intranet tile server's template (on the hub here).
  const key = 'obj_demo-shelter-004';
  const { object } = await must(spec.sock, 'map.getObject', { id: key });
  const wgs = object.position as { lat: number; lng: number };
  const [gLng, gLat] = gcoord.transform([wgs.lng, wgs.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  const outside = await offline(page, spec.hub.origin);
  await page.goto(consoleUrl());
  await ready(page, (await must(spec.sock, 'map.listObjects', { kinds: ['risk'] })).objects.length);
  const leaflet = page.getByTestId('map-leaflet');
  /** Where the shelter is drawn, and where the WGS84 and GCJ-02 positions fall on the map now. */
  const where = () =>
    leaflet.evaluate(
      (el, a) => {
        const m = (el as unknown as { cwMap: CwMap }).cwMap;
        return { drawn: m.pointOf(a.key)!, wgs: m.map.latLngToContainerPoint([a.wgs.lat, a.wgs.lng]), gcj: m.map.latLngToContainerPoint([a.gLat, a.gLng]) };
      },
      { key, wgs, gLat, gLng },
    );
  const near = (p: { x: number; y: number }, q: { x: number; y: number }) => Math.hypot(p.x - q.x, p.y - q.y) < 1.5;

  const before = await where();
  expect(near(before.drawn, before.wgs)).toBe(true);
  await must(spec.sock, 'map.saveSource', {
    source: { type: 'xyz', id: 'intranet-gcj', name: '内网瓦片（GCJ-02）', crs: 'gcj02', url: '/gcj-tiles/{z}/{x}/{y}.png' },
  });
  await must(spec.sock, 'map.activateSource', { id: 'intranet-gcj' });
  await expect(page.getByTestId('map-basemap-note')).toContainText('GCJ-02');
  await expect
    .poll(async () => {
      const w = await where();
      return near(w.drawn, w.gcj);
    })
    .toBe(true);
  const shifted = await where();
  // The shift is visible at the wall's zoom, not a rounding difference.
  expect(Math.hypot(shifted.drawn.x - shifted.wgs.x, shifted.drawn.y - shifted.wgs.y)).toBeGreaterThan(3);
  await page.screenshot({ path: `${shots}/map-gcj02.png` });

  await must(spec.sock, 'map.activateSource', { id: null });
  await expect(leaflet).toHaveAttribute('data-basemap', 'outline');
  await expect
    .poll(async () => {
      const w = await where();
      return near(w.drawn, w.wgs);
    })
    .toBe(true);
  await must(spec.sock, 'map.removeSource', { id: 'intranet-gcj' });
  expect(outside).toEqual([]);
});
