// How one of a page's further sockets (the consultation's, client/dual-hub.ts) follows the page's
// session (WsClient followSession, issue 14), on the real WsClient with a scripted socket: a
// sign-in re-binds the open socket (auth.resume) before any later call leaves, a sign-out signs it
// out, a change while a re-bind is answered is followed after it, and a socket that opens later
// resumes the kept session as its first frame. A client that does not follow is left alone.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WsClient } from '../../../src-renderer/src/client/ws-client';
import { storeSessionId } from '../../../src-renderer/src/state/identity/stored-session';
import { FakeSocket } from '../../../src-renderer/src/test-kit/fake-socket';
import { memoryStorage } from '../../../src-renderer/src/test-kit/memory-storage';
import { tick } from '../../../src-renderer/src/test-kit/slice-kit';

const S1 = '1'.repeat(43);
const S2 = '2'.repeat(43);
const session = (id: string) => ({ person: { id, name: id, role: 'leader' }, rights: ['read'], expiresAt: Date.now() + 3_600_000 });

const clients: WsClient[] = [];
const make = (followSession: boolean): WsClient => {
  const c = new WsClient({ url: 'ws://hub/rpc', WebSocket: FakeSocket, heartbeatMs: 0, random: () => 0.5, followSession });
  clients.push(c);
  return c;
};
const methods = (s: FakeSocket) => s.sent.map((m) => m.method);

beforeEach(() => {
  FakeSocket.all = [];
  vi.stubGlobal('sessionStorage', memoryStorage());
});
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
  vi.unstubAllGlobals();
});

describe('a socket that follows the page’s session', () => {
  it('re-binds at sign-in before a later call leaves, signs out at sign-out, and follows a change made meanwhile', async () => {
    const follower = make(true);
    make(false); // the page's own client: not a follower
    const [fs, ps] = FakeSocket.all;
    fs.open();
    ps.open();
    await tick();
    expect(methods(fs)).toEqual([]);

    storeSessionId(S1);
    const start = follower.call('consult.list', { limit: 1 });
    await tick();
    // The re-bind goes first; the call waits for its answer.
    expect(methods(fs)).toEqual(['auth.resume']);
    expect(fs.sent[0].params).toEqual({ sessionId: S1 });
    expect(methods(ps)).toEqual([]); // not a follower: untouched
    // Changed again before the answer: followed once this one is in.
    storeSessionId(S2);
    fs.reply(fs.sent[0].id, session('p1'));
    await tick();
    expect(methods(fs)).toEqual(['auth.resume', 'consult.list', 'auth.resume']);
    expect(fs.sent[2].params).toEqual({ sessionId: S2 });
    fs.reply(fs.sent[1].id, { live: null });
    await expect(start).resolves.toEqual({ live: null });
    fs.reply(fs.sent[2].id, session('p2'));
    await tick();

    storeSessionId(null);
    await tick();
    expect(fs.lastSent().method).toBe('auth.signOut');
    fs.reply(fs.lastSent().id, { ok: true });
    await tick();

    // A socket made after the sign-in resumes the kept session as its first frame, and no more.
    storeSessionId(S1);
    make(true);
    const ls = FakeSocket.latest();
    ls.open();
    await tick();
    expect(methods(ls)).toEqual(['auth.resume']);
    ls.reply(ls.sent[0].id, session('p1'));
    await tick();
    expect(methods(ls)).toEqual(['auth.resume']);
  });
});
