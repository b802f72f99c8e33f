// A console machine may do nothing before a person signs in (issue 14): its page's first loads must
// not be made as nobody and then left refused. On the real WsClient (a scripted socket): the kept
// session is resumed as the socket's first frame and nothing else leaves before its answer; and a
// slice refused before anyone signed in reads again once a person signs in, and again on sign-out.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RpcCode } from '@contract/errors';
import type { Session } from '@contract/identity';
import { WsClient } from '../../client/ws-client';
import { FakeSocket, type SentMessage } from '../../test-kit/fake-socket';
import { memoryStorage } from '../../test-kit/memory-storage';
import { tick } from '../../test-kit/slice-kit';
import { defineSlice, SliceHost } from '../slice';
import { identitySlice } from './identity-slice';
import { storeSessionId } from './stored-session';

const SID = 'S'.repeat(43);
const session: Session = { person: { id: 'per_zhoujie01', name: '周杰', role: 'officer' }, rights: ['read', 'duty.write'], expiresAt: Date.now() + 3_600_000 };

/** A slice that reads who is on duty, as the duty room's do. */
const peopleSlice = defineSlice({
  name: 'people-probe',
  loadAs: 'listPeople',
  initial: () => ({ people: [] as unknown[] }),
  load: async (t) => ({ people: await t.client.call('duty.listPeople', {}) }),
});

const forbidden = { code: RpcCode.Forbidden, message: 'forbidden: duty.listPeople needs the right read (需要权限：read)' };
const unanswered = (s: FakeSocket, method: string): SentMessage[] => s.sent.filter((m) => m.method === method);

let client: WsClient | undefined;
beforeEach(() => {
  FakeSocket.all = [];
  vi.stubGlobal('sessionStorage', memoryStorage());
});
afterEach(() => {
  client?.dispose();
  client = undefined;
  vi.unstubAllGlobals();
});

const makeClient = (): WsClient => (client = new WsClient({ url: 'ws://hub/rpc', WebSocket: FakeSocket, heartbeatMs: 0, random: () => 0.5 }));

describe('a console machine’s first loads', () => {
  it('resume the kept session as the socket’s first frame: nothing else leaves, and the link is not open, before its answer', async () => {
    storeSessionId(SID);
    const host = new SliceHost(makeClient());
    const people = host.get(peopleSlice);
    people.hold();
    const sock = FakeSocket.latest();
    sock.open();
    await tick();
    expect(sock.sent.map((m) => m.method)).toEqual(['auth.resume']);
    expect(sock.sent[0].params).toEqual({ sessionId: SID });
    expect(people.store.getState().live).toBe(false);
    sock.reply(sock.sent[0].id, session);
    await tick();
    const [list] = unanswered(sock, 'duty.listPeople');
    expect(list).toBeDefined();
    sock.reply(list.id, []);
    await tick();
    expect(people.store.getState()).toMatchObject({ loaded: true, live: true, error: null });
  });

  it('an ended session leaves the socket as nobody and the link opens anyway', async () => {
    storeSessionId(SID);
    const host = new SliceHost(makeClient());
    host.get(peopleSlice).hold();
    const sock = FakeSocket.latest();
    sock.open();
    await tick();
    sock.receive({ jsonrpc: '2.0', id: sock.sent[0].id, error: { code: RpcCode.Unauthorized, message: 'session ended' } });
    await tick();
    expect(unanswered(sock, 'duty.listPeople')).toHaveLength(1);
  });

  it('a slice refused before anyone signed in reads again after the sign-in, and after the sign-out', async () => {
    const host = new SliceHost(makeClient());
    const people = host.get(peopleSlice);
    const identity = host.get(identitySlice);
    people.hold();
    identity.hold();
    const sock = FakeSocket.latest();
    sock.open();
    await tick();
    // Nobody kept: no resume; the first loads go at once, and the hub refuses the console's read.
    expect(unanswered(sock, 'auth.resume')).toHaveLength(0);
    sock.receive({ jsonrpc: '2.0', id: unanswered(sock, 'duty.listPeople')[0].id, error: forbidden });
    sock.reply(unanswered(sock, 'auth.whoAmI')[0].id, null);
    await tick();
    expect(people.store.getState().error?.code).toBe(RpcCode.Forbidden);

    const signingIn = identity.commands.signIn('周杰', 'correct horse 1');
    await tick();
    sock.reply(unanswered(sock, 'auth.signIn')[0].id, { ...session, sessionId: SID });
    await signingIn;
    await tick();
    const again = unanswered(sock, 'duty.listPeople');
    expect(again).toHaveLength(2);
    sock.reply(again[1].id, []);
    await tick();
    expect(people.store.getState()).toMatchObject({ loaded: true, live: true, error: null });

    // Signing out is another change of hands: read again, as nobody.
    const out = identity.commands.signOut();
    await tick();
    sock.reply(unanswered(sock, 'auth.signOut')[0].id, { ok: true });
    await out;
    await tick();
    expect(unanswered(sock, 'duty.listPeople')).toHaveLength(3);
  });

  it('a second resume of the same person on an open link reads nothing again', async () => {
    storeSessionId(SID);
    const host = new SliceHost(makeClient());
    host.get(peopleSlice).hold();
    const sock = FakeSocket.latest();
    sock.open();
    await tick();
    sock.reply(sock.sent[0].id, session);
    await tick();
    sock.reply(unanswered(sock, 'duty.listPeople')[0].id, []);
    const resumed = client!.call('auth.resume', { sessionId: SID });
    await tick();
    sock.reply(unanswered(sock, 'auth.resume')[1].id, session);
    await resumed;
    await tick();
    expect(unanswered(sock, 'duty.listPeople')).toHaveLength(1);
  });
});
