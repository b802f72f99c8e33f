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
import type { Log } from '../capability';
import type { ConnectionRegistry } from '../connections';
import type { CallContext } from '../contract/define';
import { RefusedError, RpcCode, RpcError } from '../contract/errors';
import type { Session as SignedIn, SignedInPerson } from '../contract/identity';
import type { Right, Role } from '../contract/rights';
import { localParts } from '../contract/yuexiu';
import type { Store } from '../store';
import { DirectoryUnreachable, type DirectoryService } from './directory';
import { Lockout } from './lockout';
import type { RefusalRecorder } from './machines';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './passwords';
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

const WRONG =
  '姓名或密码错误（尚未设置密码的人员请联系管理员设置初始密码） / Wrong name or password (a person without a password yet asks an administrator to set the first one)';

const ENDED = '登录已失效，请重新登录 / The session has ended: sign in again';

const DIRECTORY_DOWN =
  '目录服务器（LDAP）无法连接，请稍后再试；已设置本地密码的人员仍可用本地密码登录 / The directory (LDAP) cannot be reached: try again later; people with a local password can still sign in with it';

const NOT_ON_ROSTER =
  '目录中的账号未对应值班名册中的在岗人员，请联系管理员 / The directory account matches nobody active on the duty roster: ask an administrator';

const pad = (n: number): string => String(n).padStart(2, '0');

function lockedMessage(until: number, now: number): string {
  const p = localParts(until);
  const s = new Date(until).getUTCSeconds();
  const time = `${pad(p.hour)}:${pad(p.minute)}:${pad(s)}`;
  const secs = Math.max(1, Math.ceil((until - now) / 1000));
  return `登录失败次数过多，请于 ${time}（${secs} 秒后）再试 / Too many failed sign-ins: try again at ${time} (in ${secs} s)`;
}

export class AccountService {
  private readonly lockout: Lockout;
  /** connectionId → the session it is signed in with. */
  private readonly bindings = new Map<string, { sessionId: string; personName: string }>();

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
    connections.onClose((id) => this.bindings.delete(id));
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
    return r !== undefined && r.active === 1 && street !== '' && r.unit.trim().startsWith(street);
  }

  private hashOf(personId: string): string | undefined {
    return this.store.get<{ password_hash: string }>('SELECT password_hash FROM auth_account WHERE person_id = ?', [personId])?.password_hash;
  }

  /** Refuses while the name is locked; counts a failure otherwise. Says nothing of whether the name exists (the audit trail does). */
  private async refuse(name: string, reason: string, ctx: CallContext): Promise<never> {
    await this.recordRefusal('auth.signIn', ctx, { reason, name });
    const until = this.lockout.fail(name);
    if (until !== null) throw new RpcError(RpcCode.Unauthorized, lockedMessage(until, this.now()), { retryAt: until });
    throw new RpcError(RpcCode.Unauthorized, WRONG);
  }

  async signIn(name: string, password: string, ctx: CallContext): Promise<SignedIn & { sessionId: string }> {
    const locked = this.lockout.lockedUntil(name);
    // Not recorded while locked: the failures that locked it were, and a flood must not fill the trail.
    if (locked !== null) throw new RpcError(RpcCode.Unauthorized, lockedMessage(locked, this.now()), { retryAt: locked });
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
      throw new RpcError(RpcCode.Refused, DIRECTORY_DOWN, { directory: 'unreachable' });
    }
    if (!outcome.ok) return this.refuse(name, outcome.reason, ctx);
    const person = this.person('name', outcome.personName);
    if (!person?.active) {
      await this.recordRefusal('auth.signIn', ctx, { reason: `directory: ${outcome.personName} is not active on the roster`, name });
      throw new RpcError(RpcCode.Unauthorized, NOT_ON_ROSTER);
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
    if (ctx.connectionId) this.bindings.set(ctx.connectionId, { sessionId, personName: person.name });
    this.log.info(`[identity] ${person.name} signed in${local ? '' : ' through the directory'} (${ctx.transport} ${ctx.peer})`);
    return { sessionId, person: { id: person.id, name: person.name, role: person.role }, rights: [...this.roles.rightsOf(person.role)], expiresAt };
  }

  /** Ends the connection's session (if it has one) and unbinds it. */
  async signOut(ctx: CallContext): Promise<{ ok: true }> {
    const bound = ctx.connectionId ? this.bindings.get(ctx.connectionId) : undefined;
    if (bound) {
      this.bindings.delete(ctx.connectionId!);
      await this.sessions.end(bound.sessionId);
    }
    return { ok: true };
  }

  /**
   * Binds this connection to a live session given by its id (a reconnected socket, a reloaded
   * page: the binding is per connection) and renews it. Refused alike for an unknown, ended or
   * expired session, or one whose person has left the roster.
   */
  resume(sessionId: string, ctx: CallContext): SignedIn {
    if (!ctx.connectionId) throw new RefusedError('auth.resume needs a connection (a hub socket or a window) to bind the session to');
    const s = this.sessions.use(sessionId);
    const person = s ? this.person('id', s.personId) : undefined;
    if (!s || !person?.active) throw new RpcError(RpcCode.Unauthorized, ENDED);
    this.bindings.set(ctx.connectionId, { sessionId, personName: person.name });
    return this.describe(s.personId, s.role, s.expiresAt);
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
    if (!person) throw new RefusedError(`no person with id ${personId}: choose one of duty.listPeople`);
    const admin = ctx.rights === undefined || ctx.rights.has('settings.admin');
    const own = ctx.personId === personId;
    if (!admin) {
      if (!own) throw new RpcError(RpcCode.Forbidden, 'setting another person’s password needs the right settings.admin', { right: 'settings.admin' });
      const locked = this.lockout.lockedUntil(person.name);
      if (locked !== null) throw new RpcError(RpcCode.Unauthorized, lockedMessage(locked, this.now()), { retryAt: locked });
      const stored = this.hashOf(personId);
      if (oldPassword === undefined || !stored || !(await verifyPassword(oldPassword, stored))) {
        const until = this.lockout.fail(person.name);
        if (until !== null) throw new RpcError(RpcCode.Unauthorized, lockedMessage(until, this.now()), { retryAt: until });
        throw new RpcError(RpcCode.Unauthorized, '原密码错误 / The old password is wrong');
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
    if (resets) this.sessions.endedFor(personId);
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
  }

  /** Ends every session of a person (an administrator signs them out everywhere); how many were live. */
  async signOutPerson(personId: string): Promise<{ ended: number }> {
    if (!this.person('id', personId)) throw new RefusedError(`no person with id ${personId}: choose one of duty.listPeople`);
    const ended = await this.store.write((tx) => {
      const n = tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM auth_session WHERE person_id = ? AND expires_at > ?', [personId, this.now()])?.n ?? 0;
      this.sessions.endFor(tx, personId);
      return n;
    });
    this.sessions.endedFor(personId);
    this.log.info(`[identity] every session of ${personId} ended (${ended})`);
    return { ended };
  }

  /** A person's name for the audit trail, by id or (for a sign-in, before any session) by name. */
  nameOf(personId: string): string | null {
    return this.person('id', personId)?.name ?? null;
  }

  idByName(name: string): string | null {
    return this.person('name', name.trim())?.id ?? null;
  }
}
