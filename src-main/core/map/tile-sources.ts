// The operator's tile sources and which one lies under the map (none: the embedded outline).
import { join } from 'node:path';
import { RefusedError } from '../contract/errors';
import { TileSource, type MapSources } from '../contract/map';
import type { EventBus } from '../events';
import { readKv, writeKv } from '../kv';
import type { Store } from '../store';
import { z } from 'zod';
import { MbtilesReader } from './mbtiles';

const ACTIVE_KEY = 'map.activeSource';
const Active = z.object({ id: z.string().nullable() });

export class TileSourceService {
  readonly mbtiles: MbtilesReader;
  readonly tilesDir: string;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    dataDir: string,
    private readonly now: () => number,
  ) {
    this.tilesDir = join(dataDir, 'tiles');
    this.mbtiles = new MbtilesReader(this.tilesDir);
  }

  sourceList(): TileSource[] {
    return this.store.all<{ spec: string }>('SELECT spec FROM map_tile_source ORDER BY position, id').map((r) => TileSource.parse(JSON.parse(r.spec)));
  }

  async state(): Promise<MapSources> {
    const sources = this.sourceList();
    const active = readKv(this.store, ACTIVE_KEY, Active, { id: null }).id;
    return {
      sources,
      activeId: active && sources.some((s) => s.id === active) ? active : null,
      mbtiles: await this.mbtiles.list(),
      tilesDir: this.tilesDir,
    };
  }

  async save(source: TileSource): Promise<MapSources> {
    const at = this.now();
    await this.store.write((tx) => {
      const existing = tx.get<{ position: number }>('SELECT position FROM map_tile_source WHERE id = ?', [source.id]);
      const position = existing?.position ?? (tx.get<{ p: number | null }>('SELECT max(position) AS p FROM map_tile_source')?.p ?? -1) + 1;
      tx.run(
        'INSERT INTO map_tile_source (id, position, spec, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET spec = excluded.spec, updated_at = excluded.updated_at',
        [source.id, position, JSON.stringify(source), at],
      );
    });
    return this.changed();
  }

  async remove(id: string): Promise<MapSources> {
    this.mustExist(id);
    await this.store.write((tx) => {
      tx.run('DELETE FROM map_tile_source WHERE id = ?', [id]);
      if (readKv(this.store, ACTIVE_KEY, Active, { id: null }).id === id) writeKv(tx, ACTIVE_KEY, { id: null }, this.now());
    });
    return this.changed();
  }

  async activate(id: string | null): Promise<MapSources> {
    if (id !== null) this.mustExist(id);
    await this.store.write((tx) => writeKv(tx, ACTIVE_KEY, { id }, this.now()));
    return this.changed();
  }

  async tile(sourceId: string, z: number, x: number, y: number): Promise<{ mediaType: string; base64: string } | null> {
    const source = this.sourceList().find((s) => s.id === sourceId);
    if (!source) throw new RefusedError({ zh: `没有编号为 ${sourceId} 的底图`, en: `no tile source with id ${sourceId}` });
    if (source.type !== 'mbtiles')
      throw new RefusedError({
        zh: `底图 ${sourceId} 是 ${source.type} 类型，由浏览器直接取图，不经本服务`,
        en: `tile source ${sourceId} is ${source.type}: the browser fetches its tiles itself`,
      });
    let t;
    try {
      t = await this.mbtiles.tile(source.file, z, x, y);
    } catch (err) {
      throw new RefusedError({ zh: `底图 ${sourceId} 读取失败：${(err as Error).message}`, en: `tile source ${sourceId}: ${(err as Error).message}` });
    }
    return t ? { mediaType: t.mediaType, base64: Buffer.from(t.bytes).toString('base64') } : null;
  }

  close(): void {
    this.mbtiles.close();
  }

  private mustExist(id: string): void {
    if (!this.store.get('SELECT 1 AS one FROM map_tile_source WHERE id = ?', [id]))
      throw new RefusedError({ zh: `没有编号为 ${id} 的底图`, en: `no tile source with id ${id}` });
  }

  private async changed(): Promise<MapSources> {
    const s = await this.state();
    this.bus.emit('map.sourcesChanged', s);
    return s;
  }
}
