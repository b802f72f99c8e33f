// The hub: the core's API over HTTP and WebSocket (JSON-RPC 2.0 at /rpc) for street centres,
// for WebRTC signalling and for browser mode. It listens on every host given, because a
// centre reaches it over two links: one Fastify instance per address (http-routes.ts), sharing
// the session key and the sockets. Only GET /healthz and /enrol are open; all else needs the
// bootstrap token, an enrolled machine's credential, or the session either gave a page. A revoked
// machine's sockets are closed at once; a rotated token closes the sockets it had opened.
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import type { WebSocket } from 'ws';
import type { Core } from '../core/app';
import { generateToken, MachineSessions, Sessions, writeTokenFile } from './auth';
import { buildHttp, type Bootstrap } from './http-routes';
import { mayHear } from '../core/contract/dispatch';
import { notification } from './jsonrpc';
import { CLOSE_CREDENTIAL_ENDED, sendOrCut, withCorkedSocket, type HubLog, type SocketRegistry } from './rpc-socket';

const BIND_RETRY_MS = 2000;
/** Sockets pushed to per turn of the event loop. */
const SOCKETS_PER_TURN = 25;

export interface HubOptions {
  core: Core;
  /** The bootstrap token (first set-up and automation); an administrator rotates it (auth.rotateBootstrapToken). */
  token: string;
  /** Where the token came from, if a file: a rotated token is written there, so a restart keeps it. */
  tokenFile?: string;
  /** Addresses to listen on, e.g. ['127.0.0.1'] or one per link. */
  hosts: string[];
  /** 0 picks a free port (tests); the same port is used on every host. */
  port: number;
  /** Built renderer to serve for browser mode; none means API only. */
  staticDir?: string;
  /** Local media (HLS playlists and segments from intranet encoders, recordings) served at /media/. */
  mediaDir?: string;
  /** Consultation recordings (<dataDir>/recordings), served at /recordings/ (recordings-route.ts). */
  recordingsDir?: string;
  log?: HubLog;
}

export interface Hub {
  readonly port: number;
  /** The wall's URL on each host, token included (the token as it is now). */
  readonly urls: string[];
  readonly clientCount: number;
  close(): Promise<void>;
}

export async function startHub(opts: HubOptions): Promise<Hub> {
  const { core } = opts;
  const log = opts.log ?? { info: console.log, warn: console.warn, error: console.error };
  const sockets = new Set<WebSocket>();
  const registry: SocketRegistry = new Map();
  const bootstrap: Bootstrap = { token: opts.token, sessions: new Sessions(opts.token) };
  const machineSessions = new MachineSessions((id) => core.identity.machineCookieKey(id));
  const endSocket = (ws: WebSocket, why: string): void => {
    ws.close(CLOSE_CREDENTIAL_ENDED, why);
    // A peer that does not answer the close is cut off.
    setTimeout(() => ws.terminate(), 500).unref();
  };
  // A revoked machine: its sockets close now (its calls are refused already, identity.machineContext).
  const unRevoked = core.identity.onMachineRevoked((machineId) => {
    for (const [ws, s] of registry) if (s.admission.via === 'machine' && s.admission.machineId === machineId) endSocket(ws, 'machine revoked');
  });
  // A rotated bootstrap token: the old one and the browser sessions it gave stop at once, and the
  // sockets they opened are closed, except the administrator's own (it receives the new token).
  const unRotator = core.identity.setBootstrapRotator(async (ctx) => {
    const token = generateToken();
    if (opts.tokenFile) writeTokenFile(opts.tokenFile, token);
    bootstrap.token = token;
    bootstrap.sessions = new Sessions(token);
    for (const [ws, s] of registry) if (s.admission.via === 'bootstrap' && s.connectionId !== ctx.connectionId) endSocket(ws, 'bootstrap token rotated');
    log.info(
      `[hub] bootstrap token rotated${opts.tokenFile ? ` (written to ${opts.tokenFile})` : ' (no token file: a restart goes back to the configured token)'}`,
    );
    return token;
  });
  let connectionSeq = 0;
  const nextConnectionId = (): string => `ws-${++connectionSeq}`;

  // One subscription for all sockets: each event is serialised and encoded once, and the events
  // of one turn of the event loop (a group commit finishes many writes at once) go out together,
  // one system call per socket rather than one per event and socket; the sockets are served a
  // slice per turn, so /healthz and the replies of a busy hub wait for a slice, never for all.
  // Each socket gets only the events its caller may hear (dispatch.ts mayHear: the event's right
  // and street), judged as the caller stands when its slice is sent (a sign-in, a revocation).
  type Pushed = { event: string; payload: unknown; frame: Buffer };
  let pending: Pushed[] = [];
  const flush = (pushed: Pushed[], targets: WebSocket[]): void => {
    for (const ws of targets.splice(0, SOCKETS_PER_TURN)) {
      const caller = registry.get(ws)?.caller();
      if (!caller) continue;
      withCorkedSocket(ws, () => pushed.every((p) => !mayHear(p.event, p.payload, caller) || sendOrCut(ws, p.frame)));
    }
    if (targets.length > 0) setImmediate(flush, pushed, targets);
  };
  const unsubscribe = core.bus.onAny((event, payload) => {
    if (pending.push({ event, payload, frame: Buffer.from(notification(event, payload)) }) > 1) return;
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
    buildHttp({
      core,
      bootstrap,
      machineSessions,
      sockets,
      registry,
      staticDir: opts.staticDir,
      mediaDir: opts.mediaDir,
      recordingsDir: opts.recordingsDir,
      log,
      nextConnectionId,
    });
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
    unRevoked();
    unRotator();
    throw failed[0].err;
  }
  for (const { host, err } of failed) {
    log.warn(`[hub] cannot listen on ${host}:${port} yet (${err.message}); trying again every ${BIND_RETRY_MS / 1000} s`);
    keepTrying(host);
  }

  return {
    port,
    get urls() {
      return opts.hosts.map((h) => `http://${h.includes(':') ? `[${h}]` : h}:${port}/?token=${encodeURIComponent(bootstrap.token)}`);
    },
    get clientCount() {
      return sockets.size;
    },
    async close() {
      closed = true;
      for (const t of retries) clearTimeout(t);
      unsubscribe();
      unRevoked();
      unRotator();
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
