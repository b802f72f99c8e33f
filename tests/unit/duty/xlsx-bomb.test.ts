// Hostile roster workbooks (issue 12 row 6: a 640 KB .xlsx unpacking to 152 MiB stalled the hub
// 29 s). Each is refused through the contract, naming what is wrong, quickly, without the hub's
// event loop stalling or its memory ballooning, and without writing anything.
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '@contract/duty';
import { RpcCode } from '@contract/errors';
import { readRosterWorkbook } from '../../../src-main/core/duty/roster-xlsx';
import { openHarness, staff, type Harness } from './harness';
import { bombSheet, replaced, rosterEntries, SHEET, writeZip, type ZipEntry } from './zip-files';

let h: Harness;
let ids: Record<string, string>;
let real: ZipEntry[];

beforeAll(async () => {
  const wall = (day: number, hour: number): Date => new Date(Date.UTC(2025, 5, day, hour));
  real = await rosterEntries([[null, '周杰', '值班员', null, null, wall(20, 8), wall(20, 20), null]]);
});
beforeEach(async () => {
  h = await openHarness();
  ids = await staff(h);
});
afterEach(() => h.close());

interface Measured {
  ms: number;
  /** Longest the event loop waited during the import. */
  maxDelayMs: number;
  rssGrowthMb: number;
  message: string;
}

/** Imports the workbook through the contract, expecting a refusal, and measures the hub meanwhile. */
async function refusedImport(zip: Buffer): Promise<Measured> {
  expect(zip.length).toBeLessThanOrEqual(MAX_FILE_BYTES);
  const fileBase64 = zip.toString('base64');
  const before = await h.call('duty.getDataStatus', {});
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  let rssMax = process.memoryUsage.rss();
  const rss0 = rssMax;
  const probe = setInterval(() => (rssMax = Math.max(rssMax, process.memoryUsage.rss())), 5);
  histogram.enable();
  const t0 = performance.now();
  const e = await h.refusal('duty.importRoster', { fileBase64, by: ids['李明'] });
  const ms = performance.now() - t0;
  histogram.disable();
  clearInterval(probe);
  rssMax = Math.max(rssMax, process.memoryUsage.rss());
  expect(e.code).toBe(RpcCode.Refused);
  expect(e.message).toContain('nothing was written');
  expect((await h.call('duty.getDataStatus', {})).counts).toEqual(before.counts);
  return { ms, maxDelayMs: histogram.max / 1e6, rssGrowthMb: (rssMax - rss0) / 2 ** 20, message: e.message };
}

describe('roster workbooks that are zip bombs', () => {
  it('refuses 150 MiB of sheet XML from its directory, within a second, the hub staying responsive', async () => {
    const sheet = bombSheet(1_200_000);
    expect(sheet.length).toBeGreaterThan(150 * 2 ** 20);
    const zip = writeZip(replaced(real, SHEET, { data: sheet }));
    const m = await refusedImport(zip);
    expect(m.message).toMatch(/xl\/worksheets\/sheet1\.xml would unpack to 15\d\.\d MiB \(an entry may unpack to at most 8 MiB\)/);
    expect(m.ms).toBeLessThan(1000);
    expect(m.maxDelayMs).toBeLessThan(200);
    expect(m.rssGrowthMb).toBeLessThan(100);
  });

  it('refuses an entry whose declared size lies, while unpacking it', async () => {
    const sheet = bombSheet(1_200_000);
    const zip = writeZip(replaced(real, SHEET, { data: sheet, declaredSize: 40_000 }));
    const m = await refusedImport(zip);
    expect(m.message).toMatch(/xl\/worksheets\/sheet1\.xml unpacks to more than the 40000 bytes its directory declares/);
    expect(m.ms).toBeLessThan(1000);
    expect(m.maxDelayMs).toBeLessThan(200);
    expect(m.rssGrowthMb).toBeLessThan(100);
  });

  it('refuses an entry compressed more than 100:1, however small the whole', async () => {
    const zip = writeZip([...real, { name: 'xl/media/blank.bin', data: Buffer.alloc(4 * 2 ** 20) }]);
    const m = await refusedImport(zip);
    expect(m.message).toMatch(/xl\/media\/blank\.bin is compressed \d+:1 \(more than 100:1 is refused as a zip bomb\)/);
  });

  it('refuses more unpacked bytes in all than a roster needs', async () => {
    const filler = (k: number): ZipEntry => ({ name: `xl/media/f${k}.bin`, data: randomBytes(3 * 2 ** 20) });
    const zip = writeZip([...real, filler(1), filler(2), filler(3), filler(4), filler(5), filler(6)]);
    // Random bytes do not compress: the zip itself would be too big for the contract, so
    // the test calls the reader directly.
    const r = await readRosterWorkbook(zip);
    expect(r.problems[0].reason.en).toMatch(/would unpack to 1\d\.\d MiB in all \(a workbook may unpack to at most 16 MiB\)/);
  });

  it('refuses more entries than a workbook has', async () => {
    const many = Array.from({ length: 200 }, (_, k) => ({ name: `xl/media/e${k}.txt`, data: Buffer.from('x') }));
    const m = await refusedImport(writeZip([...real, ...many]));
    expect(m.message).toMatch(/the zip holds \d+ entries \(a workbook may hold at most 200\)/);
  });

  it('refuses entry names that climb out or are absolute, and encrypted entries', async () => {
    for (const [name, shown] of [
      ['../../evil.xml', /entry “\.\.\/\.\.\/evil\.xml” has a path that leaves the workbook/],
      ['xl/../../evil.xml', /entry “xl\/\.\.\/\.\.\/evil\.xml” has a path that leaves the workbook/],
      ['/etc/evil.xml', /entry “\/etc\/evil\.xml” has a path that leaves the workbook/],
      ['C:\\evil.xml', /entry “C:\\evil\.xml” has a path that leaves the workbook/],
    ] as const) {
      const m = await refusedImport(writeZip([...real, { name, data: Buffer.from('<x/>') }]));
      expect(m.message).toMatch(shown);
    }
    const enc = await refusedImport(writeZip(replaced(real, SHEET, { data: real.find((e) => e.name === SHEET)!.data, encrypted: true })));
    expect(enc.message).toMatch(/entry xl\/worksheets\/sheet1\.xml is encrypted \(encrypted workbooks are refused\)/);
  });
});

describe('roster workbooks that pass the zip checks but not the reader', () => {
  it('gives a clean refusal when exceljs cannot parse the sheet', async () => {
    const m = await refusedImport(writeZip(replaced(real, SHEET, { data: Buffer.from('<worksheet><sheetData><row><c') })));
    expect(m.message).toMatch(/not an \.xlsx workbook \(.+\)/);
  });

  it('stops a reader that needs more memory than allowed, and one that takes too long', async () => {
    const wall = (day: number, hour: number): Date => new Date(Date.UTC(2025, 5, day, hour));
    const rows = Array.from({ length: 5000 }, (_, k) => [null, `人员${k % 60}`, '值班员', null, null, wall(1 + (k % 28), 8), wall(1 + (k % 28), 20), '夜班']);
    const zip = writeZip(await rosterEntries(rows));
    const tight = await readRosterWorkbook(zip, { maxHeapMb: 16 });
    expect(tight.problems[0].reason.en).toMatch(/reading the workbook needed more than 16 MB of memory/);
    expect(tight.problems[0].reason.zh).toMatch(/读取工作簿需要超过 16 MB 内存/);
    const slow = await readRosterWorkbook(zip, { timeoutMs: 50 });
    expect(slow.problems[0].reason.en).toMatch(/reading the workbook took longer than 0\.05 s/);
    // With the real limits the same workbook reads.
    const fine = await readRosterWorkbook(zip);
    expect(fine.problems).toEqual([]);
    expect(fine.rows).toHaveLength(5000);
  });
});
