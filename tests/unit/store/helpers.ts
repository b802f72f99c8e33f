import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStore, type Migration, type Store, type StoreOptions } from '../../../src-main/core/store';

export const MIGRATIONS: Migration[] = [
  { version: 1, name: 'items', up: 'CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, data BLOB);' },
  {
    version: 2,
    name: 'events',
    up: `CREATE TABLE events (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, note TEXT);
         CREATE INDEX events_n ON events(n);`,
  },
];

export class CapturingLog {
  warnings: string[] = [];
  infos: string[] = [];
  warn(msg: string): void {
    this.warnings.push(msg);
  }
  info(msg: string): void {
    this.infos.push(msg);
  }
}

const dirs: string[] = [];
export function tempDir(prefix = 'store-test-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
}
export function removeTempDirs(): void {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export async function open(dir: string, extra: Partial<StoreOptions> = {}): Promise<{ store: Store; log: CapturingLog }> {
  const log = new CapturingLog();
  const store = await openStore({ dir, migrations: MIGRATIONS, log, ...extra });
  return { store, log };
}

export function files(dir: string, re: RegExp): string[] {
  return fs
    .readdirSync(dir)
    .filter((f) => re.test(f))
    .sort();
}

export async function insertEvents(store: Store, from: number, count: number): Promise<void> {
  const all: Promise<unknown>[] = [];
  for (let i = from; i < from + count; i++) {
    all.push(store.write((tx) => tx.run('INSERT INTO events (n, note) VALUES (?, ?)', [i, `event ${i}`])));
  }
  await Promise.all(all);
}

export function eventNumbers(store: Store): number[] {
  return store.all<{ n: number }>('SELECT n FROM events ORDER BY id').map((r) => r.n);
}

export const range = (from: number, count: number): number[] => Array.from({ length: count }, (_, i) => from + i);
