import fs from 'node:fs';
import path from 'node:path';
import { scanSegment, type JournalRecord } from './codec';
import { FILE_MODE, fsyncDirSync, listDir, segmentName, snapshotName } from './files';
import { readSnapshot } from './snapshot';
import { CONNECTION_SETUP, errorText, execStatement, type Database, type SqlJsStatic } from './sqlite';
import { StoreError, type StoreLog } from './types';

/** State rebuilt from disk by recover(). */
export interface Recovered {
  db: Database;
  /** Sequence number of the snapshot the state was loaded from (0: empty database). */
  snapshotSeq: number;
  /** That snapshot's whole file (image at SNAPSHOT_HEADER), for the fold worker's replica. */
  snapshotFile: Buffer | null;
  /** Transactions replayed on top of the snapshot, in order. */
  replayed: JournalRecord[];
  lastSeq: number;
  /** Snapshots kept for retention: the one loaded and any older ones (unverified). */
  snapshots: number[];
  /** First sequence numbers of the segments on disk; the last one is the append target. */
  segments: number[];
  /** Open descriptor and size of the append target. */
  tailFd: number;
  tailSize: number;
}

/**
 * Picks the newest snapshot that verifies and opens and whose journal is complete, loads it and
 * replays the journal after it. A bad snapshot is logged and skipped; having snapshots but no way
 * to rebuild the state is an error, never an empty database.
 */
export function recover(dir: string, SQL: SqlJsStatic, log: StoreLog): Recovered {
  const listing = listDir(dir);
  for (const t of listing.temps) {
    fs.rmSync(path.join(dir, t), { force: true }); // an interrupted fold; its source is still on disk
  }
  const { snapshots, segments } = listing;
  const problems: string[] = [];
  const skipped: number[] = [];

  for (let i = snapshots.length - 1; i >= 0; i--) {
    const seq = snapshots[i];
    const file = path.join(dir, snapshotName(seq));
    const problem = (why: string): void => {
      problems.push(`${file}: ${why}`);
      skipped.push(seq);
      log.warn(`store: snapshot ${file} is unusable (${why}); falling back to the previous snapshot generation`);
    };
    const gap = coverageGap(dir, segments, seq);
    if (gap) {
      problem(gap);
      continue;
    }
    let snap;
    try {
      snap = readSnapshot(file, seq);
    } catch (e) {
      problem(errorText(e));
      continue;
    }
    let db: Database;
    try {
      // A plain Uint8Array view: sql.js keeps `data.slice()`, which copies for Uint8Array but is a
      // view for Buffer, and this file's buffer is handed to the fold worker afterwards.
      db = new SQL.Database(new Uint8Array(snap.image.buffer, snap.image.byteOffset, snap.image.byteLength));
      db.exec('SELECT count(*) FROM sqlite_master; PRAGMA user_version;');
    } catch (e) {
      problem(`SQLite cannot open the image: ${errorText(e)}`);
      continue;
    }
    const result = rollForward(dir, db, seq, snap.file, segments, log);
    quarantine(dir, skipped, log);
    result.snapshots = snapshots.filter((s) => s <= seq);
    return result;
  }

  if (snapshots.length > 0 && segments[0] !== 1) {
    throw new StoreError(
      `cannot open ${dir}: no usable snapshot and the journal does not reach back to the first transaction ` +
        `(refusing to start with an empty database). ${problems.join('; ')}`,
    );
  }
  if (snapshots.length === 0 && segments.length > 0 && segments[0] !== 1) {
    throw new StoreError(
      `cannot open ${dir}: the journal starts at ${path.join(dir, segmentName(segments[0]))} (seq ${segments[0]}) but there is no snapshot holding the transactions before it`,
    );
  }
  if (snapshots.length > 0) log.warn(`store: no usable snapshot in ${dir}; rebuilding the database from the whole journal`);
  const result = rollForward(dir, new SQL.Database(), 0, null, segments, log);
  quarantine(dir, skipped, log);
  result.snapshots = [];
  return result;
}

/** Why the journal cannot roll forward from snapshot seq, or undefined if it can. */
function coverageGap(dir: string, segments: number[], seq: number): string | undefined {
  if (segments.length === 0 || segments[0] <= seq + 1) return undefined;
  return `the journal needed to roll forward from seq ${seq} is missing (first segment is ${path.join(dir, segmentName(segments[0]))})`;
}

function rollForward(dir: string, db: Database, snapSeq: number, snapFile: Buffer | null, segments: number[], log: StoreLog): Recovered {
  db.exec(CONNECTION_SETUP);
  // The segments whose records can be > snapSeq: the last one starting at or before snapSeq + 1, and all after it.
  let start = 0;
  for (let i = 0; i < segments.length; i++) if (segments[i] <= snapSeq + 1) start = i;
  const needed = segments.slice(start);

  const replayed: JournalRecord[] = [];
  let lastSeq = snapSeq;
  let tailFd = -1;
  let tailSize = 0;
  let tailEnd = -1; // last sequence number stored in the last segment
  for (let k = 0; k < needed.length; k++) {
    const first = needed[k];
    const file = path.join(dir, segmentName(first));
    const isLast = k === needed.length - 1;
    const buf = fs.readFileSync(file);
    const scan = scanSegment(buf, first);
    if (scan.fault) {
      const f = scan.fault;
      const where = `${file} at byte ${f.offset} of ${buf.length} (${f.reason})`;
      if (!isLast) {
        throw new StoreError(
          `journal segment ${where} is corrupt; it is not the last segment, so this is not a torn write and transactions from seq ${f.expectedSeq} on would be lost: refusing to open`,
        );
      }
      if (f.laterDurable) {
        throw new StoreError(
          `journal segment ${where} is corrupt, and the intact record seq ${f.laterDurable.seq} at byte ${f.laterDurable.offset} shows that seq ${f.expectedSeq} had been acknowledged: refusing to drop acknowledged transactions`,
        );
      }
      log.warn(
        `store: journal ${where}: dropping a torn or corrupt tail of ${buf.length - f.offset} bytes ` +
          `(transactions from seq ${f.expectedSeq} on were never acknowledged); the file is truncated to ${f.offset} bytes`,
      );
    }
    for (const rec of scan.records) {
      if (rec.seq <= lastSeq) continue;
      if (rec.seq !== lastSeq + 1) {
        throw new StoreError(`journal ${file}: seq ${rec.seq} follows seq ${lastSeq}; transactions in between are missing`);
      }
      applyRecord(db, rec, file);
      replayed.push(rec);
      lastSeq = rec.seq;
    }
    const end = first + scan.records.length - 1;
    if (!isLast && end !== needed[k + 1] - 1) {
      throw new StoreError(`journal ${file} ends at seq ${end} but the next segment starts at seq ${needed[k + 1]}`);
    }
    if (isLast) {
      tailFd = fs.openSync(file, 'r+');
      tailSize = scan.validBytes;
      tailEnd = end;
      if (scan.fault) {
        fs.ftruncateSync(tailFd, tailSize);
        fs.fsyncSync(tailFd);
      }
    }
  }

  // Append to the last segment if new records continue it; otherwise start a fresh one at lastSeq + 1
  // (e.g. a brand-new store, or a snapshot that is newer than the last segment's records).
  const outSegments = [...segments];
  if (tailFd < 0 || tailEnd !== lastSeq) {
    if (tailFd >= 0) fs.closeSync(tailFd);
    const first = lastSeq + 1;
    tailFd = fs.openSync(path.join(dir, segmentName(first)), 'wx', FILE_MODE);
    tailSize = 0;
    fsyncDirSync(dir);
    outSegments.push(first);
  }
  return { db, snapshotSeq: snapSeq, snapshotFile: snapFile, replayed, lastSeq, snapshots: [], segments: outSegments, tailFd, tailSize };
}

function applyRecord(db: Database, rec: JournalRecord, file: string): void {
  db.exec('BEGIN');
  try {
    for (const st of rec.statements) execStatement(db, st);
    db.exec('COMMIT');
  } catch (e) {
    try {
      db.exec('ROLLBACK');
    } catch {
      /* already rolled back */
    }
    throw new StoreError(`replaying seq ${rec.seq} from ${file} failed: ${errorText(e)} (journal and snapshot disagree)`, { cause: e });
  }
}

/** Moves snapshots that failed verification out of the retention set, keeping them for inspection. */
function quarantine(dir: string, seqs: number[], log: StoreLog): void {
  for (const seq of seqs) {
    const file = path.join(dir, snapshotName(seq));
    const dest = `${file}.corrupt`;
    try {
      fs.renameSync(file, dest);
      log.warn(`store: moved unusable snapshot ${file} to ${dest}`);
    } catch (e) {
      log.warn(`store: could not move unusable snapshot ${file} aside: ${errorText(e)}`);
    }
  }
  if (seqs.length > 0) fsyncDirSync(dir);
}
