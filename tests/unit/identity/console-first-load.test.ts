// A console machine's first loads (issue 14), through the real hub with the renderer's own client
// and slices: a console may do nothing before a person signs in, so what its page reads at first
// is refused; once the person signs in, the refused slice reads again by itself (no per-slice
// code: the client says who it acts for changed). A page that kept its session resumes it as the
// socket's first frame, so its first loads are never refused.
import WebSocket from 'ws';
import { describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import { WsClient, type SocketCtor } from '../../../src-renderer/src/client/ws-client';
import { defineSlice, SliceHost, type CommandError } from '../../../src-renderer/src/state/slice';
import { connect } from '../../support/rpc-socket';
import { demoHub, demoPeople, PASSWORD } from './demo-hub';
import { enrolMachine, machineUrl } from './machines-kit';

const h = demoHub('test-token-console-first-load');

const peopleSlice = defineSlice({
  name: 'people-probe',
  loadAs: 'listPeople',
  initial: () => ({ people: [] as { id: string }[] }),
  load: async (t) => ({ people: await t.client.call('duty.listPeople', {}) }),
});

async function until(check: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 5000;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what}: not within 5 s`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const client = (url: string, sessionId: string | null): WsClient =>
  new WsClient({ url, WebSocket: WebSocket as unknown as SocketCtor, heartbeatMs: 0, resumeSession: () => sessionId });

describe('a console machine’s first loads', () => {
  it('are refused before anyone signs in, read again by themselves after the sign-in, and never refused on a page that resumes its session', async () => {
    const admin = await connect(h.url);
    const { officer } = await demoPeople(admin, 'officer');
    const url = machineUrl(h, await enrolMachine(admin, 'console', '席位 3'));

    // Nobody kept: the first load goes as nobody, and the console may read nothing yet.
    const first = client(url, null);
    const page = new SliceHost(first).get(peopleSlice);
    const release = page.hold();
    await until(() => page.store.getState().error !== null, 'the refusal');
    expect(page.store.getState().error?.code).toBe(RpcCode.Forbidden);
    expect(page.store.getState().loaded).toBe(false);

    const { sessionId } = await first.call('auth.signIn', { name: officer.name, password: PASSWORD });
    await until(() => page.store.getState().loaded, 'the reload after sign-in');
    expect(page.store.getState()).toMatchObject({ error: null, live: true });
    expect(page.store.getState().people.map((p) => p.id)).toContain(officer.id);

    // A reloaded page (a new socket) with the session kept: resumed first, so no load is refused.
    const errors: (CommandError | null)[] = [];
    const second = client(url, sessionId);
    const again = new SliceHost(second).get(peopleSlice);
    again.store.subscribe((s) => errors.push(s.error));
    const release2 = again.hold();
    await until(() => again.store.getState().loaded, 'the first load of the resumed page');
    expect(errors.filter((e) => e !== null)).toEqual([]);
    expect(await second.call('auth.whoAmI', {})).toMatchObject({ person: { id: officer.id } });

    release();
    release2();
    first.dispose();
    second.dispose();
    admin.close();
  });
});
