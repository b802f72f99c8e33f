/*
 * Write path: write() runs the callback synchronously inside BEGIN/COMMIT on the primary (an
 * in-memory sql.js database), records the statements it executed, encodes them as one journal
 * record with the next sequence number and hands it to the JournalWriter, whose loop appends every
 * record queued meanwhile with one write + fdatasync (group commit) and only then resolves the
 * write() promises. Committed-but-not-yet-durable data is visible to reads; a crash loses only
 * transactions whose promise had not resolved.
 *
 * Fold protocol: durable records are forwarded to the fold worker's replica. When the current
 * journal segment passes foldEveryBytes (or foldNow() asks), the journal loop closes it at boundary
 * seq B, starts wal-<B+1>.log, and synchronously asks the worker to fold at B; the worker exports
 * its replica (exactly at B) and writes snap-<B>.db atomically off the main thread. When that is
 * durable, cleanup() keeps the two newest snapshots and the journal segments needed to roll
 * forward from the older one, and retires the rest.
 */
import path from 'node:path';
import { encodeRecord, type JournalRecord } from './codec';
import { ensureDirSync, segmentName, snapshotName, tightenDirSync } from './files';
import { DEFAULT_FOLD_TUNING, FoldWorker, type FoldTuning } from './fold-worker';
import { JournalWriter } from './journal';
import { acquireLock } from './lock';
import { validateMigrations } from './migrations';
import { recover } from './recovery';
import { SNAPSHOT_HEADER } from './snapshot';
import { errorText, loadSqlJs, queryRows, userVersion, type Database } from './sqlite';
import { TxImpl, checkNoTxControl, checkParams } from './tx';
import { StoreError, type Migration, type SqlValue, type Store, type StoreLog, type StoreOptions, type Tx } from './types';

export const DEFAULT_FOLD_EVERY_BYTES = 8 << 20;

/** Not part of the public options: lets tests and the benchmark tune the snapshot writer. */
export interface InternalStoreOptions extends StoreOptions {
  foldTuning?: FoldTuning;
}

class StoreImpl implements Store {
  private tx: TxImpl | null = null;
  private closing: Promise<void> | null = null;
  private readonly folds = new Map<number, Promise<void>>();
  private readonly lastIdStmt;
  private readonly journal: JournalWriter;

  constructor(
    private readonly dir: string,
    private readonly db: Database,
    private readonly log: StoreLog,
    private readonly folder: FoldWorker,
    private readonly foldEveryBytes: number,
    /** Retained snapshot seqs, ascending. */
    private snapshots: number[],
    /** First seqs of the journal segments on disk, ascending; the last is being appended to. */
    private segments: number[],
    private lastSeq: number,
    tailFd: number,
    tailSize: number,
    private readonly releaseLock: () => void,
  ) {
    this.lastIdStmt = db.prepare('SELECT last_insert_rowid()');
    this.journal = new JournalWriter(dir, tailFd, segments[segments.length - 1], tailSize, lastSeq, {
      onDurable: (records) => folder.apply(records),
      wantsRotation: (bytes) => bytes >= this.foldEveryBytes && this.folds.size === 0 && !folder.failure,
      onRotated: (boundary, first) => this.onRotated(boundary, first),
      warn: (msg) => log.warn(`store: ${msg}`),
    });
    // Reads outside write() must not change anything that the journal would not see.
    db.run('PRAGMA query_only = 1');
  }

  get schemaVersion(): number {
    return userVersion(this.db);
  }

  write<T>(fn: (tx: Tx) => T): Promise<T> {
    if (this.closing) return Promise.reject(new StoreError(`store ${this.dir} is closed`));
    if (this.journal.failure) return Promise.reject(this.journal.failure);
    if (this.tx) return Promise.reject(new StoreError('write() cannot be called inside another write() callback'));
    const tx = new TxImpl(this.db, () => this.lastInsertRowid());
    this.tx = tx;
    let result: T;
    let record: JournalRecord | null = null;
    let frame: Buffer | null = null;
    try {
      try {
        this.db.run('PRAGMA query_only = 0; BEGIN');
        result = fn(tx);
        if (result !== null && typeof (result as { then?: unknown })?.then === 'function') {
          throw new StoreError('the write() callback must be synchronous (it returned a promise); do async work before or after write()');
        }
        if (tx.aborted) throw tx.aborted;
        if (tx.statements.length > 0) {
          // Encoded before COMMIT: nothing may fail between the commit and handing the record over.
          record = { seq: this.lastSeq + 1, durableSeq: this.journal.durableSeq, statements: tx.statements };
          frame = encodeRecord(record);
        }
        this.db.run('COMMIT');
      } catch (e) {
        try {
          this.db.run('ROLLBACK');
        } catch {
          /* SQLite already rolled back */
        }
        return Promise.reject(e);
      }
    } finally {
      tx.closed = true;
      this.tx = null;
      this.db.run('PRAGMA query_only = 1');
    }
    if (!record || !frame) {
      // Read-only: nothing to journal, but keep the ordering promise with earlier writes.
      return this.journal.barrier().then(() => result);
    }
    this.lastSeq = record.seq;
    return this.journal.append(record, frame).then(() => result);
  }

  get seq(): number {
    return this.lastSeq;
  }

  all<T = Record<string, SqlValue>>(sql: string, params?: SqlValue[]): T[] {
    this.checkOpen();
    // Inside a write callback the store-level methods act on (and journal through) that transaction.
    if (this.tx) return this.tx.all<T>(sql, params);
    const p = checkParams(sql, params);
    checkNoTxControl(sql);
    return queryRows<T>(this.db, sql, p);
  }

  get<T = Record<string, SqlValue>>(sql: string, params?: SqlValue[]): T | undefined {
    return this.all<T>(sql, params)[0];
  }

  async foldNow(): Promise<void> {
    this.checkOpen();
    if (this.folder.failure) throw this.folder.failure;
    const boundary = await this.journal.rotate();
    const fold = this.folds.get(boundary);
    if (fold) await fold;
    else if (boundary > this.latestSnapshot()) throw new StoreError(`fold at seq ${boundary} did not start`);
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  async migrate(migrations: Migration[]): Promise<void> {
    const current = this.schemaVersion;
    const known = migrations.length;
    if (current > known) {
      throw new StoreError(
        `${this.dir}: the database schema is at version ${current} but only migrations up to ${known} are known; refusing to open it with older code`,
      );
    }
    for (const m of migrations.slice(current)) {
      try {
        await this.write((tx) => {
          tx.run(m.up);
          tx.run(`PRAGMA user_version = ${m.version}`);
        });
      } catch (e) {
        throw new StoreError(`${this.dir}: migration ${m.version} (${m.name}) failed: ${errorText(e)}`, { cause: e });
      }
      this.log.info?.(`store: applied migration ${m.version} (${m.name})`);
    }
  }

  /** Deletes snapshots older than the previous generation and the journal segments only they needed. */
  async cleanup(): Promise<void> {
    const keep = this.snapshots.slice(-2);
    const drop = this.snapshots.slice(0, -2);
    this.snapshots = keep;
    // Roll-forward base: the older kept snapshot; with a single snapshot the previous generation is
    // the empty database, which needs the whole journal.
    const base = keep.length === 2 ? keep[0] : 0;
    const segments: string[] = [];
    while (this.segments.length > 1 && this.segments[1] - 1 <= base) {
      segments.push(path.join(this.dir, segmentName(this.segments.shift()!)));
    }
    await this.folder.recycle(drop.map((s) => path.join(this.dir, snapshotName(s))));
    await this.folder.delete(segments);
  }

  private onRotated(boundary: number, newSegment: number | null): void {
    if (newSegment !== null) this.segments.push(newSegment);
    if (boundary <= this.latestSnapshot() || this.folds.has(boundary) || this.folder.failure) return;
    const fold = this.folder.fold(boundary).then(
      async ({ bytes, ms }) => {
        this.snapshots.push(boundary);
        this.log.info?.(`store: folded journal into ${snapshotName(boundary)} (${bytes} bytes, ${ms} ms)`);
        await this.cleanup();
      },
      (e: Error) => {
        this.log.warn(`store: ${e.message}`);
        throw e;
      },
    );
    fold.catch(() => {}); // auto folds are fire-and-forget; foldNow() awaits and sees the error
    this.folds.set(boundary, fold);
    void fold.finally(() => this.folds.delete(boundary)).catch(() => {});
  }

  private latestSnapshot(): number {
    return this.snapshots.length > 0 ? this.snapshots[this.snapshots.length - 1] : 0;
  }

  private lastInsertRowid(): number {
    const s = this.lastIdStmt;
    s.step();
    const id = Number(s.get()[0]);
    s.reset();
    return id;
  }

  private checkOpen(): void {
    if (this.closing) throw new StoreError(`store ${this.dir} is closed`);
  }

  private async shutdown(): Promise<void> {
    await this.journal.drain(); // queued commits and rotations (which may start a fold)
    await Promise.allSettled([...this.folds.values()]);
    await this.folder.close();
    await this.journal.close();
    this.lastIdStmt.free();
    this.db.close();
    this.releaseLock();
  }
}

export async function openStore(opts: StoreOptions): Promise<Store> {
  return openStoreImpl(opts);
}

/** openStore with internals exposed to tests and the benchmark. */
export async function openStoreImpl(opts: InternalStoreOptions): Promise<StoreImpl> {
  const log = opts.log ?? console;
  const foldEveryBytes = opts.foldEveryBytes ?? DEFAULT_FOLD_EVERY_BYTES;
  if (!(foldEveryBytes > 0)) throw new StoreError(`foldEveryBytes must be positive, got ${foldEveryBytes}`);
  if (typeof opts.dir !== 'string' || opts.dir === '') throw new StoreError('dir must be a non-empty path');
  const migrations = validateMigrations(opts.migrations);
  const dir = path.resolve(opts.dir);
  ensureDirSync(dir);
  tightenDirSync(dir, (msg) => log.warn(`store: ${msg}`));
  const releaseLock = acquireLock(dir);
  let folder: FoldWorker | null = null;
  let store: StoreImpl | null = null;
  // Keeps the event loop alive while opening. Without a live handle Node drains V8's background
  // tasks between loop turns, which here means waiting for the wasm tier-up compilations and
  // delays the worker's 'ready' message by a few hundred ms in a process with nothing else to do.
  const keepAlive = setInterval(() => {}, 1 << 30);
  try {
    const SQL = await loadSqlJs();
    // Started first so the worker loads sql.js while this thread reads and replays the journal.
    folder = new FoldWorker(dir, log, opts.foldTuning ?? DEFAULT_FOLD_TUNING);
    const r = recover(dir, SQL, log);
    folder.load(r.snapshotFile, SNAPSHOT_HEADER, r.snapshotSeq);
    folder.apply(r.replayed);
    store = new StoreImpl(dir, r.db, log, folder, foldEveryBytes, r.snapshots, r.segments, r.lastSeq, r.tailFd, r.tailSize, releaseLock);
    await folder.ready;
    await store.migrate(migrations);
    await store.cleanup();
    return store;
  } catch (e) {
    if (store) await store.close().catch(() => {});
    else {
      await folder?.close().catch(() => {});
      releaseLock();
    }
    throw e;
  } finally {
    clearInterval(keepAlive);
  }
}
