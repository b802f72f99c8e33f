// Tile sources: template checks, activation, and a real .mbtiles file read with the TMS row flip.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { afterEach, describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import { openCoreHarness, refusal, type CoreHarness } from '../../support/core-harness';

let t: CoreHarness;
afterEach(async () => t?.close());

const tianditu = {
  type: 'wmts' as const,
  id: 'tianditu-vec',
  name: '天地图矢量',
  crs: 'wgs84' as const,
  url: 'http://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}&tk={key}',
  subdomains: '01234567',
  key: 'abc123',
};

/** A tiny MBTiles file: one PNG-labelled tile at z=1, x=0, TMS row 1 (XYZ y=0), and one at row 0. */
async function writeMbtiles(path: string): Promise<void> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run('CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);');
  db.run("INSERT INTO metadata VALUES ('name', '越秀测试'), ('format', 'png'), ('minzoom', '0'), ('maxzoom', '1')");
  db.run('INSERT INTO tiles VALUES (1, 0, 1, ?), (1, 0, 0, ?)', [new Uint8Array([1, 2, 3]), new Uint8Array([9, 9])]);
  writeFileSync(path, db.export());
  db.close();
}

describe('tile sources', () => {
  it('saves a Tianditu WMTS template with its key, activates it, and falls back when removed', async () => {
    t = await openCoreHarness();
    const saved = await t.call('map.saveSource', { source: tianditu });
    expect(saved.sources.map((s) => s.id)).toEqual(['tianditu-vec']);
    expect(saved.activeId).toBeNull();
    expect((await t.call('map.activateSource', { id: 'tianditu-vec' })).activeId).toBe('tianditu-vec');
    expect(t.events.at(-1)).toMatchObject({ event: 'map.sourcesChanged', payload: { activeId: 'tianditu-vec' } });
    const removed = await t.call('map.removeSource', { id: 'tianditu-vec' });
    expect(removed).toMatchObject({ sources: [], activeId: null });
  });

  it('refuses templates that cannot work, naming the field', async () => {
    t = await openCoreHarness();
    const noKey = await refusal(t.call('map.saveSource', { source: { ...tianditu, key: '' } }));
    expect(noKey.code).toBe(RpcCode.InvalidParams);
    expect(noKey.message).toMatch(/params\.source\.key: the URL has \{key\}/);
    const noXyz = await refusal(
      t.call('map.saveSource', { source: { type: 'xyz', id: 'x', name: 'x', crs: 'gcj02', url: 'http://10.0.0.5/tiles/{z}/{x}.png' } }),
    );
    expect(noXyz.message).toMatch(/params\.source\.url: an XYZ or TMS template holds \{z\}, \{x\} and \{y\}/);
    const script = await refusal(
      t.call('map.saveSource', { source: { type: 'xyz', id: 'x', name: 'x', crs: 'gcj02', url: 'javascript:alert(1)//{z}{x}{y}' } }),
    );
    expect(script.message).toMatch(/params\.source\.url/);
    expect((await refusal(t.call('map.activateSource', { id: 'nope' }))).message).toMatch(/no tile source with id nope/);
  });

  it('reads tiles from an .mbtiles file in the tiles folder, flipping the TMS row', async () => {
    t = await openCoreHarness();
    mkdirSync(join(t.dir, 'tiles'));
    await writeMbtiles(join(t.dir, 'tiles', 'yuexiu.mbtiles'));
    writeFileSync(join(t.dir, 'tiles', 'broken.mbtiles'), 'not sqlite at all');
    const listed = await t.call('map.listSources', {});
    expect(listed.mbtiles.find((m) => m.file === 'yuexiu.mbtiles')).toMatchObject({ name: '越秀测试', format: 'png', minZoom: 0, maxZoom: 1, error: null });
    expect(listed.mbtiles.find((m) => m.file === 'broken.mbtiles')?.error).toBeTruthy();

    await t.call('map.saveSource', { source: { type: 'mbtiles', id: 'local', name: '本地瓦片', crs: 'wgs84', file: 'yuexiu.mbtiles' } });
    // XYZ y=0 at z=1 is TMS row 1.
    expect(await t.call('map.getTile', { sourceId: 'local', z: 1, x: 0, y: 0 })).toEqual({
      mediaType: 'image/png',
      base64: Buffer.from([1, 2, 3]).toString('base64'),
    });
    expect(await t.call('map.getTile', { sourceId: 'local', z: 1, x: 0, y: 1 })).toEqual({
      mediaType: 'image/png',
      base64: Buffer.from([9, 9]).toString('base64'),
    });
    expect(await t.call('map.getTile', { sourceId: 'local', z: 1, x: 1, y: 1 })).toBeNull();
    expect(await t.call('map.getTile', { sourceId: 'local', z: 1, x: 5, y: 0 })).toBeNull();

    await t.call('map.saveSource', { source: { type: 'mbtiles', id: 'gone', name: '缺失', crs: 'wgs84', file: 'missing.mbtiles' } });
    expect((await refusal(t.call('map.getTile', { sourceId: 'gone', z: 0, x: 0, y: 0 }))).message).toMatch(/missing\.mbtiles is not in the tiles folder/);
    const traversal = await refusal(t.call('map.saveSource', { source: { type: 'mbtiles', id: 'up', name: 'up', crs: 'wgs84', file: '../x.mbtiles' } }));
    expect(traversal.code).toBe(RpcCode.InvalidParams);
  });
});
