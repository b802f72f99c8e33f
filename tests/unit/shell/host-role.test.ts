// The desktop app's two roles, their Node side (src-main/shell/host-role.ts), against a real core
// and hub on loopback: a host starts the hub beside its core with a token file of its own; a
// client enrols with the district's one-time code (link A down: link B) and its window's client
// (the renderer's WsClient, as client/index.ts builds it from the preload's socket list) reaches
// the hub with the credential over whichever link answers.
import { statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openCore, type Core } from '../../../src-main/core/app';
import { EnrolError, enrolWithHub, startHostHub, type HostHub } from '../../../src-main/shell/host-role';
import { clientSocketUrls, HOST_TOKEN_FILE } from '../../../src-main/shell/machine-role';
import { WsClient } from '../../../src-renderer/src/client/ws-client';
import { quiet } from '../../support/core-harness';
import { tempDir } from '../../support/temp-dir';

const tmp = tempDir();
let core: Core;
let host: HostHub;
let hubUrl: string;
/** A loopback port nothing listens on: link A, down. */
let deadUrl: string;

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

beforeAll(async () => {
  core = await openCore({ dataDir: join(tmp.dir, 'data'), host: 'electron', demo: true, log: quiet });
  host = await startHostHub(core, { role: 'host', hosts: ['127.0.0.1'], port: 0 }, { userData: tmp.dir, rendererDir: join(tmp.dir, 'no-renderer') });
  hubUrl = `http://127.0.0.1:${host.hub.port}`;
  deadUrl = `http://127.0.0.1:${await freePort()}`;
});
afterAll(async () => {
  await host?.hub.close();
  await core?.close();
  tmp.remove();
});

async function issueCode(kind: 'wall' | 'console' | 'street', street?: string): Promise<string> {
  const r = (await core.dispatch('auth.issueEnrolCode', street ? { kind, street } : { kind }, { transport: 'local', peer: 'test' })) as { code: string };
  return r.code;
}

describe('desktop host role', () => {
  it('starts the hub beside its core, keeping a new bootstrap token in the user-data folder, owner-only', () => {
    expect(host.tokenFile).toBe(join(tmp.dir, HOST_TOKEN_FILE));
    expect(statSync(host.tokenFile).mode & 0o077).toBe(0);
    expect(host.hub.urls[0]).toContain(`127.0.0.1:${host.hub.port}`);
  });
});

describe('desktop client role', () => {
  it('enrols on link B when link A is down, and its client reaches the hub with the credential though link A is tried first', async () => {
    const code = await issueCode('street', '北京街');
    const enrolled = await enrolWithHub([deadUrl, hubUrl], code, '北京街 1 号机', 2000);
    expect(enrolled.machine).toMatchObject({ kind: 'street', street: '北京街', name: '北京街 1 号机' });

    const role = { role: 'client' as const, hubUrls: [deadUrl, hubUrl], machine: { ...enrolled.machine, street: enrolled.machine.street } };
    const [url, ...otherUrls] = clientSocketUrls(role, enrolled.credential);
    const client = new WsClient({
      url,
      otherUrls,
      WebSocket: WebSocket as never,
      resumeSession: () => null,
      backoffBaseMs: 50,
      backoffMaxMs: 200,
      connectTimeoutMs: 1000,
      heartbeatMs: 0,
      callTimeoutMs: 8000,
    });
    try {
      // The hub admitted the socket as this machine (link B: nothing listens on A).
      const me = (await client.call('auth.getMachine', {} as never)) as { id: string; kind: string } | null;
      expect(me).toMatchObject({ id: enrolled.machine.id, kind: 'street' });
    } finally {
      client.dispose();
    }
  });

  it('says a refused code is refused (not tried again on link B), and an unreachable hub is unreachable', async () => {
    const err = await enrolWithHub([hubUrl, hubUrl], 'ZZZZ-ZZZZ', 'x', 2000).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EnrolError);
    expect((err as EnrolError).reason).toBe('refused');
    const down = await enrolWithHub([deadUrl], await issueCode('wall'), 'x', 2000).catch((e: unknown) => e);
    expect((down as EnrolError).reason).toBe('unreachable');
  });
});
