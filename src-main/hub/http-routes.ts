// The hub's HTTP side on Fastify: /healthz and /enrol (the only open routes: a machine enrols
// with its one-time code, enrol-route.ts), the credential check every other request passes (the
// bootstrap token or an enrolled machine's credential, or the session cookie either gave a page),
// the /rpc socket, and the built UI and local media as static files
// (@fastify/static: Range, ETag, errors answered). A handler's failure is a 4xx/5xx answer and
// a log line; nothing a client sends can throw out of here.
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import type { WebSocket } from 'ws';
import { APP_VERSION, type Core } from '../core/app';
import { MAX_MESSAGE_BYTES } from '../core/contract/limits';
import { PAGE_CSP_HEADER } from '../core/page-policy';
import { isMachineCredential } from '../core/identity';
import { isMachineSession, presentedCredential, sameOrigin, SESSION_COOKIE, SESSION_IDLE_MS, type MachineSessions, type Sessions, tokenMatches } from './auth';
import { giveMachineSession, isUpgrade, peerOf, registerEnrolRoutes } from './enrol-route';
import { serveRpcSocket, type Admission, type HubLog, type SocketRegistry } from './rpc-socket';
import { registerRecordingsRoute } from './recordings-route';

const SECURITY_HEADERS = {
  'content-security-policy': PAGE_CSP_HEADER,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
};

/** A file that vanished or cannot be read between the check and the open (an encoder rotating its segments). */
const FILE_ERROR_STATUS: Record<string, number> = { ENOENT: 404, ENOTDIR: 404, EISDIR: 404, EACCES: 403, EPERM: 403 };

/** The bootstrap token and the browser-session key derived from it; replaced together on rotation. */
export interface Bootstrap {
  token: string;
  sessions: Sessions;
}

export interface HttpDeps {
  core: Core;
  /** Read on every request: a rotation applies at once. */
  bootstrap: Bootstrap;
  machineSessions: MachineSessions;
  sockets: Set<WebSocket>;
  /** Every open /rpc socket with what admitted it (rotation and revocation close sockets by it). */
  registry: SocketRegistry;
  staticDir?: string;
  mediaDir?: string;
  /** Consultation recordings (<dataDir>/recordings), served at /recordings/ to callers who may list them. */
  recordingsDir?: string;
  log: HubLog;
  nextConnectionId(): string;
}

export async function buildHttp(deps: HttpDeps): Promise<FastifyInstance> {
  const { log } = deps;
  const app = Fastify({
    logger: false,
    // Nothing the hub serves takes a body; what little arrives is refused early.
    bodyLimit: 64 * 1024,
    // A client that trickles its request (slowloris) is cut off.
    requestTimeout: 30_000,
    connectionTimeout: 60_000,
    routerOptions: { maxParamLength: 500 },
    return503OnClosing: true,
  });

  app.setErrorHandler((err: { statusCode?: number; code?: string; message: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : (FILE_ERROR_STATUS[err.code ?? ''] ?? 500);
    if (status >= 500) log.error(`[hub] ${req.method} ${req.url}: ${err.message}`);
    // The static plugin may have set the file's type before the file failed: answer as JSON.
    void reply
      .code(status)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify({ error: status >= 500 ? 'internal error' : err.message }));
  });
  app.setNotFoundHandler((_req, reply) => void reply.code(404).send({ error: 'not found' }));
  app.addHook('onSend', async (_req, reply, payload) => {
    // A route with a policy of its own (the /enrol form) keeps it.
    const own = reply.getHeader('content-security-policy');
    reply.headers(SECURITY_HEADERS);
    if (own !== undefined) reply.header('content-security-policy', own);
    return payload;
  });

  await app.register(cookie);
  // Frames up to twice the limit are read so that one over it gets a JSON-RPC error naming the
  // limit (rpc-socket.ts); past that the socket closes with 1009.
  await app.register(websocket, { options: { maxPayload: 2 * MAX_MESSAGE_BYTES } });

  app.get('/healthz', async (_req, reply) => reply.header('cache-control', 'no-store').send({ ok: true, version: APP_VERSION }));
  registerEnrolRoutes(app, deps);
  app.addHook('onRequest', (req, reply, done) => {
    if (req.routeOptions.url === '/healthz' || req.routeOptions.url === '/enrol') return done();
    const refusal = admit(req, reply, deps);
    if (refusal) {
      void reply.code(refusal.status).header('www-authenticate', 'Bearer').header('cache-control', 'no-store').send({ error: refusal.message });
      return;
    }
    done();
  });

  app.get('/rpc', { websocket: true }, (ws, req) => {
    const admitted = admissions.get(req.raw);
    if (!admitted) return ws.close(1008, 'not admitted');
    // A console page of the hub on the bootstrap token says so (?view=console, the renderer's
    // rpcUrl): it names its acting person as the desktop host's own windows do (identity ActorRule).
    // A script with the token that does not is automation; the token's holder is trusted either way.
    const consolePage = admitted.via === 'bootstrap' && (req.query as { view?: unknown }).view === 'console';
    const admission: Admission = consolePage ? { ...admitted, page: 'console' } : admitted;
    serveRpcSocket(ws, peerOf(req), deps.nextConnectionId(), deps.core, deps.sockets, log, admission, deps.registry);
  });

  await registerFiles(app, '/media/', deps.mediaDir, 'this hub serves no media');
  await registerRecordingsRoute(app, { core: deps.core, recordingsDir: deps.recordingsDir, admissionOf: (req) => admissions.get(req.raw) });
  await registerFiles(app, '/', deps.staticDir, 'this hub serves no UI');
  return app;
}

/** What admitted each request (read by the /rpc handler for its socket). */
const admissions = new WeakMap<IncomingMessage, Admission>();

const NEEDS_TOKEN = 'a valid token or machine credential is required: Authorization: Bearer T, or ?token=T';

/** Checks the request's credential; returns why it is refused, or null to let it through. */
function admit(req: FastifyRequest, reply: FastifyReply, deps: HttpDeps): { status: number; message: string } | null {
  const cred = presentedCredential(req.headers, req.query, req.cookies);
  if (cred.via === 'header' || cred.via === 'query') {
    if (isMachineCredential(cred.token)) {
      const machine = deps.core.identity.machineFor(cred.token);
      if (!machine) return { status: 401, message: 'this machine credential is unknown or revoked: enrol the machine again (注册码重新注册)' };
      deps.core.identity.machineSeen(machine.id, peerOf(req));
      admissions.set(req.raw, { via: 'machine', machineId: machine.id });
      if (cred.via === 'query') giveMachineSession(req, reply, deps.machineSessions, machine.id);
      return null;
    }
    if (!tokenMatches(deps.bootstrap.token, cred.token)) return { status: 401, message: NEEDS_TOKEN };
    admissions.set(req.raw, { via: 'bootstrap' });
    // Lets the page's own assets and its socket in without the token in every URL.
    if (cred.via === 'query') giveSession(req, reply, deps.bootstrap.sessions);
    return null;
  }
  if (cred.via === 'cookie' && isMachineSession(cred.session)) {
    const session = deps.machineSessions.check(cred.session);
    if (!session) return { status: 401, message: NEEDS_TOKEN };
    if (isUpgrade(req) && !sameOrigin(req.headers.origin, req.headers.host)) {
      return { status: 403, message: 'a socket opened with the session cookie must come from a page of this hub' };
    }
    deps.core.identity.machineSeen(session.machineId, peerOf(req));
    admissions.set(req.raw, { via: 'machine', machineId: session.machineId });
    if (session.state === 'renew') giveMachineSession(req, reply, deps.machineSessions, session.machineId);
    return null;
  }
  const session = cred.via === 'cookie' ? deps.bootstrap.sessions.check(cred.session) : 'invalid';
  if (session !== 'invalid') {
    if (isUpgrade(req) && !sameOrigin(req.headers.origin, req.headers.host)) {
      return { status: 403, message: 'a socket opened with the session cookie must come from a page of this hub' };
    }
    admissions.set(req.raw, { via: 'bootstrap' });
    if (session === 'renew') giveSession(req, reply, deps.bootstrap.sessions);
    return null;
  }
  return { status: 401, message: NEEDS_TOKEN };
}

function giveSession(req: FastifyRequest, reply: FastifyReply, sessions: Sessions): void {
  // A socket handshake's answer carries no cookie to the page; its page load already did.
  if (isUpgrade(req)) return;
  void reply.setCookie(SESSION_COOKIE, sessions.create(), { path: '/', httpOnly: true, sameSite: 'strict', maxAge: SESSION_IDLE_MS / 1000 });
}

async function registerFiles(app: FastifyInstance, prefix: string, root: string | undefined, missing: string): Promise<void> {
  if (!root) {
    app.get(`${prefix}*`, async (_req, reply) => reply.code(404).send({ error: missing }));
    return;
  }
  const realRoot = await realpath(root).catch(() => root);
  await app.register(async (scope) => {
    // Files are served from under the root only: a symlink that leads out of it is not followed.
    scope.addHook('preHandler', async (req, reply) => {
      const wild = (req.params as { '*'?: string })['*'] ?? '';
      const inside = await realpath(join(realRoot, wild)).catch(() => null);
      if (inside !== null && inside !== realRoot && !inside.startsWith(realRoot + sep)) return reply.code(404).send({ error: 'not found' });
    });
    await scope.register(fastifyStatic, {
      root: realRoot,
      prefix,
      decorateReply: false,
      index: prefix === '/' ? 'index.html' : false,
      cacheControl: false,
      // Hashed asset names can be cached; the page itself must not be, or an update goes unseen.
      // A live playlist (.m3u8) changes every few seconds and must not be cached either.
      setHeaders: (res, path) => {
        // The reply is thenable (Fastify's), not a promise anyone awaits: nothing to hand back.
        void res.header('cache-control', path.startsWith(join(realRoot, 'assets') + sep) ? 'private, max-age=31536000, immutable' : 'no-store');
      },
    });
  });
}
