// Commit latency of the store (journal + background folds) against the naive "export the whole
// database on every commit" baseline, at 1k, 100k and 1M rows.
//
// Runs under the project's bench runner (`npm run bench -- store`), or standalone without tsx:
//   node -e "import('vite').then(async (v) => (await v.runnerImport('./tests/bench/store.ts')).module.benchStore((o) => console.log(JSON.stringify(o))))"
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { createRequire } from 'node:module';
import { openStore, type Migration } from '../../src-main/core/store';

const SIZES = [1_000, 100_000, 1_000_000];
const JOURNAL_COMMITS = 3000;
const WARMUP = 300;
const EXPORT_COMMITS: Record<number, number> = { 1_000: 200, 100_000: 50, 1_000_000: 10 };
/** Small enough that several folds run during the measured commits at every size. */
const FOLD_EVERY_BYTES = 128 * 1024;

const MIGRATIONS: Migration[] = [
  { version: 1, name: 'duty_log', up: 'CREATE TABLE duty_log (id INTEGER PRIMARY KEY, ts INTEGER NOT NULL, street TEXT NOT NULL, summary TEXT NOT NULL)' },
];
const INSERT = 'INSERT INTO duty_log (id, ts, street, summary) VALUES (?, ?, ?, ?)';
const T0 = 1_700_000_000_000;
const LOREM = 'Patrol checked the crossing, lights ok, two vendors relocated, no incidents; next round at 14:00 sharp.';
const summary = (i: number): string => `#${i} ${LOREM}`.slice(0, 80);
const street = (i: number): string => `Street ${i % 997}`;
const rowParams = (i: number): [number, number, string, string] => [i, T0 + i * 1000, street(i), summary(i)];

/** Seeds rows 1..n in one statement: deterministic (so the journal can replay it) and fast. */
const SEED = `WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ?)
  INSERT INTO duty_log (id, ts, street, summary)
  SELECT i, ${T0} + i * 1000, 'Street ' || (i % 997), substr('#' || i || ' ' || '${LOREM}', 1, 80) FROM c`;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

function stats(samples: number[]): { p50_ms: number; p99_ms: number } {
  const s = [...samples].sort((a, b) => a - b);
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return { p50_ms: r(percentile(s, 0.5)), p99_ms: r(percentile(s, 0.99)) };
}

async function benchJournal(rows: number, print: (o: object) => void): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-store-'));
  let folds = 0;
  const log = { warn: (m: string) => console.error(m), info: (m: string) => void (m.includes('folded') && folds++) };
  try {
    const store = await openStore({ dir, migrations: MIGRATIONS, log, foldEveryBytes: FOLD_EVERY_BYTES });
    await store.write((tx) => tx.run(SEED, [rows]));
    await store.foldNow(); // the seed lives in a snapshot, not in the journal
    for (let i = 1; i <= WARMUP; i++) await store.write((tx) => tx.run(INSERT, rowParams(rows + i))); // JIT warm-up
    folds = 0;
    const samples: number[] = [];
    for (let i = 0; i < JOURNAL_COMMITS; i++) {
      const id = rows + WARMUP + 1 + i;
      const t = performance.now();
      await store.write((tx) => tx.run(INSERT, rowParams(id)));
      samples.push(performance.now() - t);
    }
    const foldsDuring = folds;
    await store.close();
    print({ bench: 'store.commit', mode: 'journal', rows, ...stats(samples), n: samples.length, folds: foldsDuring });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function benchExport(rows: number, print: (o: object) => void): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-export-'));
  const require = createRequire(import.meta.url);
  const SQL = await initSqlJs({ locateFile: (f: string) => require.resolve(`sql.js/dist/${f}`) });
  const db = new SQL.Database();
  try {
    db.run(MIGRATIONS[0].up);
    db.run('BEGIN');
    const stmt = db.prepare(INSERT);
    for (let i = 1; i <= rows; i++) stmt.run(rowParams(i));
    stmt.free();
    db.run('COMMIT');
    const file = path.join(dir, 'db.sqlite');
    const samples: number[] = [];
    for (let i = 0; i < EXPORT_COMMITS[rows]; i++) {
      const t = performance.now();
      db.run(INSERT, rowParams(rows + 1 + i));
      const image = db.export();
      const fd = fs.openSync(`${file}.tmp`, 'w');
      fs.writeSync(fd, image);
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      fs.renameSync(`${file}.tmp`, file);
      samples.push(performance.now() - t);
    }
    print({ bench: 'store.commit', mode: 'export', rows, ...stats(samples), n: samples.length });
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchStore(print: (o: object) => void): Promise<void> {
  for (const rows of SIZES) {
    await benchJournal(rows, print);
    await benchExport(rows, print);
  }
}
