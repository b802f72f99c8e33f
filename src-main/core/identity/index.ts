// Entry of identity (issue 14): people sign in (accounts.ts, passwords.ts, lockout.ts), their
// sessions (sessions.ts), the mapping of roles to rights an administrator changes (roles.ts), and
// the hash-chained audit trail every write lands in (audit-trail.ts). Besides its handlers it
// gives the composer the audit hook for the dispatcher, and the hosts what binds a connection to
// a signed-in person.
import type { Capability, CapabilityDeps } from '../capability';
import type { WriteEntry } from '../contract/dispatch';
import type { identityMethods } from '../contract/identity';
import type { Right, Role } from '../contract/rights';
import { AccountService, type BoundContext } from './accounts';
import { AuditTrail } from './audit-trail';
import { RoleService } from './roles';
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
}

export type { BoundContext };

export function openIdentity(deps: CapabilityDeps, opts: IdentityOptions = {}): Identity {
  const sessions = new SessionService(deps.store, deps.now, opts.sessionIdleMs ?? DEFAULT_SESSION_IDLE_MS, deps.log);
  const roles = new RoleService(deps.store, deps.bus, deps.now);
  const accounts = new AccountService(deps.store, sessions, roles, deps.connections, deps.now, deps.log);
  const trail = new AuditTrail(deps.store, deps.log);
  trail.verifyOnOpen();
  return {
    handlers: {
      'auth.signIn': ({ name, password }, ctx) => accounts.signIn(name, password, ctx),
      'auth.signOut': (_p, ctx) => accounts.signOut(ctx),
      'auth.resume': ({ sessionId }, ctx) => accounts.resume(sessionId, ctx),
      'auth.whoAmI': (_p, ctx) => accounts.whoAmI(ctx),
      'auth.setPassword': ({ personId, password, oldPassword }, ctx) => accounts.setPassword(personId, password, oldPassword, ctx),
      'auth.listRoles': () => roles.list(),
      'auth.saveRole': ({ role, rights }) => roles.save(role, rights),
      'audit.list': (filter) => trail.list(filter),
      'audit.verify': () => trail.verify(),
    },
    async audit({ method, params, ctx, at }) {
      // A sign-in has no person on its context yet: it is the person it names.
      const name = method === 'auth.signIn' && typeof (params as { name?: unknown }).name === 'string' ? (params as { name: string }).name : undefined;
      const personId = ctx.personId ?? (name !== undefined ? accounts.idByName(name) : null);
      await trail.append({
        at,
        personId,
        personName: ctx.personName ?? (personId !== null ? accounts.nameOf(personId) : null),
        machineId: ctx.machineId ?? null,
        street: ctx.street ?? null,
        transport: ctx.transport,
        method,
        params,
      });
    },
    sessionFor: (sessionId) => accounts.sessionFor(sessionId),
    signOut: (sessionId) => accounts.endSession(sessionId),
    contextFor: (connectionId) => accounts.contextFor(connectionId),
  };
}
