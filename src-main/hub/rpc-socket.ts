// One JSON-RPC connection at /rpc, with the budgets that keep one client from hurting the
// others: a bounded number of messages in work at once (beyond it the socket stops being
// read, which slows the sender through TCP), replies that wait for a client to read them
// (a client over MAX_BUFFERED_BYTES behind that reads nothing for STALLED_LOOKS looks is cut off
// and its queued work dropped), and a keepalive that ends a peer that vanished without closing.
import type { WebSocket } from 'ws';
import type { Core } from '../core/app';
import type { CallContext } from '../core/contract/api';
import { mayHear, type Dispatcher } from '../core/contract/dispatch';
import { RpcCode, RpcError } from '../core/contract/errors';
import { MAX_MESSAGE_BYTES } from '../core/contract/limits';
import { handleMessage, notification } from './jsonrpc';

export interface HubLog {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/**
 * What let a socket in: the bootstrap token (or the session it gave a page), or an enrolled machine.
 * A socket on the token may say it is a console page of the hub (`page`, CallContext.page).
 */
export type Admission = { via: 'bootstrap'; page?: 'console' } | { via: 'machine'; machineId: string };

/** Every open /rpc socket with its connection id, what admitted it, and who it speaks for now. */
export type SocketRegistry = Map<WebSocket, { connectionId: string; admission: Admission; caller(): CallContext | null }>;

/** The close code of a socket whose credential stopped being valid (a revoked machine, a rotated token). */
export const CLOSE_CREDENTIAL_ENDED = 4401;

/**
 * Past this much unread in its socket, a client is watched: one that reads nothing for
 * STALLED_LOOKS looks is cut off and its queued work dropped. A client still reading is never cut for
 * being behind: one large reply (a district's map with 50,000 objects is 11 MB) is more than this
 * on its own, and a street on a slow link reads it for seconds.
 */
export const MAX_BUFFERED_BYTES = 8 << 20;
/**
 * A watched client whose unread replies have not gone down for this many looks, WATCH_EVERY_MS
 * apart, has stopped reading. Counted in looks, not in time: a look means the hub's event loop
 * ran, so the socket had its chance to drain (a hub busy for a second is no reason to cut anyone).
 */
export const STALLED_LOOKS = 5;
const WATCH_EVERY_MS = 100;
/** Messages (a batch counts once) being worked on per connection before reading pauses. */
export const MAX_IN_FLIGHT = 4;
/** Reading a paused client again waits until its unread replies are below this. */
const RESUME_BELOW_BYTES = 1 << 20;
const PING_INTERVAL_MS = 15_000;

/** The clients over MAX_BUFFERED_BYTES behind: the least unread seen since, and when it last went down. */
const behind = new WeakMap<WebSocket, { lowest: number; looks: number; timer: NodeJS.Timeout; waiting: (() => void)[] }>();

/** Ends the watch of a client (caught up, cut or closed) and lets its held work go on (or see it is closed). */
function endWatch(ws: WebSocket): void {
  const w = behind.get(ws);
  if (!w) return;
  clearInterval(w.timer);
  behind.delete(ws);
  for (const go of w.waiting) go();
}

/**
 * Resolves when the client is no longer far behind (or is gone): a batch's next call waits for it,
 * so a client that stops reading costs no more work while it is watched.
 */
function caughtUp(ws: WebSocket): Promise<void> {
  const w = behind.get(ws);
  return w ? new Promise((go) => w.waiting.push(go)) : Promise.resolve();
}

/** True (and the client cut off) when a client behind has read nothing for STALLED_LOOKS looks. */
function stalled(ws: WebSocket, look = false): boolean {
  const unread = ws.bufferedAmount;
  const w = behind.get(ws);
  if (ws.readyState !== ws.OPEN || unread <= MAX_BUFFERED_BYTES) {
    endWatch(ws);
    return false;
  }
  if (!w) {
    const timer = setInterval(() => stalled(ws, true), WATCH_EVERY_MS);
    timer.unref();
    behind.set(ws, { lowest: unread, looks: 0, timer, waiting: [] });
    return false;
  }
  if (unread < w.lowest) {
    w.lowest = unread;
    w.looks = 0;
    return false;
  }
  if (look) w.looks++;
  if (w.looks < STALLED_LOOKS) return false;
  ws.close(1008, 'client does not read its replies');
  endWatch(ws);
  // A peer that does not read will not read a close frame either.
  setTimeout(() => ws.terminate(), 1000).unref();
  return true;
}

/** Sends text unless the peer has stopped reading (stalled), in which case it is closed instead. */
export function sendOrCut(ws: WebSocket, text: string | Buffer): boolean {
  if (ws.readyState !== ws.OPEN || stalled(ws)) return false;
  // A pre-encoded frame is still text (JSON), never binary.
  ws.send(text, { binary: false });
  return true;
}

/** Runs fn with the socket under ws corked, so what it sends leaves in one write. */
export function withCorkedSocket(ws: WebSocket, fn: () => void): void {
  // `_socket` is ws's own net.Socket (not in its types): corking it is the only way to batch frames.
  const raw = (ws as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
  raw?.cork();
  try {
    fn();
  } finally {
    raw?.uncork();
  }
}

export function serveRpcSocket(
  ws: WebSocket,
  peer: string,
  connectionId: string,
  core: Core,
  sockets: Set<WebSocket>,
  log: HubLog,
  admission: Admission,
  registry: SocketRegistry,
): void {
  const ctx: CallContext = { transport: 'ws', peer, connectionId, ...(admission.via === 'bootstrap' && admission.page ? { page: admission.page } : {}) };
  // A socket opened with the token or a page's session cookie may do anything, as before. Once
  // someone signs in on it (auth.signIn), identity binds this connection to the session, and each
  // later call carries that person and their rights, so the dispatcher checks it; auth.signOut
  // unbinds it. A socket of an enrolled machine carries the machine, its street and its kind's
  // rights (identity.machineContext), and is refused everything once the machine is revoked.
  // Asked per call, so a role's new rights, an ended session or a revocation apply at once.
  // The same caller hears the pushes it may (dispatch.ts mayHear: the event's right, its street).
  const caller = (): CallContext | null => {
    if (admission.via === 'machine') {
      const machine = core.identity.machineContext(connectionId, admission.machineId);
      return machine ? { ...ctx, ...machine } : null;
    }
    const bound = core.identity.contextFor(connectionId);
    return bound ? { ...ctx, ...bound } : ctx;
  };
  const dispatch: Dispatcher = (method, params) => {
    const now = caller();
    if (!now) {
      return Promise.reject(new RpcError(RpcCode.Unauthorized, 'this machine’s credential was revoked: enrol it again (本机已被吊销，请重新注册)'));
    }
    if (admission.via === 'machine') core.identity.machineSeen(admission.machineId, peer);
    return core.dispatch(method, params, now);
  };
  sockets.add(ws);
  registry.set(ws, { connectionId, admission, caller });
  const unregister = core.connections.add({
    id: connectionId,
    push: (event, payload) => {
      const now = caller();
      if (now && mayHear(event, payload, now)) sendOrCut(ws, notification(event, payload));
    },
  });
  let closed = false;
  let inFlight = 0;
  let paused = false;

  let alive = true;
  ws.on('pong', () => (alive = true));
  const ping = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, PING_INTERVAL_MS);

  // Reading resumes once fewer messages are in work and the client has read most of its replies:
  // a client that sends without reading is held back by TCP instead of filling our memory.
  let recheck: NodeJS.Timeout | null = null;
  const resumeWhenRead = (): void => {
    if (!paused || closed || inFlight >= MAX_IN_FLIGHT || recheck) return;
    if (ws.bufferedAmount > RESUME_BELOW_BYTES) {
      recheck = setTimeout(() => {
        recheck = null;
        resumeWhenRead();
      }, 50);
      return;
    }
    paused = false;
    ws.resume();
  };

  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      sendOrCut(ws, JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: RpcCode.ParseError, message: 'binary frames are not JSON-RPC; send text' } }));
      return;
    }
    const bytes = (data as Buffer).length;
    if (bytes > MAX_MESSAGE_BYTES) {
      const message = `a message is at most ${MAX_MESSAGE_BYTES} bytes (this one is ${bytes}): send less in one message, or split the batch`;
      sendOrCut(ws, JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: RpcCode.InvalidRequest, message } }));
      return;
    }
    inFlight++;
    if ((inFlight >= MAX_IN_FLIGHT || ws.bufferedAmount > RESUME_BELOW_BYTES) && !paused) {
      paused = true;
      ws.pause();
    }
    handleMessage(
      (data as Buffer).toString('utf8'),
      dispatch,
      ctx,
      () => closed || ws.readyState !== ws.OPEN,
      () => caughtUp(ws),
    )
      .then((reply) => {
        if (reply !== null && !closed) sendOrCut(ws, reply);
      })
      .catch((err: unknown) => log.error(`[hub] ${peer}: ${String(err)}`))
      .finally(() => {
        inFlight--;
        resumeWhenRead();
      });
  });
  ws.on('error', (err) => log.warn(`[hub] socket ${peer}: ${err.message}`));
  ws.on('close', () => {
    closed = true;
    clearInterval(ping);
    endWatch(ws);
    if (recheck) clearTimeout(recheck);
    sockets.delete(ws);
    registry.delete(ws);
    unregister();
  });
}
