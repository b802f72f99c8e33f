// One JSON-RPC connection at /rpc, with the budgets that keep one client from hurting the
// others: a bounded number of messages in work at once (beyond it the socket stops being
// read, which slows the sender through TCP), replies that wait for a client to read them
// (a client whose unread replies pass MAX_BUFFERED_BYTES is cut off and its queued work
// dropped), and a keepalive that ends a peer that vanished without closing.
import type { WebSocket } from 'ws';
import type { Core } from '../core/app';
import { RpcCode } from '../core/contract/errors';
import { handleMessage, notification } from './jsonrpc';

export interface HubLog {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** A client with this much unread in its socket has stopped reading. */
export const MAX_BUFFERED_BYTES = 8 << 20;
/** Messages (a batch counts once) being worked on per connection before reading pauses. */
export const MAX_IN_FLIGHT = 4;
const PING_INTERVAL_MS = 15_000;

/** Sends text unless the peer has stopped reading, in which case it is closed instead. */
export function sendOrCut(ws: WebSocket, text: string): boolean {
  if (ws.readyState !== ws.OPEN) return false;
  if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
    ws.close(1008, 'client does not read its replies');
    // A peer that does not read will not read a close frame either.
    setTimeout(() => ws.terminate(), 1000).unref();
    return false;
  }
  ws.send(text);
  return true;
}

export function serveRpcSocket(ws: WebSocket, peer: string, connectionId: string, core: Core, sockets: Set<WebSocket>, log: HubLog): void {
  const ctx = { transport: 'ws' as const, peer, connectionId };
  sockets.add(ws);
  const unregister = core.connections.add({ id: connectionId, push: (event, payload) => void sendOrCut(ws, notification(event, payload)) });
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

  ws.on('message', (data, isBinary) => {
    if (isBinary) {
      sendOrCut(ws, JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: RpcCode.ParseError, message: 'binary frames are not JSON-RPC; send text' } }));
      return;
    }
    inFlight++;
    if (inFlight >= MAX_IN_FLIGHT && !paused) {
      paused = true;
      ws.pause();
    }
    handleMessage((data as Buffer).toString('utf8'), core.dispatch, ctx, () => closed)
      .then((reply) => {
        if (reply !== null && !closed) sendOrCut(ws, reply);
      })
      .catch((err: unknown) => log.error(`[hub] ${peer}: ${String(err)}`))
      .finally(() => {
        inFlight--;
        if (paused && inFlight < MAX_IN_FLIGHT && !closed) {
          paused = false;
          ws.resume();
        }
      });
  });
  ws.on('error', (err) => log.warn(`[hub] socket ${peer}: ${err.message}`));
  ws.on('close', () => {
    closed = true;
    clearInterval(ping);
    sockets.delete(ws);
    unregister();
  });
}
