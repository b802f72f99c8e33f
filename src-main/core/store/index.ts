/**
 * Durable embedded store: an in-memory sql.js database made durable by an append-only journal of
 * committed transactions (logical redo log, group-committed with fdatasync) that a worker thread
 * folds into snapshot files in the background. See store.ts for the write path, recovery.ts for
 * opening, fold-worker-source.ts for snapshots, and codec.ts / snapshot.ts for the file formats.
 *
 * Statements are replayed on open, so they must be deterministic: pass timestamps and ids as
 * params rather than using random(), CURRENT_TIMESTAMP, datetime('now') and the like.
 */
export type { Migration, RunResult, SqlValue, Store, StoreLog, StoreOptions, Tx } from './types';
export { StoreError } from './types';
export { openStore } from './store';
