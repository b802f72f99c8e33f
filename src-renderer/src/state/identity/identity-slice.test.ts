// The identity slice on the fake client: on every (re)open it resumes the session kept for this
// window or asks who this connection is; sign-in and sign-out keep the session id for the window
// and make the signed-in person the acting person; a session that ended is forgotten; a refused
// sign-in stays in the slice's error.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RpcCode, RpcError } from '@contract/errors';
import type { Session } from '@contract/identity';
import type { Replies } from '../../test-kit/fake-client';
import { expectListeningWhileHeld, holdOpen, sliceOnFake, tick } from '../../test-kit/slice-kit';
import { appSlice } from '../app/app-slice';
import { identitySlice } from './identity-slice';
import { storedSessionId, storeSessionId } from './stored-session';
import { memoryStorage } from '../../test-kit/memory-storage';

const NOW = 50_000;
const SID = 'A'.repeat(43);

function session(id = 'per_zhoujie01', name = '周杰'): Session {
  return { person: { id, name, role: 'officer' }, rights: ['read', 'duty.write'], expiresAt: NOW + 3_600_000 };
}

beforeEach(() => {
  vi.stubGlobal('sessionStorage', memoryStorage());
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const setup = (replies: Replies = {}) => {
  const made = sliceOnFake(identitySlice, { 'auth.whoAmI': () => null, ...replies }, () => NOW);
  return { ...made, app: made.host.get(appSlice) };
};

describe('identity slice', () => {
  it('asks who this connection is on open when no session is kept, and stops listening on release', async () => {
    const { fake, s, app } = setup();
    void app.commands.setActor('per_chosen0001');
    const release = await holdOpen(fake, s);
    expect(fake.calls.map((c) => c.method)).toEqual(['auth.whoAmI']);
    expect(s.store.getState()).toMatchObject({ session: null, loaded: true, error: null });
    // Nobody was signed in: the person chosen by hand stays (first set-up with the token).
    expect(app.store.getState().actorId).toBe('per_chosen0001');
    expectListeningWhileHeld(fake, s, release);
  });

  it('signs in: keeps the session id for this window, and the person becomes the acting person', async () => {
    const { fake, s, app } = setup({ 'auth.signIn': () => ({ ...session(), sessionId: SID }) });
    await holdOpen(fake, s);
    const r = await s.commands.signIn('周杰', 'correct horse 1');
    expect(r).toEqual(session());
    expect(fake.calls.at(-1)).toEqual({ method: 'auth.signIn', params: { name: '周杰', password: 'correct horse 1' } });
    expect(s.store.getState().session).toEqual(session());
    expect(JSON.stringify(s.store.getState())).not.toContain(SID);
    expect(storedSessionId()).toBe(SID);
    expect(app.store.getState().actorId).toBe('per_zhoujie01');
  });

  it('resumes the kept session on every (re)open of the link', async () => {
    storeSessionId(SID);
    const { fake, s, app } = setup({ 'auth.resume': () => session() });
    await holdOpen(fake, s);
    expect(fake.calls).toEqual([{ method: 'auth.resume', params: { sessionId: SID } }]);
    expect(s.store.getState().session).toEqual(session());
    expect(app.store.getState().actorId).toBe('per_zhoujie01');
    fake.status('closed');
    fake.status('open');
    await tick();
    expect(fake.calls.map((c) => c.method)).toEqual(['auth.resume', 'auth.resume']);
    expect(s.store.getState().session).toEqual(session());
  });

  it('forgets a session that ended, and takes its person off the seat', async () => {
    storeSessionId(SID);
    const { fake, s, app } = setup({
      'auth.resume': () => {
        throw new RpcError(RpcCode.Unauthorized, '登录已失效，请重新登录 / The session has ended: sign in again');
      },
    });
    void app.commands.setActor('per_zhoujie01');
    await holdOpen(fake, s);
    expect(fake.calls.map((c) => c.method)).toEqual(['auth.resume', 'auth.whoAmI']);
    expect(s.store.getState()).toMatchObject({ session: null, error: null });
    expect(storedSessionId()).toBeNull();
    expect(app.store.getState().actorId).toBeNull();
  });

  it('keeps the session for the next open when the link fails during the resume', async () => {
    storeSessionId(SID);
    const { fake, s } = setup({
      'auth.resume': () => {
        throw new RpcError(RpcCode.InternalError, 'auth.resume timed out after 15 s (no reply from the hub)', { transport: 'timeout' });
      },
    });
    await holdOpen(fake, s);
    expect(s.store.getState().error?.command).toBe('resume');
    expect(storedSessionId()).toBe(SID);
    fake.reply('auth.resume', () => session());
    fake.status('closed');
    fake.status('open');
    await tick();
    expect(s.store.getState()).toMatchObject({ session: session(), error: null });
  });

  it('signs out: forgets the session and the acting person', async () => {
    storeSessionId(SID);
    const { fake, s, app } = setup({ 'auth.resume': () => session(), 'auth.signOut': () => ({ ok: true as const }) });
    await holdOpen(fake, s);
    expect(await s.commands.signOut()).toEqual({ ok: true });
    expect(fake.calls.at(-1)?.method).toBe('auth.signOut');
    expect(s.store.getState().session).toBeNull();
    expect(storedSessionId()).toBeNull();
    expect(app.store.getState().actorId).toBeNull();
  });

  it('keeps a refused sign-in in its error (the lockout says when to try again), and clears it on success', async () => {
    const locked = '登录失败次数过多，请于 10:00:30（30 秒后）再试 / Too many failed sign-ins: try again at 10:00:30 (in 30 s)';
    const { fake, s, app } = setup({
      'auth.signIn': () => {
        throw new RpcError(RpcCode.Unauthorized, locked, { retryAt: NOW + 30_000 });
      },
    });
    await holdOpen(fake, s);
    expect(await s.commands.signIn('周杰', 'wrong password')).toBeNull();
    expect(s.store.getState().error).toMatchObject({ command: 'signIn', message: locked, code: RpcCode.Unauthorized });
    expect(s.store.getState().session).toBeNull();
    expect(storedSessionId()).toBeNull();
    expect(app.store.getState().actorId).toBeNull();
    fake.reply('auth.signIn', () => ({ ...session(), sessionId: SID }));
    await s.commands.signIn('周杰', 'correct horse 1');
    expect(s.store.getState().error).toBeNull();
  });

  it('lets a sign-in made while the first read is on its way stand', async () => {
    let answer: (s: Session | null) => void = () => undefined;
    const { fake, s } = setup({
      'auth.whoAmI': () => new Promise<Session | null>((r) => (answer = r)),
      'auth.signIn': () => ({ ...session(), sessionId: SID }),
    });
    s.hold();
    fake.status('open');
    await s.commands.signIn('周杰', 'correct horse 1');
    answer(null); // about the connection before the sign-in
    await tick();
    expect(s.store.getState().session).toEqual(session());
  });
});
