import { createRequire } from 'node:module';
import path from 'node:path';
import initSqlJs from 'sql.js';
import type { Database, SqlJsStatic } from 'sql.js';
import { StmtMode, type JournalStatement } from './codec';
import type { SqlValue } from './types';

export type { Database, SqlJsStatic };

// createRequire keeps working when the module is bundled: sql.js stays an external dependency
// and both its JS and its .wasm are found in node_modules next to the running code.
const localRequire = createRequire(import.meta.url);

export interface SqlJsLocation {
  /** Absolute path of sql.js's Node entry (dist/sql-wasm.js), for the fold worker's require(). */
  entry: string;
  /** Directory holding sql-wasm.wasm. */
  distDir: string;
}

let location: SqlJsLocation | undefined;
export function sqlJsLocation(): SqlJsLocation {
  if (!location) {
    const entry = localRequire.resolve('sql.js');
    location = { entry, distDir: path.dirname(localRequire.resolve('sql.js/dist/sql-wasm.wasm')) };
  }
  return location;
}

let loading: Promise<SqlJsStatic> | undefined;
/** One wasm instance per thread is enough; each Database is independent. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= initSqlJs({ locateFile: (f: string) => path.join(sqlJsLocation().distDir, f) });
  return loading;
}

/**
 * Settings applied to every connection the store opens (primary, replay, fold replica), so that
 * replaying the same statements gives the same result everywhere. Connection-level pragmas are
 * not journaled (foreign_keys is a no-op inside a transaction anyway), so they live here.
 * The database file lives in sql.js's in-memory filesystem and durability comes from our own
 * journal, so SQLite's rollback journal is kept in memory too (the default creates and deletes a
 * -journal file in MEMFS on every commit), and the single connection keeps its lock (otherwise
 * every transaction probes MEMFS for a hot journal, which costs a thrown JS exception each time).
 */
export const CONNECTION_SETUP =
  'PRAGMA foreign_keys = ON; PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA temp_store = MEMORY; PRAGMA locking_mode = EXCLUSIVE;';

/**
 * Executes one journaled statement. The fold worker has a copy of this logic in
 * fold-worker-source.ts (applyStatement): the two must stay identical.
 */
export function execStatement(db: Database, st: JournalStatement): void {
  if (st.mode === StmtMode.Exec) {
    db.run(st.sql);
    return;
  }
  const stmt = db.prepare(st.sql);
  try {
    stmt.bind(st.params as never);
    while (stmt.step()) {
      /* run to completion: RETURNING rows are discarded */
    }
  } finally {
    stmt.free();
  }
}

/** Runs a single prepared statement and collects its rows as objects. */
export function queryRows<T>(db: Database, sql: string, params: readonly SqlValue[]): T[] {
  const stmt = db.prepare(sql);
  try {
    if (params.length > 0) stmt.bind(params as never);
    const rows: T[] = [];
    while (stmt.step()) rows.push(stmt.getAsObject() as T);
    return rows;
  } finally {
    stmt.free();
  }
}

export function userVersion(db: Database): number {
  const res = db.exec('PRAGMA user_version');
  return Number(res[0]?.values[0]?.[0] ?? 0);
}

/** The error text sql.js throws is sometimes a bare string; normalise for messages. */
export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
