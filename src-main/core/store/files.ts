import fs from 'node:fs';
import path from 'node:path';

/*
 * Data directory layout:
 *   snap-<seq>.db         snapshot: 64-byte header (snapshot.ts) + SQLite image holding every
 *                         transaction with sequence number <= seq
 *   snap-<seq>.db.tmp     snapshot being written by the fold worker (deleted on open)
 *   snap-<seq>.db.corrupt a snapshot that failed verification, kept for inspection
 *   wal-<seq>.log         journal segment whose first record has sequence number seq
 *   spare.snap            an old snapshot kept for the next fold to overwrite (fold-worker-source.ts)
 *   LOCK                  pid of the process that has the store open
 * Numbers are zero-padded to 16 digits so that names sort like the numbers they carry.
 */

const SNAP_RE = /^snap-(\d{16})\.db$/;
const WAL_RE = /^wal-(\d{16})\.log$/;

const pad = (n: number): string => String(n).padStart(16, '0');
export const snapshotName = (seq: number): string => `snap-${pad(seq)}.db`;
export const segmentName = (firstSeq: number): string => `wal-${pad(firstSeq)}.log`;

export interface DirListing {
  /** Snapshot sequence numbers, ascending. */
  snapshots: number[];
  /** First sequence numbers of journal segments, ascending. */
  segments: number[];
  /** Leftover temporary files from an interrupted fold. */
  temps: string[];
}

export function listDir(dir: string): DirListing {
  const out: DirListing = { snapshots: [], segments: [], temps: [] };
  for (const name of fs.readdirSync(dir)) {
    let m: RegExpExecArray | null;
    if ((m = SNAP_RE.exec(name))) out.snapshots.push(Number(m[1]));
    else if ((m = WAL_RE.exec(name))) out.segments.push(Number(m[1]));
    else if (name.endsWith('.tmp')) out.temps.push(name);
  }
  out.snapshots.sort((a, b) => a - b);
  out.segments.sort((a, b) => a - b);
  return out;
}

/** Makes renames, creations and deletions in dir durable. */
export function fsyncDirSync(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  const h = await fs.promises.open(dir, 'r');
  try {
    await h.sync();
  } finally {
    await h.close();
  }
}

/** mkdir -p, then fsync the parent of every directory created so the directory itself survives a crash. */
export function ensureDirSync(dir: string): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !fs.existsSync(d); d = path.dirname(d)) missing.unshift(d);
  for (const d of missing) {
    fs.mkdirSync(d);
    fsyncDirSync(path.dirname(d));
  }
}

/** Full positional write (fs.write may in principle write less than asked). */
export async function writeFully(fd: number, buf: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const { bytesWritten } = await new Promise<{ bytesWritten: number }>((resolve, reject) =>
      fs.write(fd, buf, done, buf.length - done, position + done, (err, n) => (err ? reject(err) : resolve({ bytesWritten: n }))),
    );
    done += bytesWritten;
  }
}

export function fdatasync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fs.fdatasync(fd, (err) => (err ? reject(err) : resolve())));
}
