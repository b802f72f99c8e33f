// Enrolled machines (issue 14): a wall display, a console PC or a street centre's machine gets its
// own credential with a one-time code an administrator issues, and can be revoked.
//
// - An enrolment code is 8 characters of Crockford's base32 (no I, L, O, U: what is read off a
//   screen is typed back without doubt; I/L read as 1 and O as 0), shown as K7QF-3MZD. Single use,
//   valid ENROL_CODE_MS, kept only as its sha256 (40 random bits, useless once spent or expired;
//   guessing is slowed per address by the lockout the sign-in uses).
// - A machine credential is `cwm.<machine id>.<32 random bytes, base64url>`, returned once; the
//   hub keeps the sha256 of the secret part (random, so a plain hash is enough: there is nothing
//   to guess) and compares in constant time. The id in front lets the hub find the row at once.
// - The machines are in memory too: the hub checks a credential on every request and the machine
//   of a socket on every call, without SQL. Last seen and the address are kept in memory on every
//   use and written at most once a minute per machine.
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Log } from '../capability';
import type { CallContext } from '../contract/define';
import { RefusedError } from '../contract/errors';
import type { EnrolCodeIssued, Enrolled, Machine, MachineKind } from '../contract/identity';
import type { EventBus } from '../events';
import type { Store } from '../store';
import { Lockout } from './lockout';
import { unauthorized } from './refusals';

export const ENROL_CODE_MS = 15 * 60_000;
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CREDENTIAL_PREFIX = 'cwm.';
/** Last seen is written to the store at most this often per machine. */
const SEEN_WRITE_MS = 60_000;

interface Row {
  id: string;
  kind: MachineKind;
  street: string | null;
  name: string;
  secret_hash: string;
  enrolled_at: number;
  last_seen_at: number | null;
  last_address: string | null;
  revoked_at: number | null;
}

interface Live extends Row {
  /** When last_seen_at was last written. */
  storedSeenAt: number;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The code as typed, in the form that is hashed: upper case, no dash or space, I/L → 1, O → 0. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[-\s]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

/** A new code of 8 characters of the alphabet, shown as K7QF-3MZD (enrolment and one-time password codes). */
export function newCode(): string {
  let s = '';
  for (let i = 0; i < 8; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/** The machine id a credential names, or null when it is not a machine credential. */
export function machineIdOf(credential: string): string | null {
  if (!credential.startsWith(CREDENTIAL_PREFIX)) return null;
  const rest = credential.slice(CREDENTIAL_PREFIX.length);
  const dot = rest.indexOf('.');
  return dot > 0 ? rest.slice(0, dot) : null;
}

/** Whether a presented token has the shape of a machine credential (the hub tells it from the bootstrap token by this). */
export const isMachineCredential = (token: string): boolean => machineIdOf(token) !== null;

function view(r: Row): Machine {
  return {
    id: r.id,
    kind: r.kind,
    street: r.street as Machine['street'],
    name: r.name,
    enrolledAt: r.enrolled_at,
    lastSeenAt: r.last_seen_at,
    lastAddress: r.last_address,
    revokedAt: r.revoked_at,
  };
}

/** The address part of a peer label ("10.0.0.5:51234" → "10.0.0.5", "[::1]:5" → "::1"). */
export function addressOf(peer: string): string {
  const m = /^\[?(.*?)\]?:\d+$/.exec(peer);
  return m ? m[1] : peer;
}

export interface RefusalRecorder {
  (method: string, ctx: CallContext, detail: { reason: string; name?: string }): Promise<void>;
}

export class MachineService {
  private readonly live = new Map<string, Live>();
  private readonly revokedListeners = new Set<(machineId: string) => void>();
  /** Failed enrolments per address: five free, then the sign-in's back-off. */
  private readonly guesses: Lockout;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
    private readonly log: Log,
    private readonly recordRefusal: RefusalRecorder,
  ) {
    this.guesses = new Lockout(now);
    for (const r of store.all<Row>('SELECT * FROM auth_machine')) this.live.set(r.id, { ...r, storedSeenAt: r.last_seen_at ?? 0 });
  }

  async issueCode(kind: MachineKind, street: string | undefined, ctx: CallContext): Promise<EnrolCodeIssued> {
    const at = this.now();
    const code = newCode();
    const expiresAt = at + ENROL_CODE_MS;
    await this.store.write((tx) => {
      // Spent and expired codes go as new ones are issued: the table holds usable codes only.
      tx.run('DELETE FROM auth_enrol_code WHERE expires_at <= ?', [at]);
      tx.run('INSERT INTO auth_enrol_code (code_hash, kind, street, issued_at, issued_by, expires_at) VALUES (?, ?, ?, ?, ?, ?)', [
        sha256(normaliseCode(code)),
        kind,
        street ?? null,
        at,
        ctx.personId ?? `${ctx.transport}:${ctx.peer}`,
        expiresAt,
      ]);
    });
    return { code, kind, street: (street ?? null) as EnrolCodeIssued['street'], expiresAt };
  }

  /** Spends a code: a new machine with a new credential. Refused alike for an unknown, spent or expired code. */
  async enrol(code: string, name: string, ctx: CallContext): Promise<Enrolled> {
    const who = `enrol ${addressOf(ctx.peer)}`;
    const locked = this.guesses.lockedUntil(who);
    // Not recorded while locked: the failures that locked it were, and a flood must not fill the trail.
    if (locked !== null) {
      const secs = Math.ceil((locked - this.now()) / 1000);
      throw unauthorized({ zh: `注册码错误次数过多，请 ${secs} 秒后再试`, en: `Too many wrong codes: try again in ${secs} s` }, { retryAt: locked });
    }
    const at = this.now();
    const hash = sha256(normaliseCode(code));
    const id = `m${randomBytes(8).toString('hex')}`;
    const secret = randomBytes(32).toString('base64url');
    const row = await this.store.write((tx) => {
      const c = tx.get<{ kind: MachineKind; street: string | null; expires_at: number }>(
        'SELECT kind, street, expires_at FROM auth_enrol_code WHERE code_hash = ?',
        [hash],
      );
      if (!c || c.expires_at <= at) return null;
      // Single use: the code goes in the transaction that makes the machine.
      tx.run('DELETE FROM auth_enrol_code WHERE code_hash = ?', [hash]);
      const r: Row = {
        id,
        kind: c.kind,
        street: c.street,
        name,
        secret_hash: sha256(secret),
        enrolled_at: at,
        last_seen_at: at,
        last_address: addressOf(ctx.peer),
        revoked_at: null,
      };
      tx.run(
        `INSERT INTO auth_machine (id, kind, street, name, secret_hash, enrolled_at, last_seen_at, last_address, revoked_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
        [r.id, r.kind, r.street, r.name, r.secret_hash, r.enrolled_at, r.last_seen_at, r.last_address],
      );
      return r;
    });
    if (!row) {
      this.guesses.fail(who);
      await this.recordRefusal('auth.enrol', ctx, { reason: 'unknown, spent or expired code', name });
      throw unauthorized({ zh: '注册码无效、已使用或已过期', en: 'The enrolment code is unknown, already used or expired' });
    }
    this.guesses.succeed(who);
    this.live.set(row.id, { ...row, storedSeenAt: at });
    this.log.info(`[identity] machine ${row.name} (${row.kind}${row.street ? ` ${row.street}` : ''}) enrolled from ${ctx.peer}`);
    this.bus.emit('auth.machinesChanged', { machineId: row.id, change: 'enrolled' });
    return { machine: view(row), credential: `${CREDENTIAL_PREFIX}${row.id}.${secret}` };
  }

  /** The live (not revoked) machine a credential belongs to, or null. Constant time in the secret. */
  authenticate(credential: string): Machine | null {
    const id = machineIdOf(credential);
    const m = id ? this.live.get(id) : undefined;
    if (!m || m.revoked_at !== null) return null;
    const given = Buffer.from(sha256(credential.slice(CREDENTIAL_PREFIX.length + id!.length + 1)));
    const stored = Buffer.from(m.secret_hash);
    return given.length === stored.length && timingSafeEqual(given, stored) ? view(m) : null;
  }

  /** A live machine by id (null once revoked or unknown): what every call on a machine's socket asks. */
  get(machineId: string): Machine | null {
    const m = this.live.get(machineId);
    return m && m.revoked_at === null ? view(m) : null;
  }

  /** The newest machine by this name enrolled in the last minute (names the machine in the trail's enrol record). */
  justEnrolled(name: string): Machine | null {
    let best: Live | undefined;
    for (const m of this.live.values()) if (m.name === name && this.now() - m.enrolled_at < 60_000 && (!best || m.enrolled_at > best.enrolled_at)) best = m;
    return best ? view(best) : null;
  }

  /**
   * The key a machine's browser session cookie is signed with: derived from the machine's stored
   * secret hash, so it survives a restart of the hub, differs per machine and dies with it.
   */
  cookieKey(machineId: string): Buffer | null {
    const m = this.live.get(machineId);
    return m && m.revoked_at === null ? createHmac('sha256', m.secret_hash).update('command-wall machine session v1').digest() : null;
  }

  /** The machine reached the hub from `peer`: kept in memory now, written at most once a minute. */
  seen(machineId: string, peer: string): void {
    const m = this.live.get(machineId);
    if (!m || m.revoked_at !== null) return;
    const at = this.now();
    const address = addressOf(peer);
    const moved = m.last_address !== address;
    m.last_seen_at = at;
    m.last_address = address;
    if (!moved && at - m.storedSeenAt < SEEN_WRITE_MS) return;
    m.storedSeenAt = at;
    this.store
      .write((tx) => tx.run('UPDATE auth_machine SET last_seen_at = ?, last_address = ? WHERE id = ?', [at, address, machineId]))
      .catch((err: unknown) => this.log.warn(`[identity] could not record when machine ${machineId} was last seen: ${String(err)}`));
  }

  /** When the newest live machine of a street enrolled; null when it has none. */
  streetEnrolledAt(street: string): number | null {
    let at: number | null = null;
    for (const m of this.live.values()) if (m.street === street && m.revoked_at === null && (at === null || m.enrolled_at > at)) at = m.enrolled_at;
    return at;
  }

  list(): Machine[] {
    return [...this.live.values()].sort((a, b) => b.enrolled_at - a.enrolled_at || (a.id < b.id ? -1 : 1)).map(view);
  }

  async revoke(machineId: string): Promise<Machine> {
    const m = this.live.get(machineId);
    if (!m)
      throw new RefusedError({
        zh: `没有编号为 ${machineId} 的终端：请从终端列表（auth.listMachines）中选择`,
        en: `no machine with id ${machineId}: choose one of auth.listMachines (params.machineId)`,
      });
    if (m.revoked_at !== null) return view(m);
    const at = this.now();
    await this.store.write((tx) => tx.run('UPDATE auth_machine SET revoked_at = ? WHERE id = ?', [at, machineId]));
    m.revoked_at = at;
    this.log.info(`[identity] machine ${m.name} (${machineId}) revoked`);
    for (const l of [...this.revokedListeners]) l(machineId);
    this.bus.emit('auth.machinesChanged', { machineId, change: 'revoked' });
    return view(m);
  }

  /** Called with a machine's id as soon as it is revoked (the hub closes its sockets). */
  onRevoked(listener: (machineId: string) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }
}
