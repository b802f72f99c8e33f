// The hub: the core's API over HTTP and WebSocket (JSON-RPC 2.0 at /rpc) for street centres,
// for WebRTC signalling and for browser mode. It listens on every host given, because a
// centre reaches it over two links: one Fastify instance per address (http-routes.ts), sharing
// the session key and the sockets. Only GET /healthz is open; all else needs the token or a session.
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { WebSocket } from 'ws';
import type { Core } from '../core/app';
import { Sessions } from './auth';
import { buildHttp } from './http-routes';
import { notification } from './jsonrpc';
import { sendOrCut, withCorkedSocket, type HubLog } from './rpc-socket';

const BIND_RETRY_MS = 2000;
/** Sockets pushed to per turn of the event loop. */
const SOCKETS_PER_TURN = 25;

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
  log?: HubLog;
}

export interface Hub {
  readonly port: number;
  /** The wall's URL on each host, token included. */
  readonly urls: string[];
  readonly clientCount: number;
  close(): Promise<void>;
}

export async function startHub(opts: HubOptions): Promise<Hub> {
  const { core, token } = opts;
  const log = opts.log ?? { info: console.log, warn: console.warn, error: console.error };
  const sockets = new Set<WebSocket>();
  const sessions = new Sessions(token);
  let connectionSeq = 0;
  const nextConnectionId = (): string => `ws-${++connectionSeq}`;

  // One subscription for all sockets: each event is serialised and encoded once, and the events
  // of one turn of the event loop (a group commit finishes many writes at once) go out together,
  // one system call per socket rather than one per event and socket; the sockets are served a
  // slice per turn, so /healthz and the replies of a busy hub wait for a slice, never for all.
  let pending: Buffer[] = [];
  const flush = (frames: Buffer[], targets: WebSocket[]): void => {
    for (const ws of targets.splice(0, SOCKETS_PER_TURN)) withCorkedSocket(ws, () => frames.every((frame) => sendOrCut(ws, frame)));
    if (targets.length > 0) setImmediate(flush, frames, targets);
  };
  const unsubscribe = core.bus.onAny((event, payload) => {
    if (pending.push(Buffer.from(notification(event, payload))) > 1) return;
    setImmediate(() => {
      const frames = pending;
      pending = [];
      flush(frames, [...sockets]);
    });
  });

  // A link's address may not exist yet (its interface still down at boot): the hub serves the
  // links it can and keeps trying the others, rather than leaving the whole district without one.
  const apps: FastifyInstance[] = [];
  const retries = new Set<NodeJS.Timeout>();
  let closed = false;
  let port = opts.port;
  const build = (): Promise<FastifyInstance> =>
    buildHttp({ core, token, sessions, sockets, staticDir: opts.staticDir, mediaDir: opts.mediaDir, log, nextConnectionId });
  const listenOn = async (host: string): Promise<void> => {
    const app = await build();
    try {
      await app.listen({ host, port });
    } catch (err) {
      await app.close();
      throw err;
    }
    apps.push(app);
    port = (app.server.address() as AddressInfo).port;
  };
  const keepTrying = (host: string): void => {
    const timer = setTimeout(() => {
      retries.delete(timer);
      if (closed) return;
      listenOn(host).then(
        () => log.info(`[hub] now listening on ${host}:${port}`),
        () => keepTrying(host),
      );
    }, BIND_RETRY_MS);
    retries.add(timer);
  };
  const failed: { host: string; err: Error }[] = [];
  for (const host of opts.hosts) {
    await listenOn(host).catch((err: Error) => failed.push({ host, err }));
  }
  if (apps.length === 0) {
    unsubscribe();
    throw failed[0].err;
  }
  for (const { host, err } of failed) {
    log.warn(`[hub] cannot listen on ${host}:${port} yet (${err.message}); trying again every ${BIND_RETRY_MS / 1000} s`);
    keepTrying(host);
  }

  const urls = opts.hosts.map((h) => `http://${h.includes(':') ? `[${h}]` : h}:${port}/?token=${encodeURIComponent(token)}`);
  return {
    port,
    urls,
    get clientCount() {
      return sockets.size;
    },
    async close() {
      closed = true;
      for (const t of retries) clearTimeout(t);
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      await Promise.all(
        apps.map((a) => {
          a.server.closeAllConnections();
          return a.close();
        }),
      );
    },
  };
}
