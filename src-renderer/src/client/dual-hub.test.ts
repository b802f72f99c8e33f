// Dropping repeats: every message arrives once per link (and once per socket of the target), so
// the receiver must act on each exactly once, and keep only the newest record and presence.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../test-kit/fake-socket';
import { DualHub, SIGNAL_HOLD_MS, SOCKET_TIMING } from './dual-hub';
import { aConsultation } from '../test-kit/consultation';

const CID = 'cs_abcdefgh';
const signal = (msgId: string) => ({
  consultationId: CID,
  from: 'district',
  to: 'liuhua',
  msgId,
  payload: { kind: 'rebuild', link: 'A', session: 'sess-000001' },
});
const consultation = (rev: number, topic = '防汛') => aConsultation({ id: CID, topic, rev });

function twoLinks() {
  FakeSocket.all = [];
  const got = { signals: [] as unknown[], changed: [] as number[], presence: [] as number[] };
  const hub = new DualHub(
    { urls: { A: 'ws://10.231.1.1:4310/rpc', B: 'ws://10.231.2.1:4310/rpc' }, WebSocket: FakeSocket },
    {
      signal: (m) => got.signals.push(m.msgId),
      changed: (c) => got.changed.push(c.rev),
      presence: (p) => got.presence.push(p.seq),
    },
  );
  const [a, b] = FakeSocket.all;
  a.open();
  b.open();
  return { hub, a, b, got };
}

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
  vi.useRealTimers();
});

describe('DualHub', () => {
  it('opens one socket per link, to that link’s hub address', () => {
    const { hub, a, b } = twoLinks();
    cleanup = () => hub.dispose();
    expect([a.url, b.url]).toEqual(['ws://10.231.1.1:4310/rpc', 'ws://10.231.2.1:4310/rpc']);
    expect(hub.state('A')).toBe('open');
  });

  it('acts once on a signal that arrives on both sockets, twice over', () => {
    const { hub, a, b, got } = twoLinks();
    cleanup = () => hub.dispose();
    a.notify('consult.signal', signal('sess01.1'));
    b.notify('consult.signal', signal('sess01.1'));
    b.notify('consult.signal', signal('sess01.2'));
    a.notify('consult.signal', signal('sess01.1'));
    a.notify('consult.signal', signal('sess01.2'));
    expect(got.signals).toEqual(['sess01.1', 'sess01.2']);
  });

  it('keeps only newer records and newer presence, whichever socket brings them first', () => {
    const { hub, a, b, got } = twoLinks();
    cleanup = () => hub.dispose();
    b.notify('consult.changed', consultation(3));
    a.notify('consult.changed', consultation(2)); // late copy of an older revision
    a.notify('consult.changed', consultation(3));
    a.notify('consult.changed', consultation(4));
    expect(got.changed).toEqual([3, 4]);
    const presence = (epoch: number, seq: number) => ({ consultationId: CID, present: [], epoch, seq });
    a.notify('consult.presence', presence(100, 5));
    b.notify('consult.presence', presence(100, 4));
    b.notify('consult.presence', presence(100, 5));
    // A restarted hub begins a new epoch with a small seq: that is news, not a repeat.
    a.notify('consult.presence', presence(200, 1));
    expect(got.presence).toEqual([5, 1]);
  });

  it('sends a signal on every open socket, and keeps working when one link is lost', async () => {
    const { hub, a, b } = twoLinks();
    cleanup = () => hub.dispose();
    const sent = hub.callAll('consult.signal', signal('sess01.9') as never);
    expect(a.sent.map((m) => m.method)).toEqual(['consult.signal']);
    expect(b.sent.map((m) => m.method)).toEqual(['consult.signal']);
    b.reply(b.sent[0].id, { delivered: 1, duplicate: false });
    await expect(sent).resolves.toEqual({ delivered: 1, duplicate: false });

    a.drop();
    expect(hub.state('A')).toBe('closed');
    const again = hub.callAll('consult.signal', signal('sess01.10') as never);
    expect(b.sent.map((m) => m.method)).toEqual(['consult.signal', 'consult.signal']);
    b.reply(b.sent[1].id, { delivered: 1, duplicate: false });
    await expect(again).resolves.toEqual({ delivered: 1, duplicate: false });
  });

  it('sends a signal also on a socket that is reconnecting, held briefly, so a dead but "open" one cannot swallow it', async () => {
    vi.useFakeTimers();
    const { hub, a, b } = twoLinks();
    cleanup = () => hub.dispose();
    // Link A was cut: its socket is down and reconnecting. Link B's has just died but still counts as open.
    a.drop();
    const sent = hub.callAll('consult.signal', signal('sess01.11') as never);
    expect(b.sent.map((m) => m.method)).toEqual(['consult.signal']); // into the dead socket
    vi.advanceTimersByTime(SOCKET_TIMING.backoffMaxMs);
    const a2 = FakeSocket.latest();
    expect(a2.url).toBe('ws://10.231.1.1:4310/rpc');
    a2.open(); // link A is back: the held signal goes out there
    expect(a2.sent.map((m) => m.method)).toEqual(['consult.signal']);
    a2.reply(a2.sent[0].id, { delivered: 1, duplicate: false });
    await expect(sent).resolves.toEqual({ delivered: 1, duplicate: false });
    // A socket back later than the hold: a signal that old is not sent at all.
    a2.drop();
    const late = hub.callAll('consult.signal', signal('sess01.12') as never);
    const onB = b.sent.filter((m) => m.method === 'consult.signal');
    expect(onB).toHaveLength(2);
    b.reply(onB[1].id, { delivered: 1, duplicate: false });
    await expect(late).resolves.toEqual({ delivered: 1, duplicate: false });
    vi.advanceTimersByTime(SIGNAL_HOLD_MS + 1);
    FakeSocket.latest().open();
    expect(FakeSocket.latest().sent.map((m) => m.method)).toEqual([]);
  });

  it('tries a lost socket again at least every second, and gives up a connect that hangs', () => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    const hub = new DualHub({ urls: { A: 'ws://a/rpc' }, WebSocket: FakeSocket }, {});
    cleanup = () => hub.dispose();
    // The hub is down: every attempt is refused at once, ten times over; the next never waits more than 1 s.
    for (let i = 0; i < 10; i++) {
      const n = FakeSocket.all.length;
      FakeSocket.latest().drop();
      vi.advanceTimersByTime(SOCKET_TIMING.backoffMaxMs);
      expect(FakeSocket.all).toHaveLength(n + 1);
    }
    // A connect into a dead link neither opens nor fails (its SYN is lost): made again after 1.5 s.
    const hung = FakeSocket.latest();
    vi.advanceTimersByTime(SOCKET_TIMING.connectTimeoutMs + SOCKET_TIMING.backoffMaxMs);
    expect(hung.closed).toBe(true);
    expect(FakeSocket.latest()).not.toBe(hung);
    expect(hub.state('A')).toBe('connecting');
  });

  it('tries the other link at once when one link’s socket opens again (the hub is back)', () => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    const hub = new DualHub({ urls: { A: 'ws://a/rpc', B: 'ws://b/rpc' }, WebSocket: FakeSocket }, {});
    cleanup = () => hub.dispose();
    const latestOf = (url: string): FakeSocket => FakeSocket.all.filter((s) => s.url === url).at(-1)!;
    latestOf('ws://a/rpc').open();
    // Link B's socket has failed a few times: its back-off is now at the cap (0.5–1 s).
    for (let i = 0; i < 4; i++) {
      latestOf('ws://b/rpc').drop();
      vi.advanceTimersByTime(SOCKET_TIMING.backoffMaxMs);
    }
    latestOf('ws://b/rpc').drop();
    const bSockets = FakeSocket.all.filter((s) => s.url === 'ws://b/rpc').length;
    latestOf('ws://a/rpc').drop(); // first failure: back-off at most 250 ms
    vi.advanceTimersByTime(SOCKET_TIMING.backoffBaseMs);
    expect(FakeSocket.all.filter((s) => s.url === 'ws://b/rpc')).toHaveLength(bSockets); // B still waits
    latestOf('ws://a/rpc').open();
    expect(FakeSocket.all.filter((s) => s.url === 'ws://b/rpc')).toHaveLength(bSockets + 1); // …not any more
  });

  it('tells the owner when a link’s socket (re)opens, so it can join again there', () => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    const opened: string[] = [];
    const hub = new DualHub({ urls: { A: 'ws://a/rpc', B: 'ws://b/rpc' }, WebSocket: FakeSocket }, { opened: (l) => opened.push(l) });
    cleanup = () => hub.dispose();
    FakeSocket.all[0].open();
    FakeSocket.all[1].open();
    FakeSocket.all[0].drop();
    vi.advanceTimersByTime(SOCKET_TIMING.backoffMaxMs); // backoff, then a new socket for link A
    FakeSocket.all[2].open();
    expect(opened).toEqual(['A', 'B', 'A']);
    expect(FakeSocket.all[2].url).toBe('ws://a/rpc');
  });
});
