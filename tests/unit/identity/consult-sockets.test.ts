// A console page's consultation sockets act as the person signed in on the console (issue 14), not
// as whoever a consult.start names. Through a real hub with the renderer's own parts: the page's
// client (ws-client.ts, its address from the page's as in client/index.ts), the identity slice's
// sign-in and sign-out, and the consultation's two sockets (client/dual-hub.ts, one per link, their
// addresses from pageHubSocket() as the consult slice takes them). A browser-mode console page on
// the bootstrap token, and an enrolled console machine.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import { pageHubSocket } from '../../../src-renderer/src/client';
import { DualHub } from '../../../src-renderer/src/client/dual-hub';
import { rpcUrl, WsClient, type SocketCtor } from '../../../src-renderer/src/client/ws-client';
import { identitySlice } from '../../../src-renderer/src/state/identity/identity-slice';
import { SliceHost } from '../../../src-renderer/src/state/slice';
import { connect } from '../../support/rpc-socket';
import { demoHub, demoPeople, ok, PASSWORD } from './demo-hub';
import { enrolMachine, machineUrl } from './machines-kit';

const TOKEN = 'test-token-consult-sockets';
const h = demoHub(TOKEN);
const Ws = WebSocket as unknown as SocketCtor;

/** The page this test plays: the browser's location (a console page of the hub), no desktop bridge. */
const g = globalThis as { window?: unknown; location?: unknown };
let page: { protocol: string; host: string; search: string };
beforeAll(() => {
  page = { protocol: 'http:', host: `127.0.0.1:${h.hub.port}`, search: `?token=${TOKEN}&view=console` };
  g.location = page;
  g.window = { location: page };
});
afterAll(() => {
  delete g.window;
  delete g.location;
});

const start = (startedBy: string) => ({ topic: '防汛视频会商', startedBy, participants: [{ id: 'liuhua', name: '流花街' }] });

async function refusal(p: Promise<unknown>): Promise<{ code?: number; message?: string }> {
  return p.then(
    () => ({}),
    (err: { code?: number; message?: string }) => err,
  );
}

/** The page's client, its identity slice, and its consultation's sockets on both links. */
function consolePage(url: string, links: { A: string; B: string }) {
  const client = new WsClient({ url, WebSocket: Ws, heartbeatMs: 0 });
  const identity = new SliceHost(client).get(identitySlice);
  const release = identity.hold();
  const consult = new DualHub({ urls: links, WebSocket: Ws }, {});
  return {
    identity,
    consult,
    close() {
      consult.dispose();
      release();
      client.dispose();
    },
  };
}

describe('a console page’s consultation sockets', () => {
  it('on the bootstrap token (browser mode): refused a consult.start naming anyone while nobody is signed in, made as the signed-in person after sign-in, refused after sign-out', async () => {
    const admin = await connect(h.url);
    const { leader } = await demoPeople(admin, 'leader');

    // Both links to the page's own hub, as the consult slice resolves a district with no hub URL.
    const own = pageHubSocket()!;
    const p = consolePage(rpcUrl(page), { A: own, B: own.replace('127.0.0.1', 'localhost') });
    // Set-up is over: an unsigned console names nobody, on its consultation's sockets too.
    const unsigned = await refusal(p.consult.start(start(leader.name)));
    expect(unsigned.code).toBe(RpcCode.Unauthorized);
    expect(unsigned.message).toContain('params.startedBy');

    // Signed in on the page (its own socket): the consultation's sockets follow, without a reload.
    await p.identity.commands.signIn(leader.name, PASSWORD);
    const started = await p.consult.start(start(leader.name));
    const { entries } = await ok(admin, 'audit.list', { method: 'consult.start', limit: 1 });
    expect(entries[0]).toMatchObject({ personId: leader.id, personName: leader.name, transport: 'ws' });
    // Someone else named: refused as a forged actor.
    expect((await refusal(p.consult.start(start('值班员')))).code).toBe(RpcCode.Forbidden);
    // Each link's socket follows (B's too: consult.end goes on whichever answers first).
    expect(await p.consult.callOn('B', 'auth.whoAmI', {})).toMatchObject({ person: { id: leader.id } });
    // One person at one console, though three sockets are bound to the session (the wall's 在席).
    const at: { person: { id: string } }[] = await ok(admin, 'auth.listSignedIn');
    expect(at.filter((x) => x.person.id === leader.id)).toHaveLength(1);
    await p.consult.end({ id: started.id, endedBy: leader.name });

    // Signed out on the page: refused again, on both links.
    await p.identity.commands.signOut();
    for (const link of ['A', 'B'] as const) {
      expect(await p.consult.callOn(link, 'auth.whoAmI', {})).toBeNull();
      expect((await refusal(p.consult.callOn(link, 'consult.start', start(leader.name)))).code).toBe(RpcCode.Unauthorized);
    }
    p.close();
    admin.close();
  });

  it('on an enrolled console machine: refused while nobody is signed in, made as the signed-in person after sign-in, refused after sign-out', async () => {
    const admin = await connect(h.url);
    const { leader } = await demoPeople(admin, 'leader');
    const url = machineUrl(h, await enrolMachine(admin, 'console', '值班席位 会商'));

    const p = consolePage(url, { A: url, B: url.replace('127.0.0.1', 'localhost') });
    expect((await refusal(p.consult.start(start(leader.name)))).code).toBe(RpcCode.Forbidden);

    await p.identity.commands.signIn(leader.name, PASSWORD);
    await p.consult.start(start(leader.name));
    const { entries } = await ok(admin, 'audit.list', { method: 'consult.start', limit: 1 });
    expect(entries[0]).toMatchObject({ personId: leader.id, personName: leader.name });
    expect(entries[0].machineId).not.toBeNull();

    await p.identity.commands.signOut();
    for (const link of ['A', 'B'] as const) {
      expect((await refusal(p.consult.callOn(link, 'consult.start', start(leader.name)))).code).toBe(RpcCode.Forbidden);
    }
    p.close();
    admin.close();
  });
});
