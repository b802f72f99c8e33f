// Who is signed in on this page (issue 14). A sign-in binds the page's connection to a session on
// the hub; the binding is per connection, so on every (re)open of the link the load resumes the
// session kept for this window (stored-session.ts) or, with none, asks who this connection is.
// Sign-in, sign-out and resume make the signed-in person the console's acting person (the app
// slice's actorId), so every write is made as them: the hub refuses a `by` naming anyone else.
import type { Session } from '@contract/identity';
import { RpcCode } from '@contract/errors';
import { appSlice } from '../app/app-slice';
import { defineSlice, type SliceTools } from '../slice';
import { storedSessionId, storeSessionId } from './stored-session';

export interface IdentityState {
  /** The signed-in person, their rights and when the session ends; null when nobody is signed in here. */
  session: Session | null;
  /** Counts sign-ins and sign-outs: a load answered after one of them leaves its result standing. */
  changes: number;
}

type Tools = SliceTools<IdentityState>;

/**
 * The acting person follows the session: its person, or nobody once a session has gone. Signed
 * out with no session before, the seat keeps the person chosen by hand (the bootstrap token's
 * first set-up, as before sign-in existed).
 */
function actAs(t: Tools, session: Session | null, hadSession: boolean): void {
  const app = t.slice(appSlice);
  if (session) {
    if (app.store.getState().actorId !== session.person.id) void app.commands.setActor(session.person.id);
  } else if (hadSession) void app.commands.setActor(null);
}

/** Whether a refused resume means the stored session is gone (ended, expired, unknown or garbled). */
function sessionGone(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === RpcCode.Unauthorized || code === RpcCode.InvalidParams;
}

export const identitySlice = defineSlice({
  name: 'identity',
  loadAs: 'resume',
  initial: (): IdentityState => ({ session: null, changes: 0 }),
  async load(t) {
    const changes = t.get().changes;
    const stored = storedSessionId();
    let session: Session | null;
    let forgot = false;
    if (stored) {
      try {
        session = await t.client.call('auth.resume', { sessionId: stored });
      } catch (err) {
        // A link that failed keeps the session for the next open; a session that ended is forgotten.
        if (!sessionGone(err)) throw err;
        forgot = true;
        session = await t.client.call('auth.whoAmI', {});
      }
    } else {
      session = await t.client.call('auth.whoAmI', {});
    }
    // Signed in or out meanwhile: that stands, and this answer is about the connection before it.
    if (t.get().changes !== changes) return {};
    if (forgot && storedSessionId() === stored) storeSessionId(null);
    // A session that ended while the page was away (a reload, a reconnect) takes its person off the seat too.
    actAs(t, session, t.get().session !== null || forgot);
    return { session };
  },
  commands: (t) => ({
    signIn: async (name: string, password: string) => {
      const { sessionId, ...session } = await t.client.call('auth.signIn', { name, password });
      storeSessionId(sessionId);
      t.set((s) => ({ session, changes: s.changes + 1 }));
      actAs(t, session, true);
      return session;
    },
    /**
     * First sign-in (a person without a password yet, e.g. of a data folder from before sign-in
     * existed): sets their own password with the one-time code an administrator issued them, then
     * signs in with it. Never signs anyone in without a password.
     */
    setFirstPassword: async (name: string, code: string, password: string) => {
      await t.client.call('auth.setFirstPassword', { name, code, password });
      const { sessionId, ...session } = await t.client.call('auth.signIn', { name, password });
      storeSessionId(sessionId);
      t.set((s) => ({ session, changes: s.changes + 1 }));
      actAs(t, session, true);
      return session;
    },
    signOut: async () => {
      // Off this seat at once, whatever the link does: a failed call leaves the session to expire.
      const had = t.get().session !== null || storedSessionId() !== null;
      storeSessionId(null);
      t.set((s) => ({ session: null, changes: s.changes + 1 }));
      actAs(t, null, had);
      return t.client.call('auth.signOut', {});
    },
  }),
});
