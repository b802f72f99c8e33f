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
 *
 * Every committed transaction is in these files in clear, secrets included (the NUT password of a
 * power source, SNMP communities), so the folder is 0700 and every file 0600 whatever the umask:
 * both are created with that mode (a umask only takes bits away, so it can never open them up),
 * and a folder left more open by an older version is tightened when the store opens it.
 */
export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;

const SNAP_RE = /^snap-(\d{16})\.db$/;
const WAL_RE = /^wal-(\d{16})\.log$/;
/** Every name in the layout above: the files the store may tighten (it leaves others' files alone). */
const STORE_FILE_RE = /^(snap-\d{16}\.db(\.tmp|\.corrupt)?|wal-\d{16}\.log|spare\.snap|LOCK)$/;

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

/**
 * mkdir -p (the folders it makes are DIR_MODE), then fsync the parent of every directory created
 * so the directory itself survives a crash.
 */
export function ensureDirSync(dir: string): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !fs.existsSync(d); d = path.dirname(d)) missing.unshift(d);
  for (const d of missing) {
    fs.mkdirSync(d, { mode: DIR_MODE });
    fsyncDirSync(path.dirname(d));
  }
}

/**
 * Makes the folder DIR_MODE and the store's files in it FILE_MODE (an older version left them 0755
 * and 0644). Other files and subfolders (attachments/, media/) keep their modes: this folder's mode
 * already keeps other accounts out of them, and a folder given with --data may hold files that are
 * not ours to change. Symbolic links are not followed. A file or folder that cannot
 * be changed (another owner, a filesystem without Unix modes) is reported, not fatal: the store
 * must still open for the command centre to work.
 */
export function tightenDirSync(dir: string, warn: (msg: string) => void): void {
  const fix = (p: string, want: number): void => {
    try {
      if ((fs.lstatSync(p).mode & 0o777) !== want) fs.chmodSync(p, want);
    } catch (e) {
      // Gone meanwhile (a fold's leftover being removed): nothing left to protect.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      warn(
        `${p} could not be made readable by its owner only (chmod ${want.toString(8)}: ${(e as Error).message}); other accounts on this machine may read the stored data, secrets included`,
      );
    }
  };
  fix(dir, DIR_MODE);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }))
    if (entry.isFile() && STORE_FILE_RE.test(entry.name)) fix(path.join(dir, entry.name), FILE_MODE);
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
