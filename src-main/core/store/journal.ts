import fs from 'node:fs';
import path from 'node:path';
import type { JournalRecord } from './codec';
import { FILE_MODE, fdatasync, fsyncDir, segmentName, writeFully } from './files';
import { StoreError } from './types';

/** Writes of one group commit acknowledged per turn of the event loop. */
const RESOLVE_PER_TURN = 8;

export interface JournalHooks {
  /** Called after each fdatasync'd batch with its records, in sequence order. */
  onDurable(records: JournalRecord[]): void;
  /** Asked after each batch: close the current segment and fold it now? */
  wantsRotation(segmentBytes: number): boolean;
  /**
   * Called synchronously right after a rotation (or a rotation request that found the segment
   * empty): every record <= boundary is durable and has been passed to onDurable, none after it.
   */
  onRotated(boundary: number, newSegmentFirstSeq: number | null): void;
  warn(msg: string): void;
}

interface Entry {
  /** null for a barrier: resolves once everything queued before it is durable. */
  record: JournalRecord | null;
  frame: Buffer | null;
  resolve(): void;
  reject(e: Error): void;
}

/**
 * Append side of the journal with group commit: write() calls that arrive while an fdatasync is in
 * flight are queued and written together by the next write + fdatasync. Everything (flushes and
 * segment rotations) runs in one loop, so file operations never overlap.
 */
export class JournalWriter {
  failure: StoreError | null = null;
  private queue: Entry[] = [];
  private rotations: Array<{ resolve(b: number): void; reject(e: Error): void }> = [];
  private running = false;
  private idleWaiters: Array<() => void> = [];
  private retryRotationAt = 0;
  /** Directory fsync making a freshly created segment durable; awaited by that segment's first flush. */
  private dirSync: Promise<Error | null> | null = null;

  constructor(
    private readonly dir: string,
    private fd: number,
    private segmentFirstSeq: number,
    private size: number,
    /** Highest sequence number known to be on disk. */
    public durableSeq: number,
    private readonly hooks: JournalHooks,
  ) {}

  get file(): string {
    return path.join(this.dir, segmentName(this.segmentFirstSeq));
  }

  /** Queues an encoded record; resolves once it is fdatasync'd. */
  append(record: JournalRecord, frame: Buffer): Promise<void> {
    return this.enqueue(record, frame);
  }

  /** Resolves once everything appended so far is durable. */
  barrier(): Promise<void> {
    if (!this.running && this.queue.length === 0) return this.failure ? Promise.reject(this.failure) : Promise.resolve();
    return this.enqueue(null, null);
  }

  /** Flushes what is queued, closes the segment and starts a new one; resolves with the boundary seq. */
  rotate(): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.rotations.push({ resolve, reject });
      this.kick();
    });
  }

  /** Resolves once every queued flush and rotation has finished (or failed). */
  drain(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  async close(): Promise<void> {
    await this.drain();
    const pending = this.dirSync;
    this.dirSync = null;
    if (pending) await pending;
    await new Promise<void>((resolve) => fs.close(this.fd, () => resolve()));
  }

  private enqueue(record: JournalRecord | null, frame: Buffer | null): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ record, frame, resolve, reject });
      this.kick();
    });
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    void this.loop();
  }

  private async loop(): Promise<void> {
    try {
      for (;;) {
        if (this.queue.length > 0) {
          await this.flush(this.queue.splice(0));
          if (this.size >= this.retryRotationAt && this.hooks.wantsRotation(this.size)) {
            // A failed rotation leaves the current segment in use: commits are unaffected. Retry
            // once the segment has doubled rather than on every commit.
            await this.rotateNow().catch((e: Error) => {
              this.retryRotationAt = this.size * 2;
              this.hooks.warn(`could not start a new journal segment: ${e.message}`);
            });
          }
        } else if (this.rotations.length > 0) {
          const waiters = this.rotations.splice(0);
          await this.rotateNow().then(
            (boundary) => waiters.forEach((w) => w.resolve(boundary)),
            (e: Error) => waiters.forEach((w) => w.reject(new StoreError(`could not start a new journal segment: ${e.message}`, { cause: e }))),
          );
        } else break;
      }
    } catch (e) {
      this.fail(e);
    } finally {
      this.running = false;
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  private async flush(batch: Entry[]): Promise<void> {
    const records: JournalRecord[] = [];
    const frames: Buffer[] = [];
    for (const e of batch) {
      if (e.record && e.frame) {
        records.push(e.record);
        frames.push(e.frame);
      }
    }
    try {
      if (frames.length > 0) {
        const buf = frames.length === 1 ? frames[0] : Buffer.concat(frames);
        await writeFully(this.fd, buf, this.size);
        this.size += buf.length;
        const dirSync = this.dirSync;
        this.dirSync = null;
        const [, dirErr] = await Promise.all([fdatasync(this.fd), dirSync]);
        if (dirErr) throw dirErr;
        this.durableSeq = records[records.length - 1].seq;
        this.hooks.onDurable(records);
      }
    } catch (e) {
      // Leave the batch for fail() to reject along with everything queued behind it.
      this.queue.unshift(...batch);
      throw e;
    }
    // Each acknowledged write goes on to build its reply and its events; a group of hundreds
    // resolved at once would hold the event loop for all of them. A slice at a time, with other
    // sockets and timers served in between.
    for (let i = 0; i < batch.length; i += RESOLVE_PER_TURN) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      for (const e of batch.slice(i, i + RESOLVE_PER_TURN)) e.resolve();
    }
  }

  private async rotateNow(): Promise<number> {
    const boundary = this.durableSeq;
    if (this.size === 0) {
      // Nothing to close: the current segment already starts right after the boundary.
      this.hooks.onRotated(boundary, null);
      return boundary;
    }
    const first = boundary + 1;
    const fd = await new Promise<number>((resolve, reject) =>
      fs.open(path.join(this.dir, segmentName(first)), 'wx', FILE_MODE, (err, n) => (err ? reject(err) : resolve(n))),
    );
    const old = this.fd;
    this.fd = fd;
    this.segmentFirstSeq = first;
    this.size = 0;
    this.retryRotationAt = 0;
    // Not awaited here: the next flush waits for it together with its own fdatasync.
    this.dirSync = fsyncDir(this.dir).then(
      () => null,
      (e: Error) => e,
    );
    this.hooks.onRotated(boundary, first);
    // The old segment was fdatasync'd by the last flush.
    await new Promise<void>((resolve) => fs.close(old, () => resolve()));
    return boundary;
  }

  private fail(e: unknown): void {
    const err =
      e instanceof StoreError
        ? e
        : new StoreError(
            `journal ${this.file}: write/fdatasync failed (${(e as Error).message}); transactions not yet acknowledged may be lost and the store accepts no more writes: reopen it`,
            { cause: e },
          );
    this.failure = err;
    for (const q of this.queue.splice(0)) q.reject(err);
    for (const r of this.rotations.splice(0)) r.reject(err);
  }
}
