// The guard in front of exceljs for workbooks that arrive from outside (issue 12: a 640 KB .xlsx
// unpacking to 152 MiB of sheet XML stalled the hub 29 s, and two at once took 3.7 GB). exceljs
// unpacks and parses whatever a zip holds, on the thread that calls it; so first the zip's
// directory is read (nothing inflated) and judged against limits sized from real rosters, then
// every entry is inflated and counted without keeping it (declared sizes can lie), and only then
// does exceljs read it, in a worker thread with a heap cap and a deadline: a workbook that gets
// past the checks can at worst kill its own worker, never stall or exhaust the hub.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import yauzl from 'yauzl';
import type { Bilingual } from '../contract/errors';
import { XLSX_WORKER_SOURCE, type SheetCells, type XlsxWorkerReply } from './xlsx-worker-source';

export type { SheetCells } from './xlsx-worker-source';

const MiB = 1024 * 1024;

// Sized from exceljs's own output: a roster row is ~370 bytes of sheet XML and a sheet compresses
// about 11:1, so the largest file the contract carries (700 KiB) holds ~16,000 rows, ~7 MiB of
// sheet XML. A month for 60 people is under 2,000 rows (~0.7 MiB). Twice that room in all covers
// shared strings and styles; an exceljs workbook has about 10 entries.
export const XLSX_LIMITS = {
  entries: 200,
  entryBytes: 8 * MiB,
  totalBytes: 16 * MiB,
  /** Sheet XML compresses ~11:1 and shared strings ~4:1; a hundred to one is a bomb's shape. */
  ratio: 100,
  /** Entries smaller than this may compress as they like: the most they can cost is this much. */
  ratioFloorBytes: MiB,
  /** Rows and cells with a value that the worker sends back (the main thread judges each one). */
  rows: 20_000,
  cells: 250_000,
} as const;

export interface WorkerLimits {
  /** The worker's V8 old-generation heap, in MB. */
  maxHeapMb: number;
  /** How long exceljs may take, worker start-up included. */
  timeoutMs: number;
}

// exceljs needs ~100 MB of heap for the largest workbook the contract carries, and ~3 s.
export const DEFAULT_WORKER_LIMITS: WorkerLimits = { maxHeapMb: 256, timeoutMs: 20_000 };

const mib = (n: number): string => `${(n / MiB).toFixed(1)} MiB`;

/** An entry's name as the zip spells it (UTF-8 when flagged, else byte by byte). */
function nameOf(raw: Buffer, flags: number): string {
  return raw.toString(flags & 0x800 ? 'utf8' : 'latin1');
}

/** A name that is absolute or climbs with '..', in either separator: no workbook part is named so. */
function leavesWorkbook(name: string): boolean {
  return /^[\\/]/.test(name) || /^[A-Za-z]:/.test(name) || name.split(/[\\/]/).includes('..');
}

/** Every name an unzipper might use for the entry: its own, and an Info-ZIP Unicode Path (0x7075). */
function namesOf(entry: yauzl.Entry): string[] {
  const names = [nameOf(entry.fileNameRaw, entry.generalPurposeBitFlag)];
  for (const f of entry.extraFields) if (f.id === 0x7075 && f.data.length > 5) names.push(f.data.subarray(5).toString('utf8'));
  return names;
}

/** Why one entry of the directory is refused, or null. */
function judgeEntry(entry: yauzl.Entry): Bilingual | null {
  const names = namesOf(entry);
  const bad = names.find(leavesWorkbook);
  if (bad !== undefined)
    return { zh: `条目“${bad}”的路径指向工作簿之外（.. 或绝对路径）`, en: `entry “${bad}” has a path that leaves the workbook (.. or an absolute path)` };
  const name = names[0];
  if (entry.isEncrypted()) return { zh: `条目 ${name} 已加密（不接受加密的工作簿）`, en: `entry ${name} is encrypted (encrypted workbooks are refused)` };
  if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
    return {
      zh: `条目 ${name} 使用压缩方法 ${entry.compressionMethod}（.xlsx 应为 deflate）`,
      en: `entry ${name} uses compression method ${entry.compressionMethod} (an .xlsx uses deflate)`,
    };
  if (entry.uncompressedSize > XLSX_LIMITS.entryBytes)
    return {
      zh: `条目 ${name} 解压后为 ${mib(entry.uncompressedSize)}（每个条目解压后至多 ${XLSX_LIMITS.entryBytes / MiB} MiB）`,
      en: `entry ${name} would unpack to ${mib(entry.uncompressedSize)} (an entry may unpack to at most ${XLSX_LIMITS.entryBytes / MiB} MiB)`,
    };
  const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
  if (entry.uncompressedSize > XLSX_LIMITS.ratioFloorBytes && ratio > XLSX_LIMITS.ratio)
    return {
      zh: `条目 ${name} 的压缩比为 ${Math.round(ratio)}:1（超过 ${XLSX_LIMITS.ratio}:1 视为压缩炸弹，拒绝）`,
      en: `entry ${name} is compressed ${Math.round(ratio)}:1 (more than ${XLSX_LIMITS.ratio}:1 is refused as a zip bomb)`,
    };
  return null;
}

function openZip(bytes: Buffer): Promise<yauzl.ZipFile> {
  // Names are judged here (namesOf), not by yauzl, so a refusal can say which and why; entry
  // sizes are checked against what inflates (validateEntrySizes, yauzl's default, kept on).
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (err, zip) => (err ? reject(err) : resolve(zip))),
  );
}

/** The zip's directory, entry by entry, without inflating anything; the first refusal ends it. */
async function readDirectory(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  if (zip.entryCount > XLSX_LIMITS.entries)
    throw new GuardRefusal({
      zh: `压缩包含 ${zip.entryCount} 个条目（工作簿至多 ${XLSX_LIMITS.entries} 个）`,
      en: `the zip holds ${zip.entryCount} entries (a workbook may hold at most ${XLSX_LIMITS.entries})`,
    });
  const entries: yauzl.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      const why = judgeEntry(entry);
      if (why) return reject(new GuardRefusal(why));
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  const total = entries.reduce((n, e) => n + e.uncompressedSize, 0);
  if (total > XLSX_LIMITS.totalBytes)
    throw new GuardRefusal({
      zh: `全部条目解压后共 ${mib(total)}（工作簿解压后至多 ${XLSX_LIMITS.totalBytes / MiB} MiB）`,
      en: `its entries would unpack to ${mib(total)} in all (a workbook may unpack to at most ${XLSX_LIMITS.totalBytes / MiB} MiB)`,
    });
  return entries;
}

/** Inflates one entry, counting and dropping the bytes: more than declared is refused at once. */
function drainEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<void> {
  const name = nameOf(entry.fileNameRaw, entry.generalPurposeBitFlag);
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
      stream.once('end', resolve);
      stream.on('error', (e: Error) => {
        stream.destroy();
        // yauzl stops the stream as soon as it yields more than declared: that is the lie.
        if (/too many bytes/.test(e.message) || bytes >= entry.uncompressedSize)
          reject(
            new GuardRefusal({
              zh: `条目 ${name} 解压后超过目录声明的 ${entry.uncompressedSize} 字节`,
              en: `entry ${name} unpacks to more than the ${entry.uncompressedSize} bytes its directory declares`,
            }),
          );
        else reject(new GuardRefusal({ zh: `条目 ${name} 已损坏（${e.message}）`, en: `entry ${name} is damaged (${e.message})` }));
      });
    }),
  );
}

/** A refusal of the guard's own, worded for a person in both languages; anything else is the zip being unreadable. */
class GuardRefusal extends Error {
  constructor(readonly text: Bilingual) {
    super(text.en);
  }
}

/**
 * Why this workbook must not reach exceljs, or null when it may. Reads the directory, then
 * inflates every entry once (zlib runs off the event loop) to prove the declared sizes true.
 */
export async function checkWorkbookZip(bytes: Uint8Array): Promise<Bilingual | null> {
  let zip: yauzl.ZipFile | undefined;
  try {
    zip = await openZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    for (const entry of await readDirectory(zip)) await drainEntry(zip, entry);
    return null;
  } catch (err) {
    if (err instanceof GuardRefusal) return { zh: `工作簿在读取前被拒绝：${err.text.zh}`, en: `the workbook was refused before it was read: ${err.text.en}` };
    const text = err instanceof Error ? err.message : String(err);
    return { zh: `不是 .xlsx 工作簿（${text}）`, en: `not an .xlsx workbook (${text})` };
  } finally {
    zip?.close();
  }
}

// createRequire keeps working when this module is bundled: exceljs stays an external dependency,
// found in node_modules beside the running code, and the worker requires it by absolute path.
const localRequire = createRequire(import.meta.url);
let exceljsEntry: string | undefined;

/** One workbook at a time: each worker may take its whole heap cap, and two must not add up. */
let queue: Promise<unknown> = Promise.resolve();

/** Reads the cells of one sheet (by name, else the first) in a worker; a { zh, en } says why not. */
export function readSheetInWorker(bytes: Uint8Array, sheetName: string, limits: WorkerLimits = DEFAULT_WORKER_LIMITS): Promise<SheetCells | Bilingual> {
  const run = queue.then(() => runWorker(bytes, sheetName, limits));
  queue = run.catch(() => {});
  return run;
}

function runWorker(bytes: Uint8Array, sheetName: string, limits: WorkerLimits): Promise<SheetCells | Bilingual> {
  exceljsEntry ??= localRequire.resolve('exceljs');
  return new Promise((resolve) => {
    let settled = false;
    const worker = new Worker(XLSX_WORKER_SOURCE, {
      eval: true,
      workerData: { exceljsEntry, sheetName, bytes, maxRows: XLSX_LIMITS.rows, maxCells: XLSX_LIMITS.cells },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb },
      // Whatever exceljs prints is dropped: a hostile workbook must not write into the hub's log.
      stdout: true,
      stderr: true,
    });
    worker.stdout.resume();
    worker.stderr.resume();
    const finish = (result: SheetCells | Bilingual): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        finish({
          zh: `读取工作簿超过 ${limits.timeoutMs / 1000} 秒，已停止`,
          en: `reading the workbook took longer than ${limits.timeoutMs / 1000} s, so it was stopped`,
        }),
      limits.timeoutMs,
    );
    worker.on('message', (m: XlsxWorkerReply) => finish(m.ok ? m.sheet : m.error));
    worker.on('error', (err: Error & { code?: string }) =>
      finish(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? {
              zh: `读取工作簿需要超过 ${limits.maxHeapMb} MB 内存，已停止`,
              en: `reading the workbook needed more than ${limits.maxHeapMb} MB of memory, so it was stopped`,
            }
          : { zh: `工作簿读取程序出错（${err.message}）`, en: `the workbook reader failed (${err.message})` },
      ),
    );
    worker.on('exit', (code) => finish({ zh: `工作簿读取程序意外退出（退出码 ${code}）`, en: `the workbook reader stopped unexpectedly (exit code ${code})` }));
  });
}
