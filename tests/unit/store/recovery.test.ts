import fs from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../../src-main/core/store';
import { eventNumbers, files, insertEvents, open, range, removeTempDirs, tempDir } from './helpers';

afterEach(removeTempDirs);

/** Sequential, awaited writes: each record then says all earlier ones were durable. */
async function writeSequentially(dir: string, from: number, count: number): Promise<void> {
  const { store } = await open(dir);
  for (let i = from; i < from + count; i++) await store.write((tx) => tx.run('INSERT INTO events (n) VALUES (?)', [i]));
  await store.close();
}

function lastSegment(dir: string): string {
  return path.join(dir, files(dir, /^wal-\d+\.log$/).at(-1)!);
}

function flipByte(file: string, offset: number): void {
  const buf = fs.readFileSync(file);
  buf[offset] ^= 0xff;
  fs.writeFileSync(file, buf);
}

/** Byte offsets where each record frame starts, read from the framing. */
function frameOffsets(file: string): number[] {
  const buf = fs.readFileSync(file);
  const out: number[] = [];
  for (let off = 0; off + 8 <= buf.length; off += 8 + buf.readUInt32LE(off)) out.push(off);
  return out;
}

describe('journal tail recovery', () => {
  it('drops garbage appended after the last record, with a warning, and appends cleanly afterwards', async () => {
    const dir = tempDir();
    await writeSequentially(dir, 0, 20);
    const seg = lastSegment(dir);
    fs.appendFileSync(seg, Buffer.from('\x13\x00\x00\x00garbage that is not a record at all'));
    const { store, log } = await open(dir);
    expect(log.warnings.join('\n')).toMatch(new RegExp(`${path.basename(seg)}.*torn or corrupt tail`));
    expect(eventNumbers(store)).toEqual(range(0, 20));
    await insertEvents(store, 20, 10);
    await store.close();
    const { store: again, log: log2 } = await open(dir);
    expect(log2.warnings).toEqual([]);
    expect(eventNumbers(again)).toEqual(range(0, 30));
    await again.close();
  });

  it('drops a record cut in half (torn write) and keeps everything before it', async () => {
    const dir = tempDir();
    await writeSequentially(dir, 0, 20);
    const seg = lastSegment(dir);
    const last = frameOffsets(seg).at(-1)!;
    const size = fs.statSync(seg).size;
    fs.truncateSync(seg, last + Math.floor((size - last) / 2));
    const { store, log } = await open(dir);
    expect(log.warnings.join('\n')).toMatch(/torn or corrupt tail/);
    expect(eventNumbers(store)).toEqual(range(0, 19));
    expect(fs.statSync(seg).size).toBe(last); // truncated to the last good record
    await insertEvents(store, 100, 5);
    await store.close();
    const { store: again, log: log2 } = await open(dir);
    expect(log2.warnings).toEqual([]);
    expect(eventNumbers(again)).toEqual([...range(0, 19), ...range(100, 5)]);
    await again.close();
  });

  it('refuses to drop a corrupt record that later records prove was acknowledged', async () => {
    const dir = tempDir();
    await writeSequentially(dir, 0, 30);
    const seg = lastSegment(dir);
    const offsets = frameOffsets(seg);
    flipByte(seg, offsets[10] + 20); // inside a payload in the middle of the segment
    await expect(open(dir)).rejects.toThrow(/refusing to drop acknowledged transactions/);
    await expect(open(dir)).rejects.toThrow(path.basename(seg));
  });

  it('treats corruption inside a segment that is not the last one as an error', async () => {
    const dir = tempDir();
    const { store } = await open(dir);
    await insertEvents(store, 0, 50);
    await store.foldNow(); // snapshot at the boundary; wal-1 stays as the previous generation's journal
    await insertEvents(store, 50, 10);
    await store.close();
    const [first] = files(dir, /^wal-/);
    const [snap] = files(dir, /^snap-/);
    flipByte(path.join(dir, snap), 200);
    flipByte(path.join(dir, first), frameOffsets(path.join(dir, first))[20] + 12);
    const err = await open(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect(String(err)).toMatch(new RegExp(`${first}.*not the last segment`));
  });
});

function snapshotFile(dir: string, n: number): string {
  return path.join(dir, files(dir, /^snap-\d+\.db$/)[n]);
}

async function threeGenerations(dir: string): Promise<void> {
  const { store } = await open(dir);
  const blob = new Uint8Array(3 << 20).map((_, i) => (i * 7919) & 0xff);
  await store.write((tx) => tx.run('INSERT INTO items (name, data) VALUES (?, ?)', ['big', blob]));
  await insertEvents(store, 0, 100);
  await store.foldNow();
  await insertEvents(store, 100, 100);
  await store.foldNow();
  await insertEvents(store, 200, 50);
  await store.close();
}

async function expectAllData(dir: string, log?: { warnings: string[] }): Promise<string[]> {
  const { store, log: l } = await open(dir);
  expect(eventNumbers(store)).toEqual(range(0, 250));
  const big = store.get<{ data: Uint8Array }>("SELECT data FROM items WHERE name = 'big'")!.data;
  expect(big.length).toBe(3 << 20);
  expect(big[12345]).toBe((12345 * 7919) & 0xff);
  await store.close();
  return (log ?? l).warnings;
}

describe('snapshot recovery', () => {
  it('keeps two snapshot generations and the journal to roll forward from the older one', async () => {
    const dir = tempDir();
    await threeGenerations(dir);
    expect(files(dir, /^snap-\d+\.db$/)).toHaveLength(2);
    expect(files(dir, /^wal-/)).toHaveLength(2);
    expect(await expectAllData(dir)).toEqual([]);
  });

  it('falls back to the previous snapshot when the newest is corrupt, naming the file', async () => {
    const dir = tempDir();
    await threeGenerations(dir);
    const newest = snapshotFile(dir, 1);
    flipByte(newest, 100_000);
    const warnings = await expectAllData(dir);
    expect(warnings.join('\n')).toMatch(new RegExp(`snapshot ${newest} is unusable \\(image checksum mismatch`));
    expect(fs.existsSync(`${newest}.corrupt`)).toBe(true);
    // The store goes on normally: a new fold, and a clean reopen.
    const { store } = await open(dir);
    await store.foldNow();
    await insertEvents(store, 250, 1);
    await store.close();
    const { store: again, log } = await open(dir);
    expect(log.warnings).toEqual([]);
    expect(eventNumbers(again)).toEqual(range(0, 251));
    await again.close();
  });

  it('falls back when the newest snapshot verifies but is not a database', async () => {
    const dir = tempDir();
    await threeGenerations(dir);
    const newest = snapshotFile(dir, 1);
    const buf = fs.readFileSync(newest);
    const image = buf.subarray(64);
    image.fill(0x5a, 0, 4096); // wreck the SQLite header page, then re-seal the checksums
    buf.writeUInt32LE(crc32(image), 32);
    buf.writeUInt32LE(crc32(buf.subarray(0, 60)), 60);
    fs.writeFileSync(newest, buf);
    const warnings = await expectAllData(dir);
    expect(warnings.join('\n')).toMatch(/SQLite cannot open the image/);
  });

  it('throws a StoreError naming the files when every snapshot is corrupt', async () => {
    const dir = tempDir();
    await threeGenerations(dir);
    const snaps = [snapshotFile(dir, 0), snapshotFile(dir, 1)];
    flipByte(snaps[0], 10);
    fs.truncateSync(snaps[1], 5000);
    const err = await open(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/refusing to start with an empty database/);
    expect(msg).toContain(snaps[0]);
    expect(msg).toContain(snaps[1]);
    // Nothing was renamed or deleted: the evidence stays for manual recovery.
    expect(fs.existsSync(snaps[0]) && fs.existsSync(snaps[1])).toBe(true);
  });

  it('rebuilds from the whole journal when the only snapshot is corrupt and the journal starts at 1', async () => {
    const dir = tempDir();
    const { store } = await open(dir);
    await insertEvents(store, 0, 40);
    await store.foldNow();
    await insertEvents(store, 40, 10);
    await store.close();
    flipByte(snapshotFile(dir, 0), 70);
    const { store: again, log } = await open(dir);
    expect(log.warnings.join('\n')).toMatch(/rebuilding the database from the whole journal/);
    expect(eventNumbers(again)).toEqual(range(0, 50));
    await again.close();
  });

  it('removes leftovers of an interrupted fold', async () => {
    const dir = tempDir();
    await writeSequentially(dir, 0, 3);
    fs.writeFileSync(path.join(dir, 'snap-0000000000000099.db.tmp'), 'half a snapshot');
    const { store, log } = await open(dir);
    expect(log.warnings).toEqual([]);
    expect(files(dir, /\.tmp$/)).toEqual([]);
    expect(eventNumbers(store)).toEqual(range(0, 3));
    await store.close();
  });
});
