// /enrol: where a machine spends its one-time enrolment code (issue 14). Open like /healthz, since
// the machine has no credential yet; what it can do here is bounded by the code (single use,
// 15 minutes, guesses slowed per address and recorded in the audit trail, identity/machines.ts).
//
// - POST /enrol with JSON {code, name}: answers {machine, credential} as auth.enrol does (a tool, a
//   street machine's installer, the desktop app in client role).
// - GET /enrol[?code=K7QF-3MZD] (what the QR code on the district console opens): a small form,
//   no script. Its POST (a form) answers 303 to the machine's page with a machine session cookie
//   (replacing any bootstrap session the browser had) and, for a console or street machine, the
//   credential in the address's fragment (never sent to a server), which the page moves to its
//   localStorage and removes from the address (state/identity/machine-credential.ts). A wall page
//   gets the cookie alone until the wall page adopts the fragment as it starts too.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Core } from '../core/app';
import { RpcCode, RpcError } from '../core/contract/errors';
import type { Enrolled } from '../core/contract/identity';
import { MACHINE_SESSION_IDLE_MS, SESSION_COOKIE, type MachineSessions } from './auth';

/** The fragment key the enrolled page finds its credential under (the renderer reads the same name). */
export const MACHINE_FRAGMENT = 'cw-machine';

/** The form's own policy: no script at all, a form posted back here only. */
const ENROL_CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export interface EnrolDeps {
  core: Core;
  machineSessions: MachineSessions;
}

export const peerOf = (req: FastifyRequest): string => `${req.socket.remoteAddress ?? '?'}:${req.socket.remotePort ?? '?'}`;

export function isUpgrade(req: FastifyRequest): boolean {
  return (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
}

/** A page of an enrolled machine: its cookie replaces any bootstrap session the page had. */
export function giveMachineSession(req: FastifyRequest, reply: FastifyReply, sessions: MachineSessions, machineId: string): void {
  // A socket handshake's answer carries no cookie to the page; its page load already did.
  if (isUpgrade(req)) return;
  const value = sessions.create(machineId);
  if (value) void reply.setCookie(SESSION_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'strict', maxAge: MACHINE_SESSION_IDLE_MS / 1000 });
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function formPage(code: string, name: string, error: string | null): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>终端注册 · Enrol this machine</title>
<style>body{font:16px system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;background:#0b1520;color:#e6edf3;display:grid;place-items:center;min-height:100vh;margin:0}
form{background:#132233;padding:24px 28px;border-radius:8px;display:grid;gap:12px;min-width:320px}label{display:grid;gap:4px}
input{font:inherit;padding:8px;border-radius:4px;border:1px solid #3a5066;background:#0b1520;color:inherit}button{font:inherit;padding:8px;border-radius:4px;border:0;background:#2f81f7;color:#fff}
.err{color:#ff7b72;max-width:40ch}</style></head>
<body><form method="post" action="/enrol">
<h1>终端注册 <small>Enrol this machine</small></h1>
<label>注册码 Enrolment code<input name="code" required maxlength="20" autocomplete="off" value="${escapeHtml(code)}" placeholder="K7QF-3MZD"></label>
<label>本机名称 Name of this machine<input name="name" required maxlength="40" value="${escapeHtml(name)}" placeholder="华乐街 值班电脑"></label>
${error ? `<p class="err" role="alert">${escapeHtml(error)}</p>` : ''}
<button type="submit">注册 Enrol</button>
</form></body></html>`;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function registerEnrolRoutes(app: FastifyInstance, deps: EnrolDeps): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.get('/enrol', async (req, reply) => {
    const code = str((req.query as Record<string, unknown> | undefined)?.code).slice(0, 20);
    return reply
      .header('content-security-policy', ENROL_CSP)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(formPage(code, '', null));
  });

  app.post('/enrol', { bodyLimit: 4096 }, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const form = (req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
    void reply.header('cache-control', 'no-store');
    try {
      const enrolled = (await deps.core.dispatch('auth.enrol', { code: body.code, name: body.name }, { transport: 'http', peer: peerOf(req) })) as Enrolled;
      if (!form) return reply.send(enrolled);
      giveMachineSession(req, reply, deps.machineSessions, enrolled.machine.id);
      // Every page takes the credential off its address as it starts (main.tsx), wall and console alike.
      const view = enrolled.machine.kind === 'wall' ? 'wall' : 'console';
      return reply
        .code(303)
        .header('location', `/?view=${view}#${MACHINE_FRAGMENT}=${encodeURIComponent(enrolled.credential)}`)
        .send();
    } catch (err) {
      const e = err instanceof RpcError ? err : new RpcError(RpcCode.InternalError, String(err));
      const status = e.code === RpcCode.Unauthorized ? 401 : e.code === RpcCode.InvalidParams ? 400 : 500;
      if (!form) return reply.code(status).send({ error: e.toJSON() });
      return reply
        .code(status)
        .header('content-security-policy', ENROL_CSP)
        .type('text/html; charset=utf-8')
        .send(formPage(str(body.code).slice(0, 20), str(body.name).slice(0, 40), e.message));
    }
  });
}
