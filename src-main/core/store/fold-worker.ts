import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { JournalRecord } from './codec';
import { FOLD_WORKER_SOURCE } from './fold-worker-source';
import { CONNECTION_SETUP, sqlJsLocation } from './sqlite';
import { StoreError } from './types';

export interface FoldTuning {
  /** Size of each write() of the snapshot image. */
  chunkBytes: number;
  /** fdatasync the snapshot after this many bytes, so dirty pages never pile up behind the journal. */
  syncEveryBytes: number;
  /** Sleep after each periodic fdatasync and each deletion step; 0 only yields to the message queue. */
  pauseMs: number;
  /** Files are deleted by truncating them this much at a time (see fold-worker-source.ts). */
  deleteStepBytes: number;
  /** Sleep between deletion steps. */
  deletePauseMs: number;
}

export const DEFAULT_FOLD_TUNING: FoldTuning = { chunkBytes: 1 << 20, syncEveryBytes: 4 << 20, pauseMs: 2, deleteStepBytes: 4 << 20, deletePauseMs: 5 };

const APPLY_BATCH = 1000;
const APPLY_DELAY_MS = 20;

export interface FoldResult {
  bytes: number;
  ms: number;
}

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'folded'; seq: number; bytes: number; ms: number }
  | { type: 'fold-failed'; seq: number; error: string }
  | { type: 'warn'; message: string }
  | { type: 'fatal'; error: string }
  | { type: 'closed' };

interface Waiter<T> {
  resolve(v: T): void;
  reject(e: Error): void;
}

/** Main-thread handle of the fold worker (see fold-worker-source.ts for the protocol). */
export class FoldWorker {
  /** Set once the worker can no longer fold; the journal then just keeps growing. */
  failure: StoreError | null = null;
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private readonly folds = new Map<number, Waiter<FoldResult>>();
  private readyWaiter!: Waiter<void>;
  private readonly exited: Promise<void>;
  private closing = false;
  private pending: Array<{ seq: number; statements: JournalRecord['statements'] }> = [];
  private applyTimer: NodeJS.Timeout | null = null;

  constructor(
    dir: string,
    private readonly log: { warn(msg: string): void },
    tuning: FoldTuning = DEFAULT_FOLD_TUNING,
  ) {
    this.ready = new Promise<void>((resolve, reject) => (this.readyWaiter = { resolve, reject }));
    this.ready.catch(() => {}); // observed by openStore; avoid an unhandled rejection meanwhile
    const loc = sqlJsLocation();
    this.worker = new Worker(FOLD_WORKER_SOURCE, {
      eval: true,
      workerData: { dir, sqlJsEntry: loc.entry, sqlJsDist: loc.distDir, connectionSetup: CONNECTION_SETUP, ...tuning },
    });
    // Only start-up, a pending fold or close keeps the process alive; an idle store must not.
    this.worker.on('message', (m: WorkerMessage) => this.onMessage(m));
    this.worker.on('error', (e) => this.fail(`fold worker crashed: ${e.message}`));
    this.exited = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        if (!this.closing) this.fail(`fold worker exited unexpectedly (code ${code})`);
        resolve();
      }),
    );
  }

  /** Loads the replica from a snapshot file whose SQLite image starts at imageOffset (or empty). */
  load(file: Buffer | null, imageOffset: number, seq: number): void {
    if (!file) {
      this.worker.postMessage({ type: 'load', file: null, offset: 0, length: 0, seq });
      return;
    }
    // The main thread has copied the image into its own database: hand the buffer over without a
    // copy when it is not a slice of Node's shared pool.
    const whole = file.byteOffset === 0 && file.byteLength === file.buffer.byteLength;
    const ab = (whole ? file.buffer : file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength)) as ArrayBuffer;
    const length = file.byteLength - imageOffset;
    this.worker.postMessage({ type: 'load', file: ab, offset: imageOffset, length, seq }, [ab]);
  }

  /**
   * Forwards durable transactions, in sequence order. They are batched (one structured clone per
   * APPLY_BATCH records or APPLY_DELAY_MS) because a message per commit costs the main thread more
   * than the commit's own SQL; fold() flushes first, so the replica is exact when it matters.
   */
  apply(records: JournalRecord[]): void {
    if (this.failure) return;
    for (const r of records) this.pending.push({ seq: r.seq, statements: r.statements });
    if (this.pending.length >= APPLY_BATCH) this.flushApply();
    else if (!this.applyTimer && this.pending.length > 0) {
      this.applyTimer = setTimeout(() => this.flushApply(), APPLY_DELAY_MS);
      this.applyTimer.unref();
    }
  }

  private flushApply(): void {
    if (this.applyTimer) clearTimeout(this.applyTimer);
    this.applyTimer = null;
    if (this.pending.length === 0 || this.failure) return;
    this.worker.postMessage({ type: 'apply', records: this.pending });
    this.pending = [];
  }

  /** Must be called when the replica has been sent exactly the transactions up to seq. */
  fold(seq: number): Promise<FoldResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<FoldResult>((resolve, reject) => {
      this.folds.set(seq, { resolve, reject });
      this.flushApply();
      this.worker.ref();
      this.worker.postMessage({ type: 'fold', seq });
    });
  }

  /** Deletes files after any snapshot being written, gradually (or right here if the worker is gone). */
  async delete(files: string[]): Promise<void> {
    if (files.length === 0) return;
    if (!this.failure && !this.closing) {
      this.worker.postMessage({ type: 'delete', files });
      return;
    }
    await Promise.all(files.map((f) => fs.promises.rm(f, { force: true }).catch((e: Error) => this.log.warn(`store: could not delete ${f}: ${e.message}`))));
  }

  /** Snapshots that left retention: the worker keeps one as spare.snap for the next fold to overwrite. */
  async recycle(files: string[]): Promise<void> {
    if (files.length === 0) return;
    if (!this.failure && !this.closing) this.worker.postMessage({ type: 'recycle', files });
    else await this.delete(files);
  }

  async close(): Promise<void> {
    this.flushApply();
    this.closing = true;
    this.worker.ref();
    if (this.failure) await this.worker.terminate();
    else {
      this.worker.postMessage({ type: 'close' });
      // A healthy worker answers quickly; a wedged one must not hang close() forever.
      const timer = setTimeout(() => void this.worker.terminate(), 60_000);
      await this.exited;
      clearTimeout(timer);
    }
    await this.exited;
  }

  private onMessage(m: WorkerMessage): void {
    switch (m.type) {
      case 'ready':
        if (this.folds.size === 0 && !this.closing) this.worker.unref();
        this.readyWaiter.resolve();
        break;
      case 'folded':
      case 'fold-failed': {
        const w = this.folds.get(m.seq);
        this.folds.delete(m.seq);
        if (this.folds.size === 0 && !this.closing) this.worker.unref();
        if (m.type === 'folded') w?.resolve({ bytes: m.bytes, ms: m.ms });
        else w?.reject(new StoreError(`fold to snapshot seq ${m.seq} failed: ${m.error}`));
        break;
      }
      case 'warn':
        this.log.warn(`store: ${m.message}`);
        break;
      case 'fatal':
        this.fail(m.error);
        break;
      case 'closed':
        break;
    }
  }

  private fail(msg: string): void {
    if (this.failure) return;
    this.failure = new StoreError(`${msg}; background snapshots are disabled until the store is reopened`);
    if (!this.closing) this.log.warn(`store: ${this.failure.message}`);
    this.readyWaiter.reject(this.failure);
    for (const w of this.folds.values()) w.reject(this.failure);
    this.folds.clear();
    if (!this.closing) this.worker.unref();
  }
}
