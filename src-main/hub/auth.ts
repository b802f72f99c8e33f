// Who may talk to the hub. A street centre or tool presents the token (a bearer header or
// ?token=); a browser page presents it once in its URL and gets a session cookie in exchange,
// so the token itself never travels in a cookie (a tile server or camera on the same host
// would receive every cookie of that host). A session is a random id with its end time, signed
// with a key derived from the token: it survives a restart of the hub (a wall page reloads after
// a crash without its token, which it removed from its address bar), needs no store writes, and
// every session ends when the token changes. The cookie tells nothing about the token.
//
// An enrolled machine (core/identity/machines.ts) presents its own credential the same way, by
// header or ?token=; a page load with it gets a machine session cookie instead
// (`m.<machine id>.<end>.<random>.<signature>`, under the same cookie name, so it replaces a
// bootstrap session the page had), signed with a key derived from that machine's stored
// credential hash: it survives a hub restart and a rotation of the bootstrap token, and dies with
// the machine. The bootstrap token is rotated by an administrator (auth.rotateBootstrapToken):
// the hub swaps it and its session key at once and rewrites its token file.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';

export const SESSION_COOKIE = 'cw_session';
/** A wall runs for days; a session unused this long ends. A page using it gets a fresh one. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type Credential = { via: 'header' | 'query'; token: string } | { via: 'cookie'; session: string } | { via: 'none' };

/** The credential a request carries; the header wins over the query, the query over the cookie. */
export function presentedCredential(headers: { authorization?: string }, query: unknown, cookies: Record<string, string | undefined>): Credential {
  const auth = headers.authorization;
  if (auth?.startsWith('Bearer ')) return { via: 'header', token: auth.slice(7).trim() };
  const q = (query as Record<string, unknown> | undefined)?.token;
  if (typeof q === 'string' && q !== '') return { via: 'query', token: q };
  const c = cookies[SESSION_COOKIE];
  if (c) return { via: 'cookie', session: c };
  return { via: 'none' };
}

export type SessionCheck = 'valid' | 'renew' | 'invalid';

/** A machine's page runs for weeks unattended; its session, unused this long, ends (revoking the machine ends it at once). */
export const MACHINE_SESSION_IDLE_MS = 30 * 24 * 60 * 60 * 1000;
const MACHINE_COOKIE_PREFIX = 'm.';

export const isMachineSession = (value: string): boolean => value.startsWith(MACHINE_COOKIE_PREFIX);

/** Browser sessions of enrolled machines: `m.<machine id>.<end>.<random>.<signature>`. */
export class MachineSessions {
  constructor(
    /** The machine's cookie key; null once it is revoked or unknown. */
    private readonly keyFor: (machineId: string) => Buffer | null,
    private readonly now: () => number = Date.now,
  ) {}

  create(machineId: string): string | null {
    const key = this.keyFor(machineId);
    if (!key) return null;
    const body = `${MACHINE_COOKIE_PREFIX}${machineId}.${(this.now() + MACHINE_SESSION_IDLE_MS).toString(36)}.${randomBytes(18).toString('base64url')}`;
    return `${body}.${sign(key, body)}`;
  }

  check(value: string): { machineId: string; state: Exclude<SessionCheck, 'invalid'> } | null {
    const parts = value.split('.');
    if (parts.length !== 5 || `${parts[0]}.` !== MACHINE_COOKIE_PREFIX) return null;
    const [, machineId, end] = parts;
    const key = this.keyFor(machineId);
    if (!key) return null;
    const body = parts.slice(0, 4).join('.');
    const given = Buffer.from(parts[4]);
    const wanted = Buffer.from(sign(key, body));
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return null;
    const left = parseInt(end, 36) - this.now();
    if (!(left > 0)) return null;
    return { machineId, state: left < MACHINE_SESSION_IDLE_MS / 2 ? 'renew' : 'valid' };
  }
}

function sign(key: Buffer, body: string): string {
  return createHmac('sha256', key).update(body).digest('base64url');
}

export class Sessions {
  private readonly key: Buffer;

  constructor(
    token: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = createHmac('sha256', token).update('command-wall browser session v1').digest();
  }

  /** A new session: `<end time>.<random id>.<signature>`. */
  create(): string {
    const body = `${(this.now() + SESSION_IDLE_MS).toString(36)}.${randomBytes(18).toString('base64url')}`;
    return `${body}.${this.sign(body)}`;
  }

  /** 'renew' is a live session past half its life: the page should be given a fresh one. */
  check(value: string): SessionCheck {
    const cut = value.lastIndexOf('.');
    if (cut < 0) return 'invalid';
    const body = value.slice(0, cut);
    const given = Buffer.from(value.slice(cut + 1));
    const wanted = Buffer.from(this.sign(body));
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) return 'invalid';
    const left = parseInt(body.slice(0, body.indexOf('.')), 36) - this.now();
    if (!(left > 0)) return 'invalid';
    return left < SESSION_IDLE_MS / 2 ? 'renew' : 'valid';
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

/**
 * A cookie is sent by the browser whichever page asked, so a socket opened by cookie must come
 * from a page of the hub itself: its Origin names the host the request was sent to. Browsers
 * always send Origin on a WebSocket handshake; a missing one is refused.
 */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin || !host) return false;
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.host === host.toLowerCase();
  } catch {
    return false;
  }
}

export const TOKEN_ENV = 'COMMAND_WALL_TOKEN';
const MIN_TOKEN_LENGTH = 8;

/**
 * The hub's token, from (in this order) --token-file, --token, COMMAND_WALL_TOKEN, or a new one.
 * A token file that does not exist is created with a new token, readable by its owner only, so
 * a supervised hub keeps its token across restarts and every wall page's URL stays valid.
 */
export function loadToken(opts: { tokenFile?: string; token?: string }, env: Record<string, string | undefined>): { token: string; source: string } {
  if (opts.tokenFile) {
    let text: string;
    try {
      text = readFileSync(opts.tokenFile, 'utf8').trim();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read the token file ${opts.tokenFile}: ${(err as Error).message}`);
      const token = generateToken();
      writeFileSync(opts.tokenFile, `${token}\n`, { mode: 0o600, flag: 'wx' });
      return { token, source: `new token written to ${opts.tokenFile}` };
    }
    if ((statSync(opts.tokenFile).mode & 0o077) !== 0) chmodSync(opts.tokenFile, 0o600);
    if (text.length < MIN_TOKEN_LENGTH) throw new Error(`the token in ${opts.tokenFile} must be at least ${MIN_TOKEN_LENGTH} characters`);
    return { token: text, source: opts.tokenFile };
  }
  if (opts.token) return { token: opts.token, source: '--token' };
  const fromEnv = env[TOKEN_ENV];
  if (fromEnv !== undefined && fromEnv !== '') {
    if (fromEnv.length < MIN_TOKEN_LENGTH) throw new Error(`${TOKEN_ENV} must be at least ${MIN_TOKEN_LENGTH} characters`);
    return { token: fromEnv, source: TOKEN_ENV };
  }
  return { token: generateToken(), source: 'new random token' };
}

/** Writes a rotated token to the token file: a new file readable by its owner only, renamed over the old one. */
export function writeTokenFile(path: string, token: string): void {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  writeFileSync(tmp, `${token}\n`, { mode: 0o600, flag: 'wx' });
  renameSync(tmp, path);
}
