// Token checks for the hub. Every request but GET /healthz carries the token, as a bearer
// header, a ?token= query parameter, or the cookie set when a browser first opened the wall
// with ?token= (a page's own asset and WebSocket requests cannot carry a header).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'cw_token';

export function generateToken(): string {
  return randomBytes(24).toString('base64url');
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export interface PresentedToken {
  token: string | undefined;
  via: 'header' | 'query' | 'cookie' | 'none';
}

export function presentedToken(req: IncomingMessage, url: URL): PresentedToken {
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ')) return { token: auth.slice(7).trim(), via: 'header' };
  const q = url.searchParams.get('token');
  if (q) return { token: q, via: 'query' };
  const c = cookieValue(req.headers.cookie, TOKEN_COOKIE);
  if (c) return { token: c, via: 'cookie' };
  return { token: undefined, via: 'none' };
}

export function tokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
