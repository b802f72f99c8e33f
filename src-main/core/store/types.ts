/** Values that can be bound as parameters and read back from the store. */
export type SqlValue = string | number | null | Uint8Array;

/** One numbered schema step. `up` may hold several statements; it runs inside a journaled transaction. */
export interface Migration {
  version: number;
  name: string;
  up: string;
}

export interface StoreLog {
  warn(msg: string): void;
  info?(msg: string): void;
}

export interface StoreOptions {
  /** Data directory (created if missing). */
  dir: string;
  /** Numbered 1..n, applied in order on open; the current version lives in PRAGMA user_version. */
  migrations: Migration[];
  /** Defaults to console. */
  log?: StoreLog;
  /** Journal segment size that triggers a background snapshot fold. */
  foldEveryBytes?: number;
}

export interface RunResult {
  changes: number;
  lastInsertRowid: number;
}

/** Handed to a write transaction. */
export interface Tx {
  run(sql: string, params?: SqlValue[]): RunResult;
  all<T = Record<string, SqlValue>>(sql: string, params?: SqlValue[]): T[];
  get<T = Record<string, SqlValue>>(sql: string, params?: SqlValue[]): T | undefined;
}

export interface Store {
  /**
   * Runs fn inside BEGIN/COMMIT on the in-memory sql.js db; if fn throws, ROLLBACK and nothing is
   * journaled and the promise rejects with that error. The returned promise resolves with fn's
   * return value only after the transaction's journal record is fdatasync'd.
   *
   * fn must be synchronous and deterministic: the journal is a logical redo log that replays the
   * same statements with the same params, so pass timestamps and ids as params instead of using
   * random(), randomblob(), CURRENT_TIMESTAMP, datetime('now') and the like, and do not rely on
   * the row order of queries without ORDER BY inside writes.
   */
  write<T>(fn: (tx: Tx) => T): Promise<T>;
  /**
   * Sequence number of the last write applied to the in-memory database (durable or about to be):
   * what a reader computed from the data stays true until it changes.
   */
  readonly seq: number;
  all<T = Record<string, SqlValue>>(sql: string, params?: SqlValue[]): T[];
  get<T = Record<string, SqlValue>>(sql: string, params?: SqlValue[]): T | undefined;
  readonly schemaVersion: number;
  /** Waits for any in-flight fold, fsyncs, closes files and stops the worker. */
  close(): Promise<void>;
  /** For tests/bench: forces a fold now and resolves when the new snapshot is durable. */
  foldNow(): Promise<void>;
}

/** Every failure the store raises on purpose; messages name the file and the problem. */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}
