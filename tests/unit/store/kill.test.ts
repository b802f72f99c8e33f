import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Migration } from '../../../src-main/core/store';
import { CapturingLog, removeTempDirs, tempDir } from './helpers';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../..');
const ROUNDS = 50;
const FOLD_EVERY_BYTES = 4096;
const MIGRATIONS: Migration[] = [
  { version: 1, name: 'acked', up: 'CREATE TABLE acked (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)' },
  { version: 2, name: 'counter', up: 'CREATE TABLE counter (n INTEGER NOT NULL); INSERT INTO counter VALUES (0);' },
];

function payload(id: number): Uint8Array {
  const bytes = new Uint8Array(id % 97);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (id * 31 + i) & 0xff;
  return bytes;
}

let bundle = '';
beforeAll(async () => {
  // The child runs on bare Node, so it needs JavaScript: bundle the store like the production build
  // does (which also proves the inline fold worker survives bundling and minification).
  const out = tempDir('store-kill-build-');
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(out, 'node_modules'), 'dir');
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    build: {
      ssr: path.join(root, 'src-main/core/store/index.ts'),
      outDir: path.join(out, 'dist'),
      emptyOutDir: true,
      minify: true,
      rollupOptions: { output: { format: 'es', entryFileNames: 'store.mjs' } },
    },
  });
  bundle = path.join(out, 'dist', 'store.mjs');
}, 60_000);

/** The child of the running round, killed if the test is cut short so it cannot outlive it. */
let active: ChildProcess | null = null;

afterAll(async () => {
  const child = active;
  if (child && child.exitCode === null && child.signalCode === null) {
    await new Promise((resolve) => {
      child.once('close', resolve);
      child.kill('SIGKILL');
    });
  }
  removeTempDirs();
});

interface Round {
  acked: number[];
  folds: number;
  warnings: string[];
  signal: NodeJS.Signals | null;
  stderr: string;
  ready: boolean;
}

type Kill = { atMs: number } | { afterAcks: number; jitterMs: number };

/**
 * Runs one child and SIGKILLs it either at a fixed time after spawn (during start-up, open, replay
 * or migrations) or once it has acknowledged a given number of writes plus a little jitter (while
 * writes and folds run). Counting acknowledgements rather than milliseconds makes every round do
 * real work however loaded the machine is.
 */
function runRound(dir: string, firstId: number, kill: Kill): Promise<Round> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [path.join(here, 'kill-child.mjs'), bundle, dir, String(firstId), String(FOLD_EVERY_BYTES), JSON.stringify(MIGRATIONS)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    active = child;
    let stdout = '';
    let stderr = '';
    let acks = 0;
    let armed = false;
    const killNow = (): void => void child.kill('SIGKILL');
    // A safety net only: a healthy child is killed long before.
    let timer = setTimeout(killNow, 'atMs' in kill ? kill.atMs : 20_000);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if ('atMs' in kill || armed) return;
      acks += (d.match(/^\d+$/gm) ?? []).length;
      if (acks >= kill.afterAcks && stdout.includes('ready\n')) {
        armed = true;
        clearTimeout(timer);
        timer = setTimeout(killNow, kill.jitterMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      active = null;
      // Only complete lines count: a line cut by the kill was never fully reported.
      const lines = stdout.split('\n').slice(0, -1);
      resolve({
        acked: lines.filter((l) => /^\d+$/.test(l)).map(Number),
        folds: lines.filter((l) => l.startsWith('I store: folded')).length,
        warnings: lines.filter((l) => l.startsWith('W ')),
        signal,
        stderr,
        ready: lines.includes('ready'),
      });
    });
  });
}

describe('kill -9', () => {
  it(`loses no acknowledged write over ${ROUNDS} SIGKILLs at random moments`, async () => {
    const dir = tempDir('store-kill-');
    const acked = new Set<number>();
    let folds = 0;
    const warnings: string[] = [];
    let killedBeforeReady = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // Every fifth round dies at a random point of start-up, open, replay or migrations; the others
      // after 0-150 acknowledged writes (a fold starts every ~25 writes) plus 0-20 ms.
      const kill: Kill = round % 5 === 0 ? { atMs: Math.random() * 500 } : { afterAcks: Math.floor(Math.random() * 150), jitterMs: Math.random() * 20 };
      const r = await runRound(dir, round * 1_000_000, kill);
      expect(r.signal, `round ${round} ended by itself: ${r.stderr}`).toBe('SIGKILL');
      expect(r.stderr).toBe('');
      for (const id of r.acked) acked.add(id);
      folds += r.folds;
      warnings.push(...r.warnings);
      if (!r.ready) killedBeforeReady++;
    }

    const log = new CapturingLog();
    const store = await openStore({ dir, migrations: MIGRATIONS, log });
    const rows = store.all<{ id: number; payload: Uint8Array }>('SELECT id, payload FROM acked ORDER BY id');
    const present = new Map(rows.map((r) => [r.id, r.payload]));
    const missing = [...acked].filter((id) => !present.has(id));
    expect(missing, 'acknowledged writes lost').toEqual([]);
    for (const [id, bytes] of present) expect(bytes, `payload of ${id}`).toEqual(payload(id));
    // Each transaction inserted a row and bumped the counter: atomicity across crashes.
    expect(store.get<{ n: number }>('SELECT n FROM counter')!.n).toBe(rows.length);
    await store.close();
    // Snapshots are written to a tmp file and renamed, so a kill must never leave one unusable.
    // (A torn journal tail is possible, if rare: a kill can interrupt a write() system call.)
    expect([...warnings, ...log.warnings].filter((w) => /snapshot/.test(w))).toEqual([]);

    console.log(
      `kill -9: ${ROUNDS} rounds, ${acked.size} acknowledged writes, ${rows.length} rows, ${folds} folds, ` +
        `${warnings.length + log.warnings.length} recovery warnings, ${killedBeforeReady} kills before ready`,
    );
    // The rounds must really have exercised writes and background folds.
    expect(acked.size).toBeGreaterThan(ROUNDS * 20);
    expect(folds).toBeGreaterThan(ROUNDS / 5);
    // ~30-60 s on an idle two-core machine; the margin is for a machine busy with other work.
  }, 240_000);
});
