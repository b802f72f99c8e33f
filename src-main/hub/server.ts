// The hub: the core's API over HTTP and WebSocket (JSON-RPC 2.0 at /rpc) for street centres,
// for WebRTC signalling and for browser mode. It listens on every host given, because a
// centre reaches it over two links. Only GET /healthz is open; all else needs the token.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../core/app';
import { APP_VERSION } from '../core/app';
import { RpcCode } from '../core/contract/errors';
import { presentedToken, TOKEN_COOKIE, tokenMatches } from './auth';
import { handleMessage, notification } from './jsonrpc';
import { serveStatic } from './static-files';

export interface HubOptions {
  core: Core;
  token: string;
  /** Addresses to listen on, e.g. ['127.0.0.1'] or one per link. */
  hosts: string[];
  /** 0 picks a free port (tests); the same port is used on every host. */
  port: number;
  /** Built renderer to serve for browser mode; none means API only. */
  staticDir?: string;
  /** Local media (HLS playlists and segments from intranet encoders, recordings) served at /media/. */
  mediaDir?: string;
  log?: { info(msg: string): void; warn(msg: string): void; error(msg: string): void };
}

export interface Hub {
  readonly port: number;
  /** The wall's URL on each host, token included. */
  readonly urls: string[];
  readonly clientCount: number;
  close(): Promise<void>;
}

/** Larger messages are refused: nothing in the contract needs more. */
const MAX_MESSAGE_BYTES = 1 << 20;
/** A client that stops reading is cut off rather than allowed to grow our memory. */
const MAX_BUFFERED_BYTES = 8 << 20;
const PING_INTERVAL_MS = 15_000;

// Browser mode's page policy; the Electron build carries the same policy in index.html.
// img-src and connect-src also allow http:/https: hosts because the operator configures tile
// servers (images) and cameras (HLS playlists and segments fetched by hls.js, WHEP offers) on
// intranet hosts whose addresses are not known when the app is built, and a CSP cannot name
// address ranges. connect-src also allows ws:/wss: hosts: a street centre's page keeps one
// signalling socket to the district hub on each link (consult/dual-hub.ts), at the addresses its
// configuration names ('self' covers only a socket back to the page's own host). Nothing else widens: scripts, workers (hls.js loads its worker from our own
// files, so no blob: workers), styles, fonts and frames stay our own origin only.
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: http: https:; media-src 'self' blob: mediastream:; connect-src 'self' http: https: ws: wss:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(text);
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startHub(opts: HubOptions): Promise<Hub> {
  const { core, token } = opts;
  const log = opts.log ?? { info: console.log, warn: console.warn, error: console.error };
  const sockets = new Set<WebSocket>();
  let connectionSeq = 0;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  // One subscription for all sockets: each event is serialised once.
  const unsubscribe = core.bus.onAny((event, payload) => {
    const text = notification(event, payload);
    for (const ws of sockets) {
      if (ws.readyState !== ws.OPEN) continue;
      if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
        ws.close(1013, 'client too slow');
        continue;
      }
      ws.send(text);
    }
  });

  wss.on('connection', (ws: WebSocket, req: IncomingMessage) => {
    const peer = `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;
    const connectionId = `ws-${++connectionSeq}`;
    const ctx = { transport: 'ws' as const, peer, connectionId };
    sockets.add(ws);
    const unregister = core.connections.add({
      id: connectionId,
      push: (event, payload) => {
        if (ws.readyState === ws.OPEN) ws.send(notification(event, payload));
      },
    });
    let alive = true;
    ws.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, PING_INTERVAL_MS);
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        ws.send(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: RpcCode.ParseError, message: 'binary frames are not JSON-RPC; send text' } }));
        return;
      }
      handleMessage(data.toString('utf8'), core.dispatch, ctx)
        .then((reply) => {
          if (reply !== null && ws.readyState === ws.OPEN) ws.send(reply);
        })
        .catch((err) => log.error(`[hub] ${peer}: ${String(err)}`));
    });
    ws.on('error', (err) => log.warn(`[hub] socket ${peer}: ${err.message}`));
    ws.on('close', () => {
      clearInterval(ping);
      sockets.delete(ws);
      unregister();
    });
  });

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://hub.invalid');
    if (url.pathname === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      return sendJson(res, 200, { ok: true, version: APP_VERSION });
    }
    const given = presentedToken(req, url);
    if (!tokenMatches(token, given.token)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      return sendJson(res, 401, { error: 'a valid token is required: Authorization: Bearer T, or ?token=T' });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, { error: `${req.method} is not supported here` });
    const headers: Record<string, string> = { ...SECURITY_HEADERS };
    if (given.via === 'query') {
      // Lets the page's own assets and its WebSocket authenticate without the token in every URL.
      headers['Set-Cookie'] = `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict`;
    }
    const media = url.pathname.startsWith('/media/');
    const root = media ? opts.mediaDir : opts.staticDir;
    if (!root) return sendJson(res, 404, { error: media ? 'this hub serves no media' : 'this hub serves no UI' });
    serveStatic(root, media ? url.pathname.slice('/media'.length) : url.pathname, res, headers)
      .then((served) => {
        if (!served) sendJson(res, 404, { error: `not found: ${url.pathname}` });
      })
      .catch((err) => {
        log.error(`[hub] ${url.pathname}: ${String(err)}`);
        if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      });
  };

  const onUpgrade = (req: IncomingMessage, socket: import('node:stream').Duplex, head: Buffer): void => {
    const url = new URL(req.url ?? '/', 'http://hub.invalid');
    const refuse = (status: string): void => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/rpc') return refuse('404 Not Found');
    if (!tokenMatches(token, presentedToken(req, url).token)) return refuse('401 Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  };

  const servers: Server[] = [];
  let port = opts.port;
  try {
    for (const host of opts.hosts) {
      const server = createServer(onRequest);
      server.on('upgrade', onUpgrade);
      server.on('clientError', (_err, socket) => socket.destroy());
      port = await listen(server, host, port);
      servers.push(server);
    }
  } catch (err) {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    unsubscribe();
    throw err;
  }

  const urls = opts.hosts.map((h) => `http://${h.includes(':') ? `[${h}]` : h}:${port}/?token=${encodeURIComponent(token)}`);
  return {
    port,
    urls,
    get clientCount() {
      return sockets.size;
    },
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}
