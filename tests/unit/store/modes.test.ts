// The data directory holds every committed transaction in clear (NUT passwords, SNMP communities,
// the duty log): only the account that runs the app may read it, whatever umask it was started with.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { insertEvents, open, removeTempDirs, tempDir } from './helpers';

afterEach(removeTempDirs);

const mode = (p: string): string => (fs.statSync(p).mode & 0o777).toString(8).padStart(4, '0');

/** The mode of the directory and of every file in it, by name. */
function modes(dir: string): Record<string, string> {
  const out: Record<string, string> = { '.': mode(dir) };
  for (const name of fs.readdirSync(dir)) {
    // The fold worker may retire a file between the listing and its stat.
    try {
      out[name] = mode(path.join(dir, name));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  return out;
}

/** Compared as a whole, so a failure lists every file with its mode; `others` are not the store's. */
function onlyOwner(dir: string, others: Record<string, string> = {}): void {
  const m = modes(dir);
  const want = Object.fromEntries(Object.keys(m).map((name) => [name, name === '.' ? '0700' : (others[name] ?? '0600')]));
  expect(m).toEqual(want);
}

async function withUmask<T>(mask: number, fn: () => Promise<T>): Promise<T> {
  const before = process.umask(mask);
  try {
    return await fn();
  } finally {
    process.umask(before);
  }
}

describe('file modes of the data directory', () => {
  for (const mask of [0o022, 0o000]) {
    it(`creates the folder 0700 and every file 0600 under umask ${mask.toString(8).padStart(3, '0')}`, async () => {
      await withUmask(mask, async () => {
        const dir = path.join(tempDir(), 'data');
        const { store } = await open(dir);
        await insertEvents(store, 0, 50);
        // LOCK, the first segment, the segment after a fold, the snapshot it wrote.
        await store.foldNow();
        onlyOwner(dir);
        // Two more folds retire the first snapshot into spare.snap, which the last one overwrites.
        await insertEvents(store, 50, 50);
        await store.foldNow();
        await insertEvents(store, 100, 50);
        await store.foldNow();
        await insertEvents(store, 150, 50);
        await store.foldNow();
        expect(fs.readdirSync(dir)).toContain('LOCK');
        onlyOwner(dir);
        await store.close();
        expect(fs.readdirSync(dir)).toContain('spare.snap');
        onlyOwner(dir);
      });
    });
  }

  it('tightens a folder left 0755 with 0644 files by an older version when it opens it', async () => {
    const dir = path.join(tempDir(), 'data');
    const { store } = await open(dir);
    await insertEvents(store, 0, 20);
    await store.foldNow();
    await insertEvents(store, 20, 5);
    await store.close();
    // What an older version left behind, plus a snapshot moved aside and a spare.
    fs.writeFileSync(path.join(dir, 'snap-0000000000000001.db.corrupt'), 'old');
    fs.writeFileSync(path.join(dir, 'spare.snap'), 'old');
    fs.chmodSync(dir, 0o755);
    for (const name of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, name), 0o644);
    // Not the store's (a folder given with --data may hold other files): left as it is.
    fs.writeFileSync(path.join(dir, 'run.sh'), '#!/bin/sh\n', { mode: 0o755 });
    fs.chmodSync(path.join(dir, 'run.sh'), 0o755);

    const { store: again, log } = await open(dir);
    onlyOwner(dir, { 'run.sh': '0755' });
    expect(log.warnings).toEqual([]);
    await again.close();
  });
});
