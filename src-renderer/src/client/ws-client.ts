// ApiClient over WebSocket JSON-RPC 2.0 to the hub (src-main/hub/server.ts, path /rpc).
// The hub may be across a flaky link, so the client reconnects by itself, holds calls made
// while it is down until it is back (each call still has its own deadline), and tells the
// app through onStatus('open') after every (re)connect so the app can refetch its state.
//
// Who the socket acts for: a session is bound to a connection on the hub, so a new socket is
// nobody until it resumes. The session kept for this window (state/identity/stored-session.ts) is
// resumed as the socket's first frame (auth.resume), and no other call leaves, nor is the link
// said to be open, until its answer is in: on a console machine, which may do nothing before a
// person signs in, the first loads are made as that person rather than refused. And the client
// tells (onIdentity) when who it acts for changes on a link that stays open (a sign-in, a sign-out,
// another session resumed), so what was read, or refused, as the one before is read again.
//
// A page's other sockets (the consultation's, one per link: client/dual-hub.ts) act as the person
// signed in on the page too (`followSession`): when the page's kept session changes (a sign-in, a
// hand-over, a sign-out) each re-binds its open socket at once, auth.resume with the new session or
// auth.signOut, and holds its calls until that is answered, as at open. No reconnect, no reload.
import type { ApiClient, MethodName, ParamsOf, ResultOf } from '@contract/api';
import { RpcCode, RpcError, rpcErrorFrom } from '@contract/errors';
import { onStoredSession, storedSessionId } from '../state/identity/stored-session';
import { EventListeners, StatusListeners } from './event-listeners';

/** What we need of a browser WebSocket; tests inject a fake with the same shape. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}
export type SocketCtor = new (url: string) => SocketLike;

const OPEN = 1; // WebSocket.OPEN; fakes need not carry the static

export interface WsClientOptions {
  url: string;
  /**
   * The same hub on the other link (a desktop client's link B): each reconnect after a lost or
   * failed socket tries the next address in turn (url, then these), so either link will do.
   */
  otherUrls?: string[];
  WebSocket?: SocketCtor;
  /** A call not answered within this time (waiting for a connection included) is rejected. */
  callTimeoutMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Calls waiting for a connection beyond this many are refused at once. */
  maxWaiting?: number;
  /** A link can die without a TCP close; a quiet socket is probed this often. 0 turns it off. */
  heartbeatMs?: number;
  /** A probe unanswered this long gives the socket up (default: callTimeoutMs). */
  probeTimeoutMs?: number;
  /**
   * A socket not open this long after it was made is given up and made again. A connect whose
   * SYN went into a dead link waits for TCP's own retries (1, 3, 7 s…) even after the link is back.
   */
  connectTimeoutMs?: number;
  /**
   * The session to resume as each socket's first frame (auth.resume), or null for none. Default:
   * the one kept for this window (stored-session.ts); a client that signs nobody in gives () => null.
   */
  resumeSession?: () => string | null;
  /**
   * Re-bind the open socket whenever the page's kept session changes (stored-session.ts): one of
   * a page's further sockets, which must act as whoever signs in on the page's main one.
   */
  followSession?: boolean;
  random?: () => number;
}

/** The methods after whose success the connection acts for someone else (or nobody), and for whom. */
const IDENTITY_METHODS: Partial<Record<MethodName, (result: unknown) => string | null>> = {
  'auth.signIn': (r) => personOf(r),
  'auth.resume': (r) => personOf(r),
  'auth.signOut': () => null,
};

function personOf(result: unknown): string | null {
  const id = (result as { person?: { id?: unknown } } | null)?.person?.id;
  return typeof id === 'string' ? id : null;
}

/** A failure of the transport itself, not an answer from the hub. */
export class TransportError extends RpcError {
  constructor(
    message: string,
    readonly reason: 'timeout' | 'disconnected' | 'closed' | 'busy',
  ) {
    super(RpcCode.InternalError, message, { transport: reason });
    this.name = 'TransportError';
  }
}

interface Pending {
  method: string;
  text: string;
  sent: boolean;
  /** The session's resume: sent before the link counts as open (every other call waits for it). */
  first?: boolean;
  timer: ReturnType<typeof setTimeout>;
  resolve(result: unknown): void;
  reject(err: Error): void;
}

/**
 * The hub's /rpc URL on the page's own origin; the page's ?token= is passed on if present, and a
 * console page says it is one (view=console; `announce` false leaves it out): on the bootstrap
 * token the hub then holds it to the desktop host's windows' rule, signing in to act once the first
 * set-up is over (identity ActorRule).
 */
export function rpcUrl(loc: { protocol: string; host: string; search: string }, announce = true): string {
  const page = new URLSearchParams(loc.search);
  const token = page.get('token');
  const query: string[] = [];
  // Without a token in the URL the HttpOnly cookie set when the page was served authenticates.
  if (token) query.push(`token=${encodeURIComponent(token)}`);
  if (announce && page.get('view') === 'console') query.push('view=console');
  return `${loc.protocol === 'https:' ? 'wss' : 'ws'}://${loc.host}/rpc${query.length ? `?${query.join('&')}` : ''}`;
}

/** Whether this page is a console page (its address says view=console); false outside a browser. */
export function isConsolePage(loc: { search: string } | undefined = (globalThis as { location?: { search: string } }).location): boolean {
  return loc !== undefined && new URLSearchParams(loc.search).get('view') === 'console';
}

/**
 * A further socket's address (the consultation's, client/dual-hub.ts) saying view=console, as the
 * page's own socket does (rpcUrl): on the bootstrap token the hub then holds it to the console's
 * rule too (sign in to act once the first set-up is over). An address that says a view keeps it.
 */
export function announcedUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (u.searchParams.has('view')) return url;
  u.searchParams.set('view', 'console');
  return u.toString();
}

/** Per call: a deadline other than the client's (a message that is useless when late). */
export interface CallOptions {
  timeoutMs?: number;
}

export class WsClient implements ApiClient {
  private readonly opts: Required<WsClientOptions>;
  private readonly listeners = new EventListeners();
  private readonly statusListeners = new StatusListeners('connecting');
  private readonly identityListeners = new Set<() => void>();
  /** The person this client's connection acts for, as its own calls last told (null: nobody). */
  private person: string | null = null;
  /** Calls may leave: the socket is open and its first frame (the resume) answered. */
  private ready = false;
  private readonly pending = new Map<number, Pending>();
  private socket: SocketLike | null = null;
  private nextId = 1;
  private attempt = 0;
  /** Which of url and otherUrls the next socket goes to. */
  private urlIndex = 0;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private connectTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  private lastHeard = 0;
  private probing = false;
  private disposed = false;
  /** The session this socket was last bound to (resumed, or signed out: null); undefined before the first. */
  private boundTo: string | null | undefined = undefined;
  private readonly unfollow: () => void;

  constructor(options: WsClientOptions) {
    this.opts = {
      WebSocket: globalThis.WebSocket as unknown as SocketCtor,
      callTimeoutMs: 15_000,
      backoffBaseMs: 500,
      backoffMaxMs: 15_000,
      maxWaiting: 200,
      heartbeatMs: 20_000,
      probeTimeoutMs: options.callTimeoutMs ?? 15_000,
      connectTimeoutMs: 10_000,
      otherUrls: [],
      resumeSession: storedSessionId,
      followSession: false,
      random: Math.random,
      ...options,
    };
    this.unfollow = this.opts.followSession ? onStoredSession(() => this.rebind()) : () => undefined;
    this.connect();
  }

  call<M extends MethodName>(method: M, params: ParamsOf<M>, options: CallOptions = {}): Promise<ResultOf<M>> {
    return this.request(method, params, options, false);
  }

  private request<M extends MethodName>(method: M, params: ParamsOf<M>, options: CallOptions, first: boolean): Promise<ResultOf<M>> {
    return new Promise<ResultOf<M>>((resolve, reject) => {
      if (this.disposed) return reject(new TransportError(`${method}: the client is closed`, 'closed'));
      const waiting = [...this.pending.values()].filter((p) => !p.sent).length;
      if (waiting >= this.opts.maxWaiting && !first) {
        return reject(new TransportError(`${method}: ${waiting} calls already wait for the hub connection`, 'busy'));
      }
      const id = this.nextId++;
      const timeoutMs = options.timeoutMs ?? this.opts.callTimeoutMs;
      const seconds = Math.round(timeoutMs / 100) / 10;
      const timer = setTimeout(() => {
        const p = this.pending.get(id);
        if (!p) return;
        this.pending.delete(id);
        const why = p.sent ? 'no reply from the hub' : 'not connected to the hub';
        p.reject(new TransportError(`${method} timed out after ${seconds} s (${why})`, 'timeout'));
      }, timeoutMs);
      const text = JSON.stringify({ jsonrpc: '2.0', id, method, params: params ?? {} });
      const entry: Pending = { method, text, sent: false, first, timer, resolve: resolve as (r: unknown) => void, reject };
      this.pending.set(id, entry);
      this.trySend(entry);
    });
  }

  on: ApiClient['on'] = (event, listener) => this.listeners.on(event, listener);
  onStatus: ApiClient['onStatus'] = (listener) => this.statusListeners.on(listener);
  onIdentity: NonNullable<ApiClient['onIdentity']> = (listener) => {
    this.identityListeners.add(listener);
    return () => void this.identityListeners.delete(listener);
  };

  /** Tries to connect now instead of at the end of the current back-off (a sign that the hub is back). */
  reconnectNow(): void {
    if (this.disposed || !this.reconnectTimer) return;
    clearTimeout(this.reconnectTimer);
    this.connect();
  }

  /** Stops reconnecting and fails every outstanding call (page teardown, tests). */
  dispose(): void {
    this.disposed = true;
    this.ready = false;
    this.unfollow();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.clearConnectTimer();
    this.stopHeartbeat();
    const s = this.socket;
    this.socket = null;
    s?.close(1000, 'client closed');
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(new TransportError(`${p.method}: the client is closed`, 'closed'));
    }
    this.statusListeners.emit('closed');
  }

  private connect(): void {
    this.reconnectTimer = null;
    if (this.disposed) return;
    this.statusListeners.emit('connecting');
    let s: SocketLike;
    try {
      const urls = [this.opts.url, ...(this.opts.otherUrls ?? [])];
      s = new this.opts.WebSocket(urls[this.urlIndex % urls.length]);
    } catch (err) {
      console.warn('[ws-client] cannot open socket', err);
      this.scheduleReconnect();
      return;
    }
    this.socket = s;
    this.clearConnectTimer();
    this.connectTimer = setTimeout(() => {
      this.connectTimer = null;
      if (this.socket === s && s.readyState !== OPEN) this.handleLost(s);
    }, this.opts.connectTimeoutMs);
    // Handlers check `this.socket === s`: a socket we have given up on must not touch state.
    s.onopen = () => this.socket === s && this.handleOpen();
    s.onmessage = (ev) => this.socket === s && this.handleMessage(ev.data);
    s.onclose = () => this.socket === s && this.handleLost(s);
    s.onerror = () => undefined; // a close event always follows; that is where we act
  }

  private clearConnectTimer(): void {
    if (this.connectTimer) clearTimeout(this.connectTimer);
    this.connectTimer = null;
  }

  private handleOpen(): void {
    this.clearConnectTimer();
    this.attempt = 0;
    this.lastHeard = Date.now();
    const sessionId = this.opts.resumeSession();
    // A new connection acts for nobody until it resumes.
    this.person = null;
    this.boundTo = sessionId;
    if (!sessionId) return this.becomeReady();
    const s = this.socket;
    this.request('auth.resume', { sessionId }, { timeoutMs: this.opts.probeTimeoutMs }, true).then(
      (session) => {
        this.person = personOf(session);
        if (this.socket === s) this.becomeReady();
      },
      (err: unknown) => {
        // An ended session leaves the socket as nobody (the identity slice forgets it); a resume
        // that went unanswered gives the socket up, as the heartbeat would.
        if (this.socket !== s || !s) return;
        if (err instanceof TransportError && err.reason === 'timeout') this.handleLost(s);
        else if (!(err instanceof TransportError)) this.becomeReady();
      },
    );
  }

  /** The first frame is answered: the link is open, and the calls that waited leave. */
  private becomeReady(): void {
    this.ready = true;
    this.startHeartbeat();
    this.statusListeners.emit('open');
    for (const p of this.pending.values()) if (!p.sent) this.trySend(p);
    // The page signed in or out while this socket resumed the session before.
    if (this.opts.followSession) this.rebind();
  }

  /**
   * A follower binds its open socket to the page's session now (auth.resume), or to nobody
   * (auth.signOut: the page signed out; each socket signs itself out, back to what it was opened with).
   * Calls made meanwhile wait for the answer, so none leaves as the person before. A socket not
   * open yet resumes the page's session as its first frame anyway (handleOpen).
   */
  private rebind(): void {
    const s = this.socket;
    if (this.disposed || !s || !this.ready) return;
    const want = this.opts.resumeSession();
    if (want === this.boundTo) return;
    this.boundTo = want;
    this.ready = false;
    const settled = (person: string | null): void => {
      if (this.socket !== s || this.ready) return;
      this.actFor(person);
      this.ready = true;
      for (const p of this.pending.values()) if (!p.sent) this.trySend(p);
      this.rebind(); // changed again meanwhile
    };
    const failed = (err: unknown): void => {
      if (this.socket !== s) return;
      // Unanswered: give the socket up (its next open resumes the page's session); refused (an
      // ended session): nobody, as at open.
      if (err instanceof TransportError && err.reason === 'timeout') this.handleLost(s);
      else if (!(err instanceof TransportError)) settled(null);
    };
    const opts = { timeoutMs: this.opts.probeTimeoutMs };
    if (want) this.request('auth.resume', { sessionId: want }, opts, true).then((r) => settled(personOf(r)), failed);
    else this.request('auth.signOut', {}, opts, true).then(() => settled(null), failed);
  }

  private trySend(p: Pending): void {
    const s = this.socket;
    if (!s || s.readyState !== OPEN || !(this.ready || p.first)) return; // waits for handleOpen
    try {
      s.send(p.text);
      p.sent = true;
    } catch {
      // The socket died under us; its close event will follow and this call waits for the next one.
    }
  }

  private handleMessage(data: unknown): void {
    this.lastHeard = Date.now();
    let msg: unknown;
    try {
      msg = JSON.parse(String(data));
    } catch {
      console.warn('[ws-client] ignoring a message that is not JSON');
      return;
    }
    for (const m of Array.isArray(msg) ? msg : [msg]) this.handleOne(m);
  }

  private handleOne(m: unknown): void {
    if (typeof m !== 'object' || m === null) return;
    const r = m as { id?: unknown; method?: unknown; params?: unknown; result?: unknown; error?: unknown };
    if (typeof r.method === 'string' && r.id === undefined) return this.listeners.dispatch(r.method, r.params);
    const p = typeof r.id === 'number' ? this.pending.get(r.id) : undefined;
    if (!p) {
      if (r.error) console.warn('[ws-client] hub reported an error for no call of ours', r.error);
      return;
    }
    this.pending.delete(r.id as number);
    clearTimeout(p.timer);
    if (r.error !== undefined) return p.reject(rpcErrorFrom(r.error));
    p.resolve(r.result);
    const whom = IDENTITY_METHODS[p.method as MethodName];
    if (whom && !p.first) this.actFor(whom(r.result));
  }

  /** The connection acts for this person now; if that changed, whoever listens reads again. */
  private actFor(person: string | null): void {
    if (person === this.person) return;
    this.person = person;
    for (const l of [...this.identityListeners]) {
      try {
        l();
      } catch (err) {
        console.error('[ws-client] identity listener failed', err);
      }
    }
  }

  /** The socket is gone (closed, failed, or given up on by the heartbeat). */
  private handleLost(s: SocketLike): void {
    this.socket = null;
    this.ready = false;
    this.clearConnectTimer();
    this.stopHeartbeat();
    try {
      s.close();
    } catch {
      /* already closed */
    }
    // A call already sent may or may not have been applied; the caller must know it failed.
    for (const [id, p] of this.pending) {
      if (!p.sent) continue;
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.reject(new TransportError(`${p.method}: the connection to the hub was lost before it replied`, 'disconnected'));
    }
    this.statusListeners.emit('closed');
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.disposed || this.reconnectTimer) return;
    const { backoffBaseMs, backoffMaxMs, random } = this.opts;
    const cap = Math.min(backoffMaxMs, backoffBaseMs * 2 ** this.attempt);
    this.attempt++;
    this.urlIndex++;
    // Half fixed, half random: walls that lost the hub together do not all return at once.
    const delay = cap / 2 + random() * (cap / 2);
    this.reconnectTimer = setTimeout(() => this.connect(), delay);
  }

  private startHeartbeat(): void {
    this.stopHeartbeat();
    const every = this.opts.heartbeatMs;
    if (every <= 0) return;
    this.heartbeatTimer = setInterval(() => {
      const s = this.socket;
      if (!s || this.probing || Date.now() - this.lastHeard < every) return;
      // Quiet socket: ask something cheap. If the link is dead, give the socket up rather than
      // wait minutes for TCP to notice, so the status shows the truth and reconnecting starts.
      this.probing = true;
      this.call('system.info', {}, { timeoutMs: this.opts.probeTimeoutMs })
        .catch((err) => {
          if (err instanceof TransportError && err.reason === 'timeout' && this.socket === s) this.handleLost(s);
        })
        .finally(() => (this.probing = false));
    }, every);
  }

  private stopHeartbeat(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
  }
}

export function createWsClient(options: WsClientOptions): WsClient {
  return new WsClient(options);
}
