// Every security setting of the Electron shell, in one place (as Element Desktop does).
// The pages are ours and local; anything that would take them elsewhere is refused.
import { app, session, type WebContents } from 'electron';
import { pathToFileURL } from 'node:url';

/** Permissions our own pages may have: camera and microphone for consultations, screen share. */
const ALLOWED_PERMISSIONS = new Set(['media', 'display-capture', 'fullscreen']);

export interface TrustedOrigins {
  /** file:// URL of the built renderer folder, or the dev server origin. */
  isOurs(url: string): boolean;
}

export function trustedOrigins(rendererDir: string, devUrl: string | undefined): TrustedOrigins {
  const fileBase = pathToFileURL(rendererDir).href + '/';
  const devOrigin = devUrl ? new URL(devUrl).origin : undefined;
  return {
    isOurs(url: string): boolean {
      if (!url) return false;
      if (url.startsWith(fileBase)) return true;
      try {
        return devOrigin !== undefined && new URL(url).origin === devOrigin;
      } catch {
        return false;
      }
    },
  };
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
}

/** Call once the app is ready. */
export function applySessionSecurity(origins: TrustedOrigins): void {
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, origins));
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const url = details.requestingUrl || contents.getURL();
    callback(ALLOWED_PERMISSIONS.has(permission) && origins.isOurs(url));
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin) => {
    return ALLOWED_PERMISSIONS.has(permission) && origins.isOurs(requestingOrigin.endsWith('/') ? requestingOrigin : requestingOrigin + '/');
  });
  // Only our own pages may save files (roster and log workbooks, attachments), and always through
  // a save dialog; anything else that tries to download is refused.
  ses.on('will-download', (event, item, contents) => {
    if (!origins.isOurs(contents.getURL())) return event.preventDefault();
    item.setSaveDialogOptions({ defaultPath: item.getFilename() });
  });
}
