// Local .mbtiles files (the MBTiles 1.3 SQLite layout), read with sql.js. The operator copies
// them into <dataDir>/tiles/; the hall has no tile server of its own otherwise. sql.js holds a
// whole database in memory, so a file is opened once, on first use, and kept while unchanged.
// MBTiles rows count from the south (TMS): the XYZ row y is flipped to (2^z − 1 − y) here.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { MAX_MBTILES_BYTES, type MbtilesFile } from '../contract/map';
import { loadSqlJs, type Database } from '../store/sqlite';

const MEDIA_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', webp: 'image/webp' };

interface Open {
  db: Database;
  mtimeMs: number;
  size: number;
  mediaType: string;
}

export class MbtilesReader {
  private readonly open = new Map<string, Open>();
  private readonly opening = new Map<string, Promise<Open>>();

  constructor(readonly dir: string) {}

  /** The .mbtiles files in the tiles folder, each with its metadata or why it cannot be used. */
  async list(): Promise<MbtilesFile[]> {
    let names: string[];
    try {
      names = (await fs.readdir(this.dir)).filter((n) => n.toLowerCase().endsWith('.mbtiles')).sort();
    } catch {
      return [];
    }
    const out: MbtilesFile[] = [];
    for (const file of names) {
      const size = (await fs.stat(join(this.dir, file)).catch(() => null))?.size ?? 0;
      try {
        const o = await this.get(file);
        const meta = metadata(o.db);
        out.push({
          file,
          size,
          name: meta.name ?? file,
          format: meta.format ?? 'png',
          minZoom: meta.minzoom === undefined ? null : Number(meta.minzoom),
          maxZoom: meta.maxzoom === undefined ? null : Number(meta.maxzoom),
          error: null,
        });
      } catch (err) {
        out.push({ file, size, name: file, format: '', minZoom: null, maxZoom: null, error: (err as Error).message });
      }
    }
    return out;
  }

  /** One tile by XYZ numbering, or null where the file has none. */
  async tile(file: string, z: number, x: number, y: number): Promise<{ mediaType: string; bytes: Uint8Array } | null> {
    const max = 2 ** z;
    if (x >= max || y >= max) return null;
    const o = await this.get(file);
    const stmt = o.db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?');
    try {
      stmt.bind([z, x, max - 1 - y]);
      if (!stmt.step()) return null;
      const data = stmt.get()[0];
      return data instanceof Uint8Array ? { mediaType: o.mediaType, bytes: data } : null;
    } finally {
      stmt.free();
    }
  }

  close(): void {
    for (const o of this.open.values()) o.db.close();
    this.open.clear();
  }

  private async get(file: string): Promise<Open> {
    if (!/^[^/\\\0]+\.mbtiles$/i.test(file)) throw new Error(`${file} is not an .mbtiles file name`);
    const path = join(this.dir, file);
    const st = await fs.stat(path).catch(() => null);
    if (!st) throw new Error(`${file} is not in the tiles folder ${this.dir}`);
    const cached = this.open.get(file);
    if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached;
    const pending = this.opening.get(file);
    if (pending) return pending;
    if (st.size > MAX_MBTILES_BYTES)
      throw new Error(`${file} is ${Math.round(st.size / 2 ** 20)} MiB; the map opens files up to ${MAX_MBTILES_BYTES / 2 ** 20} MiB (cut it to the district)`);
    const p = (async () => {
      const SQL = await loadSqlJs();
      const db = new SQL.Database(await fs.readFile(path));
      try {
        const meta = metadata(db);
        const format = (meta.format ?? 'png').toLowerCase();
        const mediaType = MEDIA_TYPES[format];
        if (!mediaType) throw new Error(`${file} holds ${format} tiles; only raster tiles (png, jpg, webp) can be shown`);
        db.exec('SELECT 1 FROM tiles LIMIT 1');
        cached?.db.close();
        const o = { db, mtimeMs: st.mtimeMs, size: st.size, mediaType };
        this.open.set(file, o);
        return o;
      } catch (err) {
        db.close();
        throw new Error(`${file}: ${(err as Error).message}`);
      }
    })();
    this.opening.set(file, p);
    try {
      return await p;
    } finally {
      this.opening.delete(file);
    }
  }
}

function metadata(db: Database): Record<string, string> {
  const out: Record<string, string> = {};
  try {
    const res = db.exec('SELECT name, value FROM metadata');
    for (const [name, value] of res[0]?.values ?? []) out[String(name)] = String(value);
  } catch {
    throw new Error('not an MBTiles file (no metadata table)');
  }
  return out;
}
