import { StmtMode, type JournalStatement } from './codec';
import { errorText, execStatement, queryRows, type Database } from './sqlite';
import { StoreError, type RunResult, type SqlValue, type Tx } from './types';

const LEADING_NOISE = /^(?:\s+|--[^\n]*(?:\n|$)|\/\*[\s\S]*?(?:\*\/|$))*/;

function leadingKeyword(sql: string): string {
  const m = /^[A-Za-z]+/.exec(sql.replace(LEADING_NOISE, ''));
  return m ? m[0].toUpperCase() : '';
}

/** The store owns transaction boundaries; statements that move them would desync the journal. */
const TX_CONTROL = new Set(['BEGIN', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE']);
/** Statements that cannot change the database, so tx.all/get need not journal them. */
const PURE_READ = new Set(['SELECT', 'VALUES', 'EXPLAIN']);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** String.prototype.isWellFormed is ES2024; fall back to a regex where the lib or runtime lacks it. */
function wellFormed(s: string): boolean {
  const native = (s as unknown as { isWellFormed?: () => boolean }).isWellFormed;
  return native ? native.call(s) : !LONE_SURROGATE.test(s);
}

export function checkNoTxControl(sql: string): void {
  const kw = leadingKeyword(sql);
  if (TX_CONTROL.has(kw)) throw new StoreError(`${kw} is not allowed: the store manages transactions (use write())`);
}

/** Validates params against SqlValue and copies blobs, whose bytes must not change before they are journaled. */
export function checkParams(sql: string, params: readonly SqlValue[] | undefined): SqlValue[] {
  if (typeof sql !== 'string') throw new StoreError(`SQL must be a string, got ${typeof sql}`);
  if (!wellFormed(sql)) throw new StoreError('SQL text contains a lone UTF-16 surrogate');
  if (params === undefined) return [];
  if (!Array.isArray(params)) throw new StoreError('params must be an array of string | number | null | Uint8Array');
  const out: SqlValue[] = new Array<SqlValue>(params.length);
  for (let i = 0; i < params.length; i++) {
    const p: unknown = params[i];
    if (p === null || typeof p === 'number') out[i] = p;
    else if (typeof p === 'string') {
      // Lone surrogates would be encoded differently by sql.js and by the journal's UTF-8.
      if (!wellFormed(p)) throw new StoreError(`param ${i + 1} contains a lone UTF-16 surrogate`);
      out[i] = p;
    } else if (p instanceof Uint8Array) out[i] = p.slice();
    else throw new StoreError(`param ${i + 1} has unsupported type ${p === undefined ? 'undefined' : typeof p} (use string, number, null or Uint8Array)`);
  }
  return out;
}

/**
 * Runs statements without params through sqlite3_prepare one at a time (so each can be checked for
 * transaction control) inside a savepoint, so a failure half-way leaves nothing behind. On success
 * this has exactly the effect of sqlite3_exec, which replay uses.
 */
function execChecked(db: Database, sql: string): void {
  db.run('SAVEPOINT store_stmt');
  const it = db.iterateStatements(sql);
  try {
    for (let r = it.next(); !r.done; r = it.next()) {
      checkNoTxControl(r.value.getSQL());
      while (r.value.step()) {
        /* discard rows */
      }
    }
    db.run('RELEASE store_stmt');
  } catch (e) {
    try {
      while (!it.next().done) {
        /* frees the active statement and the iterator's copy of the SQL */
      }
    } catch {
      /* a later statement that does not parse: the iterator has already cleaned up */
    }
    try {
      db.run('ROLLBACK TO store_stmt');
      db.run('RELEASE store_stmt');
    } catch {
      /* SQLite already rolled back the whole transaction; TxImpl detects that */
    }
    throw e;
  }
}

/** One write transaction: executes statements on the primary and records what must be journaled. */
export class TxImpl implements Tx {
  readonly statements: JournalStatement[] = [];
  /** Set when SQLite itself rolled back the transaction (e.g. an OR ROLLBACK conflict). */
  aborted: StoreError | null = null;
  closed = false;

  constructor(
    private readonly db: Database,
    private readonly lastInsertRowid: () => number,
  ) {}

  run(sql: string, params?: SqlValue[]): RunResult {
    this.check();
    const p = checkParams(sql, params);
    const st: JournalStatement = { mode: p.length > 0 ? StmtMode.Prepared : StmtMode.Exec, sql, params: p };
    this.guard(() => {
      if (st.mode === StmtMode.Exec) execChecked(this.db, sql);
      else {
        checkNoTxControl(sql);
        execStatement(this.db, st);
      }
    });
    this.statements.push(st);
    return { changes: this.db.getRowsModified(), lastInsertRowid: this.lastInsertRowid() };
  }

  all<T = Record<string, SqlValue>>(sql: string, params?: SqlValue[]): T[] {
    this.check();
    const p = checkParams(sql, params);
    checkNoTxControl(sql);
    const rows = this.guard(() => queryRows<T>(this.db, sql, p));
    // INSERT ... RETURNING, PRAGMA x = y and the like change the database: journal them.
    if (!PURE_READ.has(leadingKeyword(sql))) this.statements.push({ mode: StmtMode.Prepared, sql, params: p });
    return rows;
  }

  get<T = Record<string, SqlValue>>(sql: string, params?: SqlValue[]): T | undefined {
    return this.all<T>(sql, params)[0];
  }

  private check(): void {
    if (this.closed) throw new StoreError('this transaction is finished; use the tx only inside its write() callback');
    if (this.aborted) throw this.aborted;
  }

  /**
   * A failed statement normally undoes only itself and the transaction goes on (callers may catch
   * and continue). Some errors make SQLite roll back the whole transaction; probe for that with
   * BEGIN, which fails while our transaction is still open.
   */
  private guard<R>(fn: () => R): R {
    try {
      return fn();
    } catch (e) {
      let stillOpen = false;
      try {
        this.db.run('BEGIN');
      } catch {
        stillOpen = true;
      }
      if (!stillOpen) {
        this.aborted = new StoreError(`SQLite rolled back the whole transaction after: ${errorText(e)}`, { cause: e });
      }
      throw e instanceof Error ? e : new StoreError(errorText(e));
    }
  }
}
