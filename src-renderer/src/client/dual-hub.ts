// Signalling over both links: one JSON-RPC socket to the district hub per link (two WsClients,
// each reconnecting with backoff by itself). Every message goes out on every socket (one that is
// reconnecting holds it briefly, see callAll); what comes back arrives once per socket, so
// repeats are dropped here: signalling and control by message id, records by revision, presence
// by (epoch, seq). Losing one socket changes nothing.
//
// Both sockets act as the person signed in on the page (WsClient followSession: a sign-in or
// sign-out on the page re-binds them at once), and on a console page they say so (view=console),
// so the hub holds a consult.start or consult.end to the console's rule, as every other write.
import type { MethodName, ParamsOf, ResultOf, TransportStatus } from '@contract/api';
import { RecentIds, type Consultation, type ControlMessage, type EndpointStatus, type Presence, type SignalMessage } from '@contract/consult';
import { LinkId as LinkIds } from '@contract/centre';
import { announcedUrl, isConsolePage, TransportError, WsClient, type SocketCtor } from './ws-client';

type LinkId = (typeof LinkIds.options)[number];

export type SocketState = TransportStatus | 'off';

export interface DualHubHandlers {
  signal?(msg: SignalMessage): void;
  control?(msg: ControlMessage): void;
  changed?(c: Consultation): void;
  presence?(p: Presence): void;
  status?(s: EndpointStatus): void;
  /** A link's socket opened (first time or after a reconnect): join again there. */
  opened?(link: LinkId): void;
  socket?(link: LinkId, state: SocketState): void;
}

/**
 * Each link's socket. A dead link must be noticed in seconds, not the default minute: a quiet
 * socket is probed every second and given up when the probe is unanswered for 3 s (a hub on a
 * loaded machine can take 2 s to answer). A socket must
 * be back within about a second of its hub or link: reconnects at most 1 s apart (a 4 s cap kept
 * sockets "connecting" 4.0–4.5 s after a restarted hub listened), and a connect that is not open
 * within 3 s (its SYN lost in a dead link, waiting for TCP's own retries at 1, 3, 7 s) is made
 * again. Not sooner: a browser opens one socket at a time per hub address (RFC 6455 §4.1), so a
 * page's socket can wait behind another page's; with 1.5 s the district's own wall (beside its
 * console) took 2.7–15.5 s to be back after a hub restart, suspected to be that.
 */
export const SOCKET_TIMING = {
  heartbeatMs: 1000,
  probeTimeoutMs: 3000,
  callTimeoutMs: 4000,
  connectTimeoutMs: 3000,
  backoffBaseMs: 250,
  backoffMaxMs: 1000,
} as const;

/** How long a signal waits for a socket that is not open (it is useless later: the sender retries). */
export const SIGNAL_HOLD_MS = 2000;

export interface DualHubOptions {
  /** The hub's /rpc URL per link; a link without one stays off. */
  urls: Partial<Record<LinkId, string>>;
  WebSocket?: SocketCtor;
  now?: () => number;
  /** Say view=console on each socket (default: when this page is a console page). */
  announce?: boolean;
}

export class DualHub {
  private readonly clients = new Map<LinkId, WsClient>();
  private readonly states = new Map<LinkId, SocketState>();
  private readonly seen = new RecentIds(4096, 120_000);
  private readonly revs = new Map<string, number>();
  private presenceMark: { epoch: number; seq: number } | null = null;
  private readonly statusAt = new Map<string, number>();
  private readonly offs: (() => void)[] = [];
  private readonly now: () => number;

  constructor(
    opts: DualHubOptions,
    private readonly on: DualHubHandlers,
  ) {
    this.now = opts.now ?? Date.now;
    const announce = opts.announce ?? isConsolePage();
    for (const link of LinkIds.options) {
      const given = opts.urls[link];
      this.states.set(link, 'off');
      if (!given) continue;
      const url = announce ? announcedUrl(given) : given;
      const client = new WsClient({ url, ...(opts.WebSocket ? { WebSocket: opts.WebSocket } : {}), ...SOCKET_TIMING, followSession: true });
      this.clients.set(link, client);
      this.offs.push(
        client.onStatus((s) => {
          this.states.set(link, s);
          this.on.socket?.(link, s);
          if (s !== 'open') return;
          // The hub answers on this link: the others need not wait out their back-off.
          for (const [other, c] of this.clients) if (other !== link) c.reconnectNow();
          this.on.opened?.(link);
        }),
        client.on('consult.signal', (m) => this.once(`s:${m.from}:${m.msgId}`) && this.on.signal?.(m)),
        client.on('consult.control', (m) => this.once(`c:${m.msgId}`) && this.on.control?.(m)),
        client.on('consult.changed', (c) => this.newerRev(c) && this.on.changed?.(c)),
        client.on('consult.presence', (p) => this.newerPresence(p) && this.on.presence?.(p)),
        client.on('consult.getStatus', (s) => this.newerStatus(s) && this.on.status?.(s)),
      );
    }
  }

  state(link: LinkId): SocketState {
    return this.states.get(link) ?? 'off';
  }

  get links(): LinkId[] {
    return [...this.clients.keys()];
  }

  /** One call on one link: the first open one, else the other if the first fails in transport. */
  async call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const order = [...this.clients.entries()].sort(([a], [b]) => Number(this.state(b) === 'open') - Number(this.state(a) === 'open'));
    let last: unknown = new Error('no link to the district hub is configured (set hubUrl on link A or B)');
    for (const [, client] of order) {
      try {
        return await client.call(method, params);
      } catch (err) {
        if (!(err instanceof TransportError)) throw err;
        last = err;
      }
    }
    throw last;
  }

  /** The same call on one link's socket (joining is per socket). */
  callOn<M extends MethodName>(link: LinkId, method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const client = this.clients.get(link);
    if (!client) return Promise.reject(new Error(`link ${link} has no hub URL`));
    return client.call(method, params);
  }

  /**
   * The same message on every socket; resolves with the first success. An open socket sends it
   * now; one that is not open holds it for at most SIGNAL_HOLD_MS and sends it once it opens. A
   * socket that has just died can still count as open for a few seconds (until its probe goes
   * unanswered), and one that is just back can still be connecting: sending only on the "open"
   * ones lost the message in the first and never tried the second. Receivers drop the repeat.
   */
  async callAll<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const all = [...this.clients.entries()];
    if (all.length === 0) throw new Error('no link to the district hub is configured');
    const anyOpen = all.some(([l]) => this.state(l) === 'open');
    return Promise.any(
      all.map(([l, c]) => (anyOpen && this.state(l) !== 'open' ? c.call(method, params, { timeoutMs: SIGNAL_HOLD_MS }) : c.call(method, params))),
    ).catch((e: AggregateError) => {
      throw e.errors[0];
    });
  }

  // ---- the consultation's calls, by name -------------------------------------------------
  /** Binds this link's socket to a consultation (joining is per socket). */
  join(link: LinkId, params: ParamsOf<'consult.join'>): Promise<ResultOf<'consult.join'>> {
    return this.callOn(link, 'consult.join', params);
  }

  /** The live and recent consultations, on one link's socket, or on whichever link answers. */
  list(limit: number, link?: LinkId): Promise<ResultOf<'consult.list'>> {
    return link ? this.callOn(link, 'consult.list', { limit }) : this.call('consult.list', { limit });
  }

  /** A signalling message, on every open socket. */
  signal(msg: ParamsOf<'consult.signal'>): Promise<ResultOf<'consult.signal'>> {
    return this.callAll('consult.signal', msg);
  }

  /** A console's command to an endpoint, on every open socket. */
  control(msg: ParamsOf<'consult.control'>): Promise<ResultOf<'consult.control'>> {
    return this.callAll('consult.control', msg);
  }

  leave(params: ParamsOf<'consult.leave'>): Promise<ResultOf<'consult.leave'>> {
    return this.call('consult.leave', params);
  }

  report(status: EndpointStatus): Promise<ResultOf<'consult.report'>> {
    return this.call('consult.report', { status });
  }

  start(params: ParamsOf<'consult.start'>): Promise<ResultOf<'consult.start'>> {
    return this.call('consult.start', params);
  }

  end(params: ParamsOf<'consult.end'>): Promise<ResultOf<'consult.end'>> {
    return this.call('consult.end', params);
  }

  dispose(): void {
    for (const off of this.offs.splice(0)) off();
    for (const c of this.clients.values()) c.dispose();
    this.clients.clear();
  }

  private once(id: string): boolean {
    return this.seen.firstTime(id, this.now());
  }

  private newerRev(c: Consultation): boolean {
    const had = this.revs.get(c.id) ?? -1;
    if (c.rev <= had) return false;
    this.revs.set(c.id, c.rev);
    return true;
  }

  /** A presence that came as a call's result rather than an event: same ordering rule. */
  acceptPresence(p: Presence): boolean {
    return this.newerPresence(p);
  }

  acceptConsultation(c: Consultation): boolean {
    return this.newerRev(c);
  }

  private newerPresence(p: Presence): boolean {
    const m = this.presenceMark;
    // A restarted hub starts a new epoch (its start time): take it even though seq went back.
    if (m && (p.epoch < m.epoch || (p.epoch === m.epoch && p.seq <= m.seq))) return false;
    this.presenceMark = { epoch: p.epoch, seq: p.seq };
    return true;
  }

  private newerStatus(s: EndpointStatus): boolean {
    const key = `${s.participantId}:${s.session}`;
    if ((this.statusAt.get(key) ?? -1) >= s.at) return false;
    this.statusAt.set(key, s.at);
    return true;
  }
}
