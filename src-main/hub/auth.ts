// Who may talk to the hub. A street centre or tool presents the token (a bearer header or
// ?token=); a browser page presents it once in its URL and gets a session cookie in exchange,
// so the token itself never travels in a cookie (a tile server or camera on the same host
// would receive every cookie of that host). Sessions are random ids held in memory: a restart
// of the hub ends them, and a page that still has ?token= in its URL simply gets a new one.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';

export const SESSION_COOKIE = 'cw_session';
/** A wall runs for days; a session unused this long ends. Each use renews it. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** More live sessions than this means something is minting them: the oldest go first. */
const MAX_SESSIONS = 10_000;

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

export class Sessions {
  /** session id → time it ends (insertion order doubles as age order for eviction). */
  private readonly live = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  create(): string {
    const id = randomBytes(32).toString('base64url');
    if (this.live.size >= MAX_SESSIONS) this.live.delete(this.live.keys().next().value as string);
    this.live.set(id, this.now() + SESSION_IDLE_MS);
    return id;
  }

  /** True for a live session, which is renewed; an expired one is forgotten. */
  touch(id: string): boolean {
    const ends = this.live.get(id);
    if (ends === undefined) return false;
    if (ends <= this.now()) {
      this.live.delete(id);
      return false;
    }
    this.live.delete(id);
    this.live.set(id, this.now() + SESSION_IDLE_MS);
    return true;
  }

  get size(): number {
    return this.live.size;
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
