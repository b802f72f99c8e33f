// Accounts of the duty room's people: a password per person (the people and their roles are the
// roster's, table duty_person, read here by SQL: a capability never imports another's modules),
// sign-in with back-off, sign-out, and which connection is signed in as whom.
//
// Binding a connection: auth.signIn called with a CallContext that has a connectionId (a hub
// socket) binds that connection to the new session, here, in `bindings`; the hub asks
// `contextFor(connectionId)` before every call on it and puts the person and their rights on the
// call's context, so the dispatcher checks every later call. auth.signOut unbinds it; a closed
// connection is forgotten; auth.resume binds a new connection (a reconnected socket, a reloaded
// page) to a session that is still live. (Chosen over the hub reading signIn's result: sign-out and who-am-i
// need the connection's session too, and this keeps the session id out of the hub.)
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Log } from '../capability';
import type { ConnectionRegistry } from '../connections';
import type { CallContext } from '../contract/define';
import { RefusedError, RpcCode, RpcError, type Bilingual } from '../contract/errors';
import { isStreetUnit, PASSWORD_CODE_MS, type Account, type PasswordCodeIssued, type Session as SignedIn, type SignedInPerson } from '../contract/identity';
import type { Right, Role } from '../contract/rights';
import { localParts } from '../contract/yuexiu';
import { readKv, writeKv } from '../kv';
import type { Store } from '../store';
import { DirectoryUnreachable, type DirectoryService } from './directory';
import { Lockout } from './lockout';
import { newCode, normaliseCode, type RefusalRecorder } from './machines';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './passwords';
import { unauthorized } from './refusals';
import type { RoleService } from './roles';
import type { SessionService } from './sessions';

type PersonInfo = SignedInPerson;

/** What the hub puts on a bound connection's calls. */
export interface BoundContext {
  personId?: string;
  personName?: string;
  rights: ReadonlySet<Right>;
}

const NOTHING: ReadonlySet<Right> = new Set<Right>();

/** A connection signed in: its session, and where it is (for auth.listSignedIn). */
interface Binding {
  sessionId: string;
  personName: string;
  since: number;
  machineId: string | null;
  transport: CallContext['transport'];
  peer: string;
}

const WRONG: Bilingual = {
  zh: '姓名或密码错误（尚未设置密码的人员请点“首次登录”，用管理员发放的一次性码设置密码）',
  en: 'Wrong name or password (a person without a password yet chooses “First sign-in” and sets one with the one-time code an administrator issued)',
};

const ENDED: Bilingual = { zh: '登录已失效，请重新登录', en: 'The session has ended: sign in again' };

const DIRECTORY_DOWN: Bilingual = {
  zh: '目录服务器（LDAP）无法连接，请稍后再试；已设置本地密码的人员仍可用本地密码登录',
  en: 'The directory (LDAP) cannot be reached: try again later; people with a local password can still sign in with it',
};

const NOT_ON_ROSTER: Bilingual = {
  zh: '目录中的账号未对应值班名册中的在岗人员，请联系管理员',
  en: 'The directory account matches nobody active on the duty roster: ask an administrator',
};

const BAD_CODE: Bilingual = {
  zh: '姓名或一次性码错误，或该码已使用、已过期（请管理员重新发放）',
  en: 'Wrong name or one-time code, or the code was used or has expired (ask an administrator for a new one)',
};

const noPerson = (personId: string): RefusedError =>
  new RefusedError({
    zh: `没有编号为 ${personId} 的人员：请从值班名册（duty.listPeople）中选择`,
    en: `no person with id ${personId}: choose one of duty.listPeople`,
  });

const pad = (n: number): string => String(n).padStart(2, '0');

function locked(until: number, now: number): RpcError {
  const p = localParts(until);
  const s = new Date(until).getUTCSeconds();
  const time = `${pad(p.hour)}:${pad(p.minute)}:${pad(s)}`;
  const secs = Math.max(1, Math.ceil((until - now) / 1000));
  return unauthorized(
    { zh: `登录失败次数过多，请于 ${time}（${secs} 秒后）再试`, en: `Too many failed sign-ins: try again at ${time} (in ${secs} s)` },
    { retryAt: until },
  );
}

/** The kv key of the one-time password code waiting for a person (its sha256 and end; kv, as it needs no table of its own). */
const codeKey = (personId: string): string => `auth.passwordCode.${personId}`;
const StoredCode = z.object({ hash: z.string(), expiresAt: z.number(), issuedBy: z.string() }).nullable();
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export class AccountService {
  private readonly lockout: Lockout;
  /** connectionId → the session it is signed in with. */
  private readonly bindings = new Map<string, Binding>();
  /** Told whenever who is signed in where may have changed (the hub pushes auth.signedInChanged). */
  onChange: () => void = () => {};

  constructor(
    private readonly store: Store,
    private readonly sessions: SessionService,
    private readonly roles: RoleService,
    connections: ConnectionRegistry,
    private readonly now: () => number,
    private readonly log: Log,
    /** Failed sign-ins go to the audit trail (the name tried, the address, why; never the password). */
    private readonly recordRefusal: RefusalRecorder,
    /** The optional directory (LDAP): tried when the local password does not sign the name in. */
    private readonly directory?: DirectoryService,
  ) {
    this.lockout = new Lockout(now);
    connections.onClose((id) => {
      if (this.bindings.delete(id)) this.onChange();
    });
  }

  private person(where: 'id' | 'name', value: string): (PersonInfo & { active: boolean }) | undefined {
    const r = this.store.get<{ id: string; name: string; role: string; active: number }>(`SELECT id, name, role, active FROM duty_person WHERE ${where} = ?`, [
      value,
    ]);
    // The roster's roles are sign-in roles (contract/rights.ts checks it at compile time).
    return r && { id: r.id, name: r.name, role: r.role as Role, active: r.active === 1 };
  }

  /** Whether the person (by id or name) is active and of the street's own people (their unit starts with the street's name). */
  isStreetPerson(street: string, who: string, is: 'id' | 'name'): boolean {
    const r = this.store.get<{ unit: string; active: number }>(`SELECT unit, active FROM duty_person WHERE ${is === 'id' ? 'id' : 'name'} = ?`, [who]);
    return r !== undefined && r.active === 1 && isStreetUnit(street, r.unit);
  }

  private hashOf(personId: string): string | undefined {
    return this.store.get<{ password_hash: string }>('SELECT password_hash FROM auth_account WHERE person_id = ?', [personId])?.password_hash;
  }

  /** Refuses while the name is locked; counts a failure otherwise. Says nothing of whether the name exists (the audit trail does). */
  private async refuse(name: string, reason: string, ctx: CallContext): Promise<never> {
    await this.recordRefusal('auth.signIn', ctx, { reason, name });
    const until = this.lockout.fail(name);
    if (until !== null) throw locked(until, this.now());
    throw unauthorized(WRONG);
  }

  async signIn(name: string, password: string, ctx: CallContext): Promise<SignedIn & { sessionId: string }> {
    const lockedAt = this.lockout.lockedUntil(name);
    // Not recorded while locked: the failures that locked it were, and a flood must not fill the trail.
    if (lockedAt !== null) throw locked(lockedAt, this.now());
    const person = this.person('name', name.trim());
    const stored = person?.active ? this.hashOf(person.id) : undefined;
    // A wrong name costs as much as a wrong password: the time tells nothing either.
    const good = await verifyPassword(password, stored ?? (await decoyHash()));
    if (person && person.active && stored && good) return this.begin(person, name, ctx, { stored, password });
    // Not signed in by a local password: the directory, when there is one, decides.
    if (this.directory?.enabled()) return this.signInByDirectory(name, password, ctx);
    if (!person) return this.refuse(name, 'unknown name', ctx);
    if (!person.active) return this.refuse(name, 'not on the roster any more', ctx);
    if (!stored) return this.refuse(name, 'no password set yet', ctx);
    return this.refuse(name, 'wrong password', ctx);
  }

  /**
   * The directory checks the password; the entry's attribute names the roster person, whose role
   * the session gets. A wrong password counts towards the lockout as a local one; an unreachable
   * directory is said plainly and counts nothing (it is nobody's mistake).
   */
  private async signInByDirectory(name: string, password: string, ctx: CallContext): Promise<SignedIn & { sessionId: string }> {
    let outcome;
    try {
      outcome = await this.directory!.authenticate(name.trim(), password);
    } catch (err) {
      if (!(err instanceof DirectoryUnreachable)) throw err;
      this.log.warn(`[identity] ${err.message}`);
      await this.recordRefusal('auth.signIn', ctx, { reason: 'directory unreachable', name });
      throw new RefusedError(DIRECTORY_DOWN, { directory: 'unreachable' });
    }
    if (!outcome.ok) return this.refuse(name, outcome.reason, ctx);
    const person = this.person('name', outcome.personName);
    if (!person?.active) {
      await this.recordRefusal('auth.signIn', ctx, { reason: `directory: ${outcome.personName} is not active on the roster`, name });
      throw unauthorized(NOT_ON_ROSTER);
    }
    return this.begin(person, name, ctx, null);
  }

  /** Starts the session of a person who proved who they are (a local hash given is renewed if its cost is old). */
  private async begin(
    person: PersonInfo,
    name: string,
    ctx: CallContext,
    local: { stored: string; password: string } | null,
  ): Promise<SignedIn & { sessionId: string }> {
    this.lockout.succeed(name);
    const rehash = local && needsRehash(local.stored) ? { hash: await hashPassword(local.password), old: local.stored } : null;
    const { sessionId, expiresAt } = await this.store.write((tx) => {
      if (rehash) tx.run('UPDATE auth_account SET password_hash = ? WHERE person_id = ? AND password_hash = ?', [rehash.hash, person.id, rehash.old]);
      return this.sessions.start(tx, person.id, person.role);
    });
    this.sessions.started(sessionId, person.id, person.role, expiresAt);
    this.bind(ctx, sessionId, person.name);
    this.log.info(`[identity] ${person.name} signed in${local ? '' : ' through the directory'} (${ctx.transport} ${ctx.peer})`);
    return { sessionId, person: { id: person.id, name: person.name, role: person.role }, rights: [...this.roles.rightsOf(person.role)], expiresAt };
  }

  /** Ends the connection's session (if it has one) and unbinds it. */
  async signOut(ctx: CallContext): Promise<{ ok: true }> {
    const bound = ctx.connectionId ? this.bindings.get(ctx.connectionId) : undefined;
    if (bound) {
      this.bindings.delete(ctx.connectionId!);
      await this.sessions.end(bound.sessionId);
      this.onChange();
    }
    return { ok: true };
  }

  /**
   * Binds this connection to a live session given by its id (a reconnected socket, a reloaded
   * page: the binding is per connection) and renews it. Refused alike for an unknown, ended or
   * expired session, or one whose person has left the roster.
   */
  resume(sessionId: string, ctx: CallContext): SignedIn {
    if (!ctx.connectionId)
      throw new RefusedError({
        zh: 'auth.resume 需要一个连接（集线器套接字或窗口）来绑定登录会话',
        en: 'auth.resume needs a connection (a hub socket or a window) to bind the session to',
      });
    const s = this.sessions.use(sessionId);
    const person = s ? this.person('id', s.personId) : undefined;
    if (!s || !person?.active) throw unauthorized(ENDED);
    this.bind(ctx, sessionId, person.name);
    return this.describe(s.personId, s.role, s.expiresAt);
  }

  /** Binds the call's connection to the session, remembering where it is (machine, transport, address) for auth.listSignedIn. */
  private bind(ctx: CallContext, sessionId: string, personName: string): void {
    if (!ctx.connectionId) return;
    this.bindings.set(ctx.connectionId, {
      sessionId,
      personName,
      since: this.now(),
      machineId: ctx.machineId ?? null,
      transport: ctx.transport,
      peer: ctx.peer,
    });
    this.onChange();
  }

  /**
   * Every live session signed in now, oldest first: who, where, since when. Once per session: a
   * console page's further sockets (its consultation's, one per link) are bound to the page's
   * session too, and are the same person at the same console (the first binding, the page's own, says where).
   */
  signedIn(): { person: SignedInPerson; machineId: string | null; transport: CallContext['transport']; peer: string; since: number }[] {
    const out = [];
    const seen = new Set<string>();
    for (const b of this.bindings.values()) {
      if (seen.has(b.sessionId)) continue;
      seen.add(b.sessionId);
      const s = this.sessions.peek(b.sessionId);
      if (!s) continue;
      const p = this.person('id', s.personId);
      if (!p?.active) continue;
      out.push({ person: { id: p.id, name: p.name, role: s.role }, machineId: b.machineId, transport: b.transport, peer: b.peer, since: b.since });
    }
    return out.sort((a, b) => a.since - b.since);
  }

  /** Whether any active person has a password: the first set-up is over (the desktop host's own windows then act only as who signs in). */
  anyPassword(): boolean {
    return this.store.get('SELECT 1 AS one FROM auth_account a JOIN duty_person p ON p.id = a.person_id WHERE p.active = 1 LIMIT 1') !== undefined;
  }

  whoAmI(ctx: CallContext): SignedIn | null {
    const bound = ctx.connectionId ? this.bindings.get(ctx.connectionId) : undefined;
    const s = bound ? this.sessions.peek(bound.sessionId) : null;
    return s ? this.describe(s.personId, s.role, s.expiresAt) : null;
  }

  private describe(personId: string, role: Role, expiresAt: number): SignedIn {
    const p = this.person('id', personId);
    return { person: { id: personId, name: p?.name ?? personId, role }, rights: [...this.roles.rightsOf(role)], expiresAt };
  }

  /**
   * Sets a person's password: anyone's for an unrestricted caller (the bootstrap token, the app's
   * own windows) or one holding settings.admin (the first password of the first-sign-in flow, or
   * a reset, which ends that person's sessions); one's own with the old password.
   */
  async setPassword(personId: string, password: string, oldPassword: string | undefined, ctx: CallContext): Promise<{ ok: true }> {
    const person = this.person('id', personId);
    if (!person) throw noPerson(personId);
    const admin = ctx.rights === undefined || ctx.rights.has('settings.admin');
    const own = ctx.personId === personId;
    if (!admin) {
      if (!own)
        throw new RpcError(RpcCode.Forbidden, '设置他人密码需要“系统管理”权限 (setting another person’s password needs the right settings.admin)', {
          right: 'settings.admin',
          text: { zh: '设置他人密码需要“系统管理”权限（settings.admin）', en: 'setting another person’s password needs the right settings.admin' },
        });
      const lockedAt = this.lockout.lockedUntil(person.name);
      if (lockedAt !== null) throw locked(lockedAt, this.now());
      const stored = this.hashOf(personId);
      if (oldPassword === undefined || !stored || !(await verifyPassword(oldPassword, stored))) {
        const until = this.lockout.fail(person.name);
        if (until !== null) throw locked(until, this.now());
        throw unauthorized({ zh: '原密码错误', en: 'The old password is wrong' });
      }
    }
    const hash = await hashPassword(password);
    const at = this.now();
    // Someone else setting it (a reset) ends the person's sessions; changing one's own keeps them.
    const resets = !own;
    await this.store.write((tx) => {
      tx.run(
        `INSERT INTO auth_account (person_id, password_hash, updated_at, updated_by) VALUES (?, ?, ?, ?)
         ON CONFLICT(person_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        [personId, hash, at, ctx.personId ?? `${ctx.transport}:${ctx.peer}`],
      );
      if (resets) this.sessions.endFor(tx, personId);
    });
    if (resets) {
      this.sessions.endedFor(personId);
      this.onChange();
    }
    this.lockout.succeed(person.name);
    return { ok: true };
  }

  /** A session by its id (renewed by the use), with the rights its role has now. */
  sessionFor(sessionId: string): { personId: string; role: Role; rights: ReadonlySet<Right>; expiresAt: number } | null {
    const s = this.sessions.use(sessionId);
    return s && { personId: s.personId, role: s.role, rights: this.roles.rightsOf(s.role), expiresAt: s.expiresAt };
  }

  /**
   * What a call on this connection carries: undefined for a connection nobody signed in on (it
   * keeps the rights it was opened with); the person and their rights for a signed-in one; no
   * rights at all once its session has ended (expired, or signed out elsewhere) — never back to
   * the connection's own, wider rights.
   */
  contextFor(connectionId: string): BoundContext | undefined {
    const bound = this.bindings.get(connectionId);
    if (!bound) return undefined;
    const s = this.sessionFor(bound.sessionId);
    return s ? { personId: s.personId, personName: bound.personName, rights: s.rights } : { rights: NOTHING };
  }

  /** Ends a session by its id (the hub's sign-out of a session it holds); unbinds any connection on it. */
  async endSession(sessionId: string): Promise<void> {
    for (const [id, b] of this.bindings) if (b.sessionId === sessionId) this.bindings.delete(id);
    await this.sessions.end(sessionId);
    this.onChange();
  }

  /** Ends every session of a person (an administrator signs them out everywhere); how many were live. */
  async signOutPerson(personId: string): Promise<{ ended: number }> {
    if (!this.person('id', personId)) throw noPerson(personId);
    const ended = await this.store.write((tx) => {
      const n = tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM auth_session WHERE person_id = ? AND expires_at > ?', [personId, this.now()])?.n ?? 0;
      this.sessions.endFor(tx, personId);
      return n;
    });
    this.sessions.endedFor(personId);
    this.onChange();
    this.log.info(`[identity] every session of ${personId} ended (${ended})`);
    return { ended };
  }

  // ---- first sign-in: a one-time code an administrator issues, spent to set one's own password ----

  private waitingCode(personId: string): z.output<typeof StoredCode> {
    return readKv(this.store, codeKey(personId), StoredCode, null);
  }

  /** Every active person: whether they have a password, and whether a code is waiting for them. */
  listAccounts(): Account[] {
    const rows = this.store.all<{ id: string; name: string; role: string; unit: string; has: number }>(
      `SELECT p.id, p.name, p.role, p.unit, (a.person_id IS NOT NULL) AS has FROM duty_person p
       LEFT JOIN auth_account a ON a.person_id = p.id WHERE p.active = 1 ORDER BY p.name`,
    );
    const now = this.now();
    return rows.map((r) => {
      const c = this.waitingCode(r.id);
      return {
        personId: r.id,
        name: r.name,
        role: r.role as Role,
        unit: r.unit,
        hasPassword: r.has === 1,
        codeExpiresAt: c && c.expiresAt > now ? c.expiresAt : null,
      };
    });
  }

  /** A new one-time code for a person (replacing one still waiting); only its hash is kept. */
  async issuePasswordCode(personId: string, ctx: CallContext): Promise<PasswordCodeIssued> {
    const person = this.person('id', personId);
    if (!person) throw noPerson(personId);
    if (!person.active)
      throw new RefusedError({
        zh: `${person.name} 已不在值班名册在岗人员中，不能发放一次性码`,
        en: `${person.name} is not active on the roster: no one-time code can be issued (params.personId)`,
      });
    const code = newCode();
    const at = this.now();
    const expiresAt = at + PASSWORD_CODE_MS;
    await this.store.write((tx) =>
      writeKv(tx, codeKey(personId), { hash: sha256(normaliseCode(code)), expiresAt, issuedBy: ctx.personId ?? `${ctx.transport}:${ctx.peer}` }, at),
    );
    this.log.info(`[identity] one-time password code issued for ${person.name}`);
    return { code, personId, name: person.name, expiresAt };
  }

  /**
   * A person sets their own password with the code issued to them: the code is spent in the same
   * write. Refused alike for an unknown name, a wrong, spent or expired code (the name's lockout
   * counts it); never signs anyone in without a password.
   */
  async setFirstPassword(name: string, code: string, password: string, ctx: CallContext): Promise<{ ok: true }> {
    const lockedAt = this.lockout.lockedUntil(name);
    if (lockedAt !== null) throw locked(lockedAt, this.now());
    const person = this.person('name', name.trim());
    const hash = sha256(normaliseCode(code));
    const at = this.now();
    const newHash = await hashPassword(password);
    const done =
      person?.active === true &&
      (await this.store.write((tx) => {
        const row = tx.get<{ value: string }>('SELECT value FROM kv WHERE key = ?', [codeKey(person.id)]);
        const c = row ? StoredCode.safeParse(JSON.parse(row.value)) : null;
        if (!c?.success || !c.data || c.data.expiresAt <= at || c.data.hash !== hash) return false;
        tx.run('DELETE FROM kv WHERE key = ?', [codeKey(person.id)]);
        tx.run(
          `INSERT INTO auth_account (person_id, password_hash, updated_at, updated_by) VALUES (?, ?, ?, ?)
           ON CONFLICT(person_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
          [person.id, newHash, at, `code:${person.id}`],
        );
        // A forgotten password replaced: the sessions opened with the old one end.
        this.sessions.endFor(tx, person.id);
        return true;
      }));
    if (!done) {
      await this.recordRefusal('auth.setFirstPassword', ctx, { reason: person?.active ? 'wrong, spent or expired code' : 'unknown name', name });
      const until = this.lockout.fail(name);
      if (until !== null) throw locked(until, this.now());
      throw unauthorized(BAD_CODE);
    }
    this.sessions.endedFor(person.id);
    this.lockout.succeed(name);
    this.log.info(`[identity] ${person.name} set their password with a one-time code (${ctx.transport} ${ctx.peer})`);
    return { ok: true };
  }

  /** A person's name for the audit trail, by id or (for a sign-in, before any session) by name. */
  nameOf(personId: string): string | null {
    return this.person('id', personId)?.name ?? null;
  }

  idByName(name: string): string | null {
    return this.person('name', name.trim())?.id ?? null;
  }
}
