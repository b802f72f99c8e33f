// Every security setting of the Electron shell, in one place (as Element Desktop does).
// The pages are ours and local, served as app://wall (shell/app-scheme.ts); anything that would
// take them elsewhere is refused.
import { app, Menu, protocol, session, type WebContents } from 'electron';
import { promises as fsp } from 'node:fs';
import { APP_SCHEME, appResponse, isOurOrigin } from './app-scheme';

/** Permissions our own pages may have: camera and microphone for consultations, screen share. */
const ALLOWED_PERMISSIONS = new Set(['media', 'display-capture', 'fullscreen']);

export interface TrustedOrigins {
  /** app://wall, or the dev server origin in a development run. */
  isOurs(url: string): boolean;
}

export function trustedOrigins(devUrl: string | undefined): TrustedOrigins {
  return { isOurs: (url) => isOurOrigin(url, devUrl) };
}

function lockDownContents(contents: WebContents, origins: TrustedOrigins): void {
  contents.on('will-navigate', (event, url) => {
    if (!origins.isOurs(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!origins.isOurs(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Call before app 'ready'. */
export function applyAppSecurity(): void {
  app.enableSandbox();
  // A standard, secure scheme: its pages have an origin of their own (app://wall, which the
  // CSP's 'self', localStorage, Web Locks and getUserMedia need), may fetch and run workers and
  // modules from it, and stream media; never service workers, never past the page's CSP.
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        corsEnabled: true,
        stream: true,
        codeCache: true,
        allowServiceWorkers: false,
        bypassCSP: false,
      },
    },
  ]);
}

export interface SessionOptions {
  /** The built renderer folder: the only files app:// serves. */
  rendererDir: string;
  /** DevTools and the default menu (shell/support.ts: development runs, or support's variable). */
  devTools: boolean;
}

/** Call once the app is ready. */
export function applySessionSecurity(origins: TrustedOrigins, opts: SessionOptions): void {
  // Without the default menu a wall has no Reload, Toggle DevTools or Zoom shortcuts.
  if (!opts.devTools) Menu.setApplicationMenu(null);
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, origins));
  const ses = session.defaultSession;
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const answer = await appResponse(opts.rendererDir, {
      url: request.url,
      method: request.method,
      initiatorOrigin: (request as Request & { initiatorOrigin?: string }).initiatorOrigin,
    });
    if (!answer.path) return new Response(answer.status === 404 ? 'Not found' : 'Refused', { status: answer.status, headers: answer.headers });
    try {
      // Built files are small (the largest chunk is a few hundred KB): read whole, no Range.
      const body = request.method === 'HEAD' ? null : new Uint8Array(await fsp.readFile(answer.path));
      return new Response(body, { status: 200, headers: answer.headers });
    } catch {
      return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
    }
  });
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const url = details.requestingUrl || contents.getURL();
    callback(ALLOWED_PERMISSIONS.has(permission) && origins.isOurs(url));
  });
  // The check handler is given an origin (app://wall), not a page URL.
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => ALLOWED_PERMISSIONS.has(permission) && origins.isOurs(requestingOrigin));
  // Only our own pages may save files (roster and log workbooks, attachments), and always through
  // a save dialog; anything else that tries to download is refused.
  ses.on('will-download', (event, item, contents) => {
    if (!origins.isOurs(contents.getURL())) return event.preventDefault();
    item.setSaveDialogOptions({ defaultPath: item.getFilename() });
  });
}
