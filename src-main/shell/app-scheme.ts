// Where the desktop app's pages come from: app://wall/…, a privileged standard scheme served from
// the built renderer folder only (not file://, where the CSP's 'self' would match any local
// file and the permission check handler sees no origin of ours). No `electron` import: the
// URL, origin and path rules are unit-tested under Node (tests/unit/shell/app-scheme.test.ts);
// shell/security.ts registers the scheme and hands requests to appResponse().
import { promises as fsp } from 'node:fs';
import { extname, isAbsolute, relative, resolve } from 'node:path';
import { PAGE_CSP_HEADER } from '../core/page-policy';

export const APP_SCHEME = 'app';
export const APP_HOST = 'wall';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The pages' policy as a header (src-main/core/page-policy.ts). */
export const APP_CSP = PAGE_CSP_HEADER;

/** Only what the build emits; anything else is not ours to serve (404, never sniffed). */
const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.geojson': 'application/geo+json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.txt': 'text/plain; charset=utf-8',
};

/** A window's page: app://wall/index.html?view=…. */
export function appPageUrl(query: Record<string, string>): string {
  return `${APP_ORIGIN}/index.html?${new URLSearchParams(query).toString()}`;
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** app://wall exactly: no other host, no port, no credentials. (Node's URL gives non-special
 *  schemes an opaque origin, "null", so the parts are compared rather than `origin`.) */
function isAppUrl(u: URL): boolean {
  return u.protocol === `${APP_SCHEME}:` && u.hostname.toLowerCase() === APP_HOST && u.port === '' && u.username === '' && u.password === '';
}

/**
 * Whether a page URL or an origin (a permission check's `requestingOrigin`, a request's
 * initiator) is one of our pages: app://wall, or electron-vite's dev server when one is given
 * (development runs only; shell/support.ts). file:// never is.
 */
export function isOurOrigin(urlOrOrigin: string, devOrigin?: string): boolean {
  const u = urlOrOrigin ? parse(urlOrOrigin) : null;
  if (!u) return false;
  if (isAppUrl(u)) return true;
  return devOrigin !== undefined && (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === parse(devOrigin)?.origin;
}

/**
 * The path inside the renderer folder an app:// URL names, as checked segments, or null. Each
 * segment is decoded on its own, so an encoded slash, backslash, dot segment or NUL cannot
 * become a separator or a step up once decoded.
 */
function relativePath(url: string): string | null {
  const u = parse(url);
  if (!u || !isAppUrl(u)) return null;
  const segments: string[] = [];
  for (const raw of u.pathname.split('/')) {
    if (raw === '') continue;
    let s: string;
    try {
      s = decodeURIComponent(raw);
    } catch {
      return null; // malformed percent-encoding
    }
    if (s === '.' || s === '..' || /[/\\\0:]/.test(s)) return null;
    segments.push(s);
  }
  return segments.length > 0 ? segments.join('/') : null;
}

/** Whether `p` is `root` or below it (both absolute, both resolved). */
function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

export interface AppFile {
  path: string;
  type: string;
}

/**
 * The file an app:// URL names in the renderer folder, or null (the answer is then 404): a
 * regular file of a known type whose real path (links followed) is still inside the folder's
 * real path. The folder is the app's own, read-only once installed (often inside app.asar,
 * whose realpath and stat Electron provides).
 */
export async function resolveAppPath(root: string, url: string): Promise<AppFile | null> {
  const rel = relativePath(url);
  if (rel === null) return null;
  const type = MIME_TYPES[extname(rel).toLowerCase()];
  if (!type) return null;
  try {
    const realRoot = await fsp.realpath(root);
    const candidate = resolve(realRoot, rel);
    if (!inside(realRoot, candidate)) return null;
    const real = await fsp.realpath(candidate);
    if (!inside(realRoot, real)) return null; // a link out of the folder
    if (!(await fsp.stat(real)).isFile()) return null;
    return { path: real, type };
  } catch {
    return null; // missing, unreadable, a dangling link
  }
}

export interface AppRequest {
  url: string;
  method: string;
  /** The origin of the page that made the request; absent when the browser itself did (a window loading its page). */
  initiatorOrigin?: string;
}

export interface AppAnswer {
  status: 200 | 403 | 404 | 405;
  headers: Record<string, string>;
  /** The file to send, with a 200. */
  path?: string;
}

/** What to answer an app:// request: our files to our own pages only. */
export async function appResponse(root: string, req: AppRequest): Promise<AppAnswer> {
  const plain = { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' };
  if (req.method !== 'GET' && req.method !== 'HEAD') return { status: 405, headers: { ...plain, Allow: 'GET, HEAD' } };
  // Nothing else is loaded in our windows, but should a foreign page ever make a request
  // (a tile server's SVG, say), it gets nothing of ours.
  if (req.initiatorOrigin !== undefined && !isOurOrigin(req.initiatorOrigin)) return { status: 403, headers: plain };
  const file = await resolveAppPath(root, req.url);
  if (!file) return { status: 404, headers: plain };
  return {
    status: 200,
    path: file.path,
    headers: { 'Content-Type': file.type, 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': APP_CSP, 'Cache-Control': 'no-cache' },
  };
}
