// Entry of identity (issue 14): people sign in (accounts.ts, passwords.ts, lockout.ts), their
// sessions (sessions.ts), the mapping of roles to rights an administrator changes (roles.ts), and
// the hash-chained audit trail every write lands in (audit-trail.ts), and the enrolled machines
// (machines.ts). Besides its handlers it gives the composer the audit hook for the dispatcher, and
// the hosts what binds a connection to a signed-in person and to an enrolled machine.
import type { Capability, CapabilityDeps } from '../capability';
import type { CallContext } from '../contract/define';
import type { WriteEntry } from '../contract/dispatch';
import { methods } from '../contract/api';
import type { MethodSpec } from '../contract/define';
import { RefusedError, type RpcError } from '../contract/errors';
import type { ActorRule, identityMethods, Machine, SignedInConsole } from '../contract/identity';
import type { Right, Role } from '../contract/rights';
import { AccountService, type BoundContext } from './accounts';
import { AuditTrail } from './audit-trail';
import { writeAuditWorkbook } from './audit-xlsx';
import { DirectoryService } from './directory';
import { addressOf, isMachineCredential, MachineService } from './machines';
import { unauthorized } from './refusals';
import { RoleService } from './roles';
import { StaleLinks } from './stale-links';
import { DEFAULT_SESSION_IDLE_MS, SessionService } from './sessions';

export interface IdentityOptions {
  /** A session unused this long ends (default 12 h); one started in a shift lasts through the shift. */
  sessionIdleMs?: number;
}

export interface SessionView {
  personId: string;
  role: Role;
  rights: ReadonlySet<Right>;
  expiresAt: number;
}

export interface Identity extends Capability<typeof identityMethods> {
  /** The dispatcher's onWrite: appends the write to the audit trail (resolves once durable). */
  audit(entry: WriteEntry): Promise<void>;
  /** A live session by its id, renewed by the use; null when unknown, ended or expired. */
  sessionFor(sessionId: string): SessionView | null;
  /** Ends a session (and unbinds any connection signed in with it). */
  signOut(sessionId: string): Promise<void>;
  /**
   * What a call on a connection carries: undefined where nobody signed in on it, else the
   * person and their rights (no rights at all once the session has ended).
   */
  contextFor(connectionId: string): BoundContext | undefined;
  /**
   * What a call on a connection opened by an enrolled machine carries: the machine, its street
   * and the rights of its kind (a wall: role wall's; a street centre: role street's; a console:
   * none), and once a person signs in on it, the person (on a console their rights; on a wall or
   * street machine only those both hold). Null once the machine is revoked: refuse the call.
   */
  machineContext(connectionId: string, machineId: string): MachineContext | null;
  /** The live machine a presented credential belongs to, or null (unknown, wrong or revoked). */
  machineFor(credential: string): Machine | null;
  /** A live machine by id, or null once revoked. */
  machine(machineId: string): Machine | null;
  /** The key a machine's browser session cookie is signed with (null once revoked). */
  machineCookieKey(machineId: string): Buffer | null;
  /** The machine reached the hub from this peer (last seen, last address). */
  machineSeen(machineId: string, peer: string): void;
  /**
   * Whether a person (by id or name) is one of a street's own people: on the roster with a unit
   * that is the street or one of its offices (the unit starts with the street's name, e.g.
   * 华乐街 or 华乐街道办事处). The dispatcher holds a street machine's acting person to them.
   */
  isStreetPerson(street: string, who: string, is: 'id' | 'name'): boolean;
  /** Called as soon as a machine is revoked, with its id (the hub closes its sockets). */
  onMachineRevoked(listener: (machineId: string) => void): () => void;
  /**
   * The host that holds a bootstrap token (the hub) says how to rotate it: auth.rotateBootstrapToken
   * calls it. Without one (the desktop app) the method is refused.
   */
  setBootstrapRotator(rotate: BootstrapRotator): () => void;
  /**
   * An old street link: a street joining a consultation (consult.join, media.sfuJoin as a street
   * participant) with the bootstrap token over the network. Returns the refusal to answer (in both
   * languages: enrol this machine), recorded in the audit trail for auth.listStaleLinks; null for
   * every other call. The dispatcher asks it of every call, before the rights check
   * (DispatcherOptions.refuseCaller, given it in app.ts).
   */
  staleStreetLink(method: string, params: unknown, ctx: CallContext): RpcError | null;
  /**
   * A write naming its acting person (the method's `actor` param) from one of the desktop host's
   * own windows, or a console page on the bootstrap token (CallContext.page), nobody is signed in
   * on, once the first set-up is over (any active person has a password): refused, sign in first.
   * The acting person of a console's write comes from its session; only automation on the
   * bootstrap token (and anyone during the first set-up) names anyone. Null for every other call.
   * Given to the dispatcher beside staleStreetLink (DispatcherOptions.refuseCaller, app.ts).
   */
  unsignedActor(method: string, params: unknown, ctx: CallContext): RpcError | null;
}

/** Makes and installs a new bootstrap token; resolves to it. ctx is the administrator's call. */
export type BootstrapRotator = (ctx: CallContext) => Promise<string>;

export interface MachineContext extends BoundContext {
  machineId: string;
  street?: string;
}

export type { BoundContext };
export { isMachineCredential };

const NOTHING: ReadonlySet<Right> = new Set<Right>();

const intersect = (a: ReadonlySet<Right>, b: ReadonlySet<Right>): ReadonlySet<Right> => new Set([...a].filter((r) => b.has(r)));

/**
 * A console of the hub itself, no enrolled machine: one of the desktop host's own windows (IPC), or
 * a console page on the bootstrap token (browser mode; its socket said `?view=console`,
 * CallContext.page). Once the first set-up is over it names its acting person only by signing in.
 * A script on the token (automation) says no such thing and names anyone.
 */
const hostConsole = (ctx: CallContext): boolean => ctx.machineId === undefined && (ctx.transport === 'ipc' || ctx.page === 'console');

export function openIdentity(deps: CapabilityDeps, opts: IdentityOptions = {}): Identity {
  const sessions = new SessionService(deps.store, deps.now, opts.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS, deps.log);
  const roles = new RoleService(deps.store, deps.bus, deps.now);
  const trail = new AuditTrail(deps.store, deps.log);
  trail.verifyOnOpen();
  // A refusal worth keeping (a failed sign-in or enrolment): who tried, from where, why.
  const recordRefusal = async (method: string, ctx: CallContext, detail: { reason: string; name?: string }): Promise<void> => {
    await trail.append({
      at: deps.now(),
      personId: ctx.personId ?? null,
      personName: ctx.personName ?? null,
      machineId: ctx.machineId ?? null,
      street: ctx.street ?? null,
      transport: ctx.transport,
      method,
      params: {},
      detail: { outcome: 'refused', reason: detail.reason, name: detail.name, address: addressOf(ctx.peer) },
    });
  };
  const directory = new DirectoryService(deps.store, deps.now, deps.log);
  const accounts = new AccountService(deps.store, sessions, roles, deps.connections, deps.now, deps.log, recordRefusal, directory);
  const machines = new MachineService(deps.store, deps.bus, deps.now, deps.log, recordRefusal);
  let rotator: BootstrapRotator | null = null;
  accounts.onChange = () => deps.bus.emit('auth.signedInChanged', { count: accounts.signedIn().length });
  const stale = new StaleLinks(deps.store, deps.now, recordRefusal, (street) => machines.streetEnrolledAt(street));

  const machineContext = (connectionId: string, machineId: string): MachineContext | null => {
    const m = machines.get(machineId);
    if (!m) return null;
    const own = m.kind === 'console' ? NOTHING : roles.rightsOf(m.kind === 'wall' ? 'wall' : 'street');
    const base: MachineContext = { machineId, rights: own, ...(m.street !== null ? { street: m.street } : {}) };
    const person = accounts.contextFor(connectionId);
    if (!person) return base;
    // A console gives the person's rights; a wall or street machine never more than its own.
    return { ...person, ...base, rights: m.kind === 'console' ? person.rights : intersect(person.rights, own) };
  };
  // Whether a caller nobody signed in on names the acting person only by signing in (ActorRule).
  const actorRule = (ctx: CallContext): ActorRule => {
    if (ctx.street !== undefined) return 'street';
    if (ctx.machineId !== undefined) return 'session';
    if (hostConsole(ctx) && accounts.anyPassword()) return 'session';
    return 'choose';
  };
  const signedInList = (): SignedInConsole[] =>
    accounts.signedIn().map(({ person, machineId, transport, peer, since }) => {
      const m = machineId !== null ? machines.get(machineId) : null;
      return {
        person,
        machineName: m?.name ?? null,
        kind: m?.kind ?? 'host',
        street: m?.street ?? null,
        address: transport === 'ipc' ? null : addressOf(peer),
        since,
      };
    });
  return {
    handlers: {
      // The street of a street machine's context is its machine's (a StreetName, machines.ts).
      'auth.getActorRule': (_p, ctx) => ({ rule: actorRule(ctx), street: ctx.machineId ? (machines.get(ctx.machineId)?.street ?? null) : null }),
      'auth.listSignedIn': () => signedInList(),
      'auth.signIn': ({ name, password }, ctx) => accounts.signIn(name, password, ctx),
      'auth.signOut': (_p, ctx) => accounts.signOut(ctx),
      'auth.resume': ({ sessionId }, ctx) => accounts.resume(sessionId, ctx),
      'auth.whoAmI': (_p, ctx) => accounts.whoAmI(ctx),
      'auth.setPassword': ({ personId, password, oldPassword }, ctx) => accounts.setPassword(personId, password, oldPassword, ctx),
      'auth.listAccounts': () => accounts.listAccounts(),
      'auth.issuePasswordCode': ({ personId }, ctx) => accounts.issuePasswordCode(personId, ctx),
      'auth.setFirstPassword': ({ name, code, password }, ctx) => accounts.setFirstPassword(name, code, password, ctx),
      'auth.listStaleLinks': () => stale.list(),
      'auth.listRoles': () => roles.list(),
      'auth.saveRole': ({ role, rights }) => roles.save(role, rights),
      'auth.signOutPerson': ({ personId }) => accounts.signOutPerson(personId),
      'auth.issueEnrolCode': ({ kind, street }, ctx) => machines.issueCode(kind, street, ctx),
      'auth.enrol': ({ code, name }, ctx) => machines.enrol(code, name, ctx),
      'auth.getMachine': (_p, ctx) => (ctx.machineId ? machines.get(ctx.machineId) : null),
      'auth.listMachines': () => machines.list(),
      'auth.revokeMachine': ({ machineId }) => machines.revoke(machineId),
      'auth.rotateBootstrapToken': async (_p, ctx) => {
        if (!rotator)
          throw new RefusedError({
            zh: '本机没有可更换的启动令牌（桌面应用自身的窗口不需要令牌）：请在集线器上更换',
            en: 'this host has no bootstrap token to rotate (the desktop app’s own windows need none): rotate it on the hub',
          });
        return { token: await rotator(ctx) };
      },
      'auth.getDirectory': () => directory.get(),
      'auth.saveDirectory': ({ directory: input }) => directory.save(input),
      'audit.list': (filter) => trail.list(filter),
      'audit.export': ({ limit, ...range }) => writeAuditWorkbook(trail.list({ ...range, limit }).entries.reverse(), range, deps.now()),
      'audit.verify': () => trail.verify(),
    },
    async audit({ method, params, ctx, at }) {
      // A sign-in has no person on its context yet: it is the person it names.
      const name = method === 'auth.signIn' && typeof (params as { name?: unknown }).name === 'string' ? (params as { name: string }).name : undefined;
      // (Signed in through the directory, the name typed is the directory's: the connection now says who.)
      const signedIn = name !== undefined && ctx.connectionId !== undefined ? accounts.contextFor(ctx.connectionId)?.personId : undefined;
      // A password set with a one-time code is set by the person the code was issued to.
      const byCode = method === 'auth.setFirstPassword' ? accounts.idByName((params as { name: string }).name) : null;
      const personId = byCode ?? signedIn ?? ctx.personId ?? (name !== undefined ? accounts.idByName(name) : null);
      // An enrolment is made by the machine it creates.
      const enrolled = method === 'auth.enrol' ? machines.justEnrolled((params as { name: string }).name) : null;
      await trail.append({
        at,
        personId,
        personName: (byCode !== null ? accounts.nameOf(byCode) : ctx.personName) ?? (personId !== null ? accounts.nameOf(personId) : null),
        machineId: ctx.machineId ?? enrolled?.id ?? null,
        street: ctx.street ?? enrolled?.street ?? null,
        transport: ctx.transport,
        method,
        params,
        detail: { outcome: 'done', address: addressOf(ctx.peer) },
      });
    },
    sessionFor: (sessionId) => accounts.sessionFor(sessionId),
    signOut: (sessionId) => accounts.endSession(sessionId),
    contextFor: (connectionId) => accounts.contextFor(connectionId),
    machineContext,
    machineFor: (credential) => machines.authenticate(credential),
    machine: (machineId) => machines.get(machineId),
    machineCookieKey: (machineId) => machines.cookieKey(machineId),
    machineSeen: (machineId, peer) => machines.seen(machineId, peer),
    isStreetPerson: (street, who, is) => accounts.isStreetPerson(street, who, is),
    onMachineRevoked: (listener) => machines.onRevoked(listener),
    staleStreetLink: (method, params, ctx) => stale.check(method, params, ctx),
    unsignedActor(method, params, ctx) {
      if (!hostConsole(ctx) || ctx.personId !== undefined || ctx.rights !== undefined) return null;
      const actor = (methods as Record<string, MethodSpec | undefined>)[method]?.actor;
      if (!actor || params === null || typeof params !== 'object' || (params as Record<string, unknown>)[actor.param] === undefined) return null;
      if (!accounts.anyPassword()) return null; // the first set-up: nobody could sign in yet
      return unauthorized(
        {
          zh: `请先登录：本席位的操作以登录人员的身份记录，不能选择他人（${method}，params.${actor.param}）`,
          en: `Sign in first: on this console a write is made as the signed-in person, never as someone chosen (${method}, params.${actor.param})`,
        },
        { param: actor.param, signIn: true },
      );
    },
    setBootstrapRotator(rotate) {
      rotator = rotate;
      return () => {
        if (rotator === rotate) rotator = null;
      };
    },
  };
}
