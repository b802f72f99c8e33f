// Sessions of signed-in people. A session id is 32 random bytes (base64url) given to the client
// once; the store keeps only its sha256, so a copy of the data folder signs nobody in. A session
// ends after `idleMs` unused (renewed on use) or at the end of the shift it was started in,
// whichever is later (a console on duty stays signed in across its shift), or at sign-out. They
// are kept in the store, so they survive a restart; in memory for the per-call lookup.
import { createHash, randomBytes } from 'node:crypto';
import type { Log } from '../capability';
import type { Role } from '../contract/rights';
import type { Store, Tx } from '../store';

export const DEFAULT_SESSION_IDLE_MS = 12 * 60 * 60 * 1000;

export interface SessionRecord {
  personId: string;
  /** The person's duty role when they signed in. */
  role: Role;
  startedAt: number;
  expiresAt: number;
}

interface Row {
  id_hash: string;
  person_id: string;
  role: Role;
  started_at: number;
  expires_at: number;
}

const digest = (sessionId: string): string => createHash('sha256').update(sessionId).digest('base64url');

export class SessionService {
  private readonly live = new Map<string, SessionRecord & { storedExpiry: number }>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly idleMs: number,
    private readonly log: Log,
  ) {
    for (const r of store.all<Row>('SELECT id_hash, person_id, role, started_at, expires_at FROM auth_session')) {
      this.live.set(r.id_hash, { personId: r.person_id, role: r.role, startedAt: r.started_at, expiresAt: r.expires_at, storedExpiry: r.expires_at });
    }
  }

  /** The end of the shift the person is on now, if any (a session started in it lasts through it). */
  private shiftEnd(db: Pick<Tx, 'get'>, personId: string, at: number): number {
    const r = db.get<{ end_at: number | null }>('SELECT MAX(end_at) AS end_at FROM duty_shift WHERE person_id = ? AND start_at <= ? AND end_at > ?', [
      personId,
      at,
      at,
    ]);
    return r?.end_at ?? 0;
  }

  private expiryFrom(db: Pick<Tx, 'get'>, personId: string, at: number): number {
    return Math.max(at + this.idleMs, this.shiftEnd(db, personId, at));
  }

  /** Starts a session inside the sign-in's transaction; returns its id (only the caller ever sees it). */
  start(tx: Tx, personId: string, role: Role): { sessionId: string; expiresAt: number } {
    const at = this.now();
    const sessionId = randomBytes(32).toString('base64url');
    const expiresAt = this.expiryFrom(tx, personId, at);
    const hash = digest(sessionId);
    // Ended sessions go as new ones start: the table holds live sessions only.
    tx.run('DELETE FROM auth_session WHERE expires_at <= ?', [at]);
    tx.run('INSERT INTO auth_session (id_hash, person_id, role, started_at, used_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [
      hash,
      personId,
      role,
      at,
      at,
      expiresAt,
    ]);
    return { sessionId, expiresAt };
  }

  /** After the sign-in's transaction is durable: the session is usable. */
  started(sessionId: string, personId: string, role: Role, expiresAt: number): void {
    const at = this.now();
    for (const [k, s] of this.live) if (s.expiresAt <= at) this.live.delete(k);
    this.live.set(digest(sessionId), { personId, role, startedAt: at, expiresAt, storedExpiry: expiresAt });
  }

  /**
   * The live session, renewed by this use; null when it is unknown, ended or expired. The renewal
   * is written to the store only when it moves the stored end by more than a twentieth of the idle
   * time, so a busy console does not write on every call.
   */
  use(sessionId: string): SessionRecord | null {
    const key = digest(sessionId);
    const s = this.live.get(key);
    if (!s) return null;
    const at = this.now();
    if (s.expiresAt <= at) {
      this.live.delete(key);
      return null;
    }
    const renewed = Math.max(s.expiresAt, at + this.idleMs);
    s.expiresAt = renewed;
    if (renewed - s.storedExpiry > this.idleMs / 20) {
      s.storedExpiry = renewed;
      this.store
        .write((tx) => tx.run('UPDATE auth_session SET used_at = ?, expires_at = ? WHERE id_hash = ?', [at, renewed, key]))
        .catch((err: unknown) => this.log.warn(`[identity] could not record a session's renewal: ${String(err)}`));
    }
    return { personId: s.personId, role: s.role, startedAt: s.startedAt, expiresAt: s.expiresAt };
  }

  /** Reads a session without renewing it. */
  peek(sessionId: string): SessionRecord | null {
    const s = this.live.get(digest(sessionId));
    return s && s.expiresAt > this.now() ? { personId: s.personId, role: s.role, startedAt: s.startedAt, expiresAt: s.expiresAt } : null;
  }

  /** Ends a session (sign-out); true if it was live. */
  async end(sessionId: string): Promise<boolean> {
    const key = digest(sessionId);
    const had = this.live.delete(key);
    await this.store.write((tx) => tx.run('DELETE FROM auth_session WHERE id_hash = ?', [key]));
    return had;
  }

  /** Ends every session of a person (their password was changed by someone else, or they retired). */
  endFor(tx: Tx, personId: string): void {
    tx.run('DELETE FROM auth_session WHERE person_id = ?', [personId]);
  }

  /** After endFor's transaction is durable. */
  endedFor(personId: string): void {
    for (const [k, s] of this.live) if (s.personId === personId) this.live.delete(k);
  }
}
