// The hub against the real core and the real sql.js store, over real sockets on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openCore, type Core } from '../../../src-main/core/app';
import { methodNames } from '@contract/api';
import { RpcCode } from '@contract/errors';
import { standardLayout } from '@contract/layouts';
import { startHub, type Hub } from '../../../src-main/hub/server';
import { connect } from '../../support/rpc-socket';
import { tempDir } from '../../support/temp-dir';

const TOKEN = 'test-token-123456';
let core: Core;
let hub: Hub;
let base: string;
const tmp = tempDir();

beforeAll(async () => {
  const ui = join(tmp.dir, 'ui');
  mkdirSync(ui);
  writeFileSync(join(ui, 'index.html'), '<!doctype html><title>wall</title>');
  core = await openCore({ dataDir: join(tmp.dir, 'data'), host: 'hub' });
  hub = await startHub({ core, token: TOKEN, hosts: ['127.0.0.1'], port: 0, staticDir: ui, log: { info() {}, warn() {}, error() {} } });
  base = `127.0.0.1:${hub.port}`;
});

afterAll(async () => {
  await hub?.close();
  await core?.close();
  tmp.remove();
});

describe('the hub over HTTP', () => {
  it('answers /healthz without a token', async () => {
    const res = await fetch(`http://${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('refuses the UI without a token, or with a wrong one', async () => {
    expect((await fetch(`http://${base}/`)).status).toBe(401);
    expect((await fetch(`http://${base}/?token=wrong-token-000000`)).status).toBe(401);
    expect((await fetch(`http://${base}/`, { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
  });

  it('serves the UI with the token, and sets the cookie the page’s own requests use', async () => {
    const res = await fetch(`http://${base}/?token=${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toContain('HttpOnly');
    const again = await fetch(`http://${base}/index.html`, { headers: { Cookie: cookie.split(';')[0] } });
    expect(again.status).toBe(200);
    expect((await fetch(`http://${base}/index.html`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
  });
});

describe('the hub over WebSocket', () => {
  it('refuses a socket without the token', async () => {
    await expect(connect(`ws://${base}/rpc`)).rejects.toThrow(/401/);
    await expect(connect(`ws://${base}/rpc?token=bad-bad-bad-bad`)).rejects.toThrow(/401/);
  });

  it('accepts the token as a bearer header or a query parameter', async () => {
    const a = await connect(`ws://${base}/rpc`, { Authorization: `Bearer ${TOKEN}` });
    const b = await connect(`ws://${base}/rpc?token=${TOKEN}`);
    expect((await a.call('system.info')).result).toMatchObject({ host: 'hub', app: 'command-wall' });
    expect((await b.call('centre.get')).result).toMatchObject({ level: 'district' });
    a.close();
    b.close();
  });

  it('rpc.discover lists every method of the contract', async () => {
    const s = await connect(`ws://${base}/rpc?token=${TOKEN}`);
    const doc = (await s.call('rpc.discover')).result;
    expect(doc.openrpc).toBeDefined();
    expect(doc.methods.map((m: { name: string }) => m.name).sort()).toEqual([...methodNames].sort());
    s.close();
  });

  it('survives malformed messages on the same socket', async () => {
    const s = await connect(`ws://${base}/rpc?token=${TOKEN}`);
    expect(await s.sendRaw('not json')).toMatchObject({ error: { code: RpcCode.ParseError } });
    expect(await s.sendRaw('{"jsonrpc":"2.0","id":"q","method":5}')).toMatchObject({ error: { code: RpcCode.InvalidRequest } });
    expect(await s.sendRaw('{"jsonrpc":"2.0","id":"z","method":"wall.activate","params":{"display":"one"}}')).toMatchObject({
      id: 'z',
      error: { code: RpcCode.InvalidParams, message: expect.stringContaining('params.display') },
    });
    expect((await s.call('system.info')).result).toMatchObject({ app: 'command-wall' });
    s.close();
  });

  it('pushes changes to every other socket as notifications', async () => {
    const officer = await connect(`ws://${base}/rpc?token=${TOKEN}`);
    const wall = await connect(`ws://${base}/rpc?token=${TOKEN}`);
    const preset = { id: 'flood', name: '三防', layout: standardLayout('2x2'), cells: ['clock-status', null, null, 'this-centre'] };
    const saved = await officer.call('wall.savePreset', { preset });
    expect(saved.error).toBeUndefined();
    const pushed = await wall.nextNotification('wall.changed');
    expect(pushed.presets.map((p: { id: string }) => p.id)).toContain('flood');
    await officer.call('wall.activate', { display: 1, presetId: 'flood' });
    expect((await wall.nextNotification('wall.changed')).active['1']).toBe('flood');
    officer.close();
    wall.close();
  });

  it('refuses domain rule violations with a clear message', async () => {
    const s = await connect(`ws://${base}/rpc?token=${TOKEN}`);
    const del = await s.call('wall.removePreset', { id: 'overview' });
    expect(del.error).toMatchObject({ code: RpcCode.Refused, message: expect.stringContaining('display 1') });
    const missing = await s.call('wall.activate', { display: 0, presetId: 'no-such' });
    expect(missing.error?.message).toContain('no preset with id no-such');
    s.close();
  });
});
