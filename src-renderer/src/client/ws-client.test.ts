import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RpcCode, RpcError } from '@contract/errors';
import { FakeSocket } from '../test-kit/fake-socket';
import { rpcUrl, TransportError, WsClient } from './ws-client';

const latest = (): FakeSocket => FakeSocket.latest();
const wallState = { presets: [], active: { '0': 'overview' } };

function makeClient(extra: Partial<ConstructorParameters<typeof WsClient>[0]> = {}): WsClient {
  return new WsClient({ url: 'ws://hub/rpc', WebSocket: FakeSocket, random: () => 0.5, heartbeatMs: 0, ...extra });
}

let client: WsClient | undefined;
beforeEach(() => {
  FakeSocket.all = [];
  vi.useFakeTimers();
});
afterEach(() => {
  vi.restoreAllMocks();
  client?.dispose();
  client = undefined;
  vi.useRealTimers();
});

describe('WsClient', () => {
  it('matches replies to calls by id', async () => {
    client = makeClient();
    latest().open();
    const a = client.call('wall.get', {});
    const b = client.call('settings.get', {});
    const [ra, rb] = latest().sent as { id: number; method: string }[];
    expect(ra.method).toBe('wall.get');
    expect(rb.method).toBe('settings.get');
    latest().receive({ jsonrpc: '2.0', id: rb.id, result: { language: 'en', wallDisplays: [], consoleWindow: true } });
    latest().receive({ jsonrpc: '2.0', id: ra.id, result: wallState });
    await expect(a).resolves.toEqual(wallState);
    await expect(b).resolves.toMatchObject({ language: 'en' });
  });

  it('rejects with an RpcError carrying the hub’s code, message and data', async () => {
    client = makeClient();
    latest().open();
    const p = client.call('wall.removePreset', { id: 'overview' });
    latest().receive({ jsonrpc: '2.0', id: latest().lastSent().id, error: { code: -32000, message: 'preset overview is showing', data: { x: 1 } } });
    const err = await p.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect(err).toMatchObject({ code: RpcCode.Refused, message: 'preset overview is showing', data: { x: 1 } });
  });

  it('handles batched replies', async () => {
    client = makeClient();
    latest().open();
    const a = client.call('system.info', {});
    const b = client.call('centre.get', {});
    const [ra, rb] = latest().sent as { id: number }[];
    latest().receive([
      { jsonrpc: '2.0', id: ra.id, result: 1 },
      { jsonrpc: '2.0', id: rb.id, result: 2 },
    ]);
    await expect(Promise.all([a, b])).resolves.toEqual([1, 2]);
  });

  it('dispatches notifications to on() listeners, checked against the contract', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    client = makeClient();
    latest().open();
    const seen: unknown[] = [];
    const off = client.on('wall.changed', (s) => seen.push(s));
    latest().receive({ jsonrpc: '2.0', method: 'wall.changed', params: wallState });
    latest().receive({ jsonrpc: '2.0', method: 'wall.changed', params: { nonsense: true } });
    latest().receive({ jsonrpc: '2.0', method: 'no.such.event', params: {} });
    off();
    latest().receive({ jsonrpc: '2.0', method: 'wall.changed', params: wallState });
    expect(seen).toEqual([wallState]);
  });

  it('times out a call nobody answers, with a clear message', async () => {
    client = makeClient({ callTimeoutMs: 15_000 });
    latest().open();
    const p = client.call('wall.get', {});
    const caught = p.catch((e: unknown) => e);
    vi.advanceTimersByTime(15_000);
    const err = await caught;
    expect(err).toBeInstanceOf(TransportError);
    expect((err as Error).message).toMatch(/wall\.get timed out after 15 s/);
  });

  it('holds calls made while connecting and sends them once open', async () => {
    client = makeClient();
    const p = client.call('centre.get', {});
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().lastSent().method).toBe('centre.get');
    latest().receive({ jsonrpc: '2.0', id: latest().lastSent().id, result: 'ok' });
    await expect(p).resolves.toBe('ok');
  });

  it('reports status, reconnects with backoff, and says open again after a reconnect', async () => {
    client = makeClient({ backoffBaseMs: 1000, backoffMaxMs: 4000 });
    const statuses: string[] = [];
    client.onStatus((s) => statuses.push(s));
    expect(statuses).toEqual(['connecting']);
    latest().open();
    const inFlight = client.call('wall.get', {}).catch((e: unknown) => e);
    latest().drop();
    // A call already sent cannot be known to have happened: it fails at once.
    expect(await inFlight).toMatchObject({ reason: 'disconnected' });
    expect(statuses).toEqual(['connecting', 'open', 'closed']);

    // random() = 0.5 → delay = cap/2 + cap/4 = 750 ms for the first attempt (cap 1000).
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(749);
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(2);
    latest().drop(); // fails to connect: next cap 2000 → 1500 ms
    vi.advanceTimersByTime(1499);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);

    const waiting = client.call('settings.get', {});
    latest().open();
    expect(statuses.slice(-2)).toEqual(['connecting', 'open']);
    latest().receive({ jsonrpc: '2.0', id: latest().lastSent().id, result: 'again' });
    await expect(waiting).resolves.toBe('again');
  });

  it('caps the backoff', () => {
    client = makeClient({ backoffBaseMs: 1000, backoffMaxMs: 4000, random: () => 1 });
    for (let i = 0; i < 6; i++) {
      const n = FakeSocket.all.length;
      latest().drop();
      vi.advanceTimersByTime(4000);
      expect(FakeSocket.all).toHaveLength(n + 1);
    }
  });

  it('ignores a socket it has given up on', () => {
    client = makeClient();
    const first = latest();
    first.open();
    const seen: unknown[] = [];
    client.on('wall.changed', (s) => seen.push(s));
    first.drop();
    first.receive({ jsonrpc: '2.0', method: 'wall.changed', params: wallState });
    expect(seen).toEqual([]);
  });

  it('gives up a quiet socket whose heartbeat goes unanswered', async () => {
    client = makeClient({ heartbeatMs: 20_000, callTimeoutMs: 5_000 });
    const statuses: string[] = [];
    client.onStatus((s) => statuses.push(s));
    latest().open();
    vi.advanceTimersByTime(20_000);
    expect(latest().lastSent().method).toBe('system.info');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(statuses.at(-1)).toBe('closed');
    expect(latest().closed).toBe(true);
  });

  it('probes with its own, shorter deadline', async () => {
    client = makeClient({ heartbeatMs: 1000, callTimeoutMs: 5_000, probeTimeoutMs: 2_000 });
    const statuses: string[] = [];
    client.onStatus((s) => statuses.push(s));
    latest().open();
    vi.advanceTimersByTime(1000);
    expect(latest().lastSent().method).toBe('system.info');
    await vi.advanceTimersByTimeAsync(1_999);
    expect(statuses.at(-1)).toBe('open');
    await vi.advanceTimersByTimeAsync(1);
    expect(statuses.at(-1)).toBe('closed');
  });

  it('gives up a connect that does not open in time, and makes a new socket', () => {
    client = makeClient({ connectTimeoutMs: 1500, backoffBaseMs: 200, backoffMaxMs: 200 });
    const statuses: string[] = [];
    client.onStatus((s) => statuses.push(s));
    const hung = latest();
    vi.advanceTimersByTime(1499);
    expect(hung.closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(hung.closed).toBe(true);
    expect(statuses).toEqual(['connecting', 'closed']);
    vi.advanceTimersByTime(200);
    expect(latest()).not.toBe(hung);
    // An open socket is not given up by the connect timer.
    latest().open();
    vi.advanceTimersByTime(5000);
    expect(latest().closed).toBe(false);
  });

  it('gives a call its own deadline when asked', async () => {
    client = makeClient({ callTimeoutMs: 15_000 });
    const p = client.call('wall.get', {}, { timeoutMs: 2000 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(2000);
    expect(await p).toMatchObject({ reason: 'timeout', message: expect.stringMatching(/timed out after 2 s \(not connected/) });
  });

  it('refuses new calls after dispose and fails the outstanding ones', async () => {
    client = makeClient();
    const p = client.call('wall.get', {}).catch((e: unknown) => e);
    client.dispose();
    expect(await p).toMatchObject({ reason: 'closed' });
    await expect(client.call('wall.get', {})).rejects.toMatchObject({ reason: 'closed' });
  });
});

describe('rpcUrl', () => {
  it('uses the page origin and passes the page token on', () => {
    expect(rpcUrl({ protocol: 'http:', host: '10.0.0.5:4399', search: '?view=wall&token=a b' })).toBe('ws://10.0.0.5:4399/rpc?token=a%20b');
    expect(rpcUrl({ protocol: 'https:', host: 'hub', search: '' })).toBe('wss://hub/rpc');
  });

  it('says a console page is one (the hub holds it to the sign-in rule on the token); other views say nothing', () => {
    expect(rpcUrl({ protocol: 'http:', host: 'hub', search: '?token=t&view=console&tab=plans' })).toBe('ws://hub/rpc?token=t&view=console');
    expect(rpcUrl({ protocol: 'http:', host: 'hub', search: '?view=console' })).toBe('ws://hub/rpc?view=console');
    expect(rpcUrl({ protocol: 'http:', host: 'hub', search: '?view=print-log' })).toBe('ws://hub/rpc');
    expect(rpcUrl({ protocol: 'http:', host: 'hub', search: '?token=t&view=console' }, false)).toBe('ws://hub/rpc?token=t');
  });
});
