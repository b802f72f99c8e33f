// Windows: a fullscreen wall on each display chosen in settings, and a console window.
import { BrowserWindow, screen, type BrowserWindowConstructorOptions } from 'electron';
import type { Settings } from '../core/contract/schemas';
import { appPageUrl } from './app-scheme';

export interface PageLocation {
  /** The built renderer folder, served as app://wall (shell/app-scheme.ts). */
  rendererDir: string;
  devUrl?: string;
  preload: string;
  /** Off in a packaged build unless support asked for it (shell/support.ts). */
  devTools: boolean;
}

/** The only place a window is made, so every window gets the same locked-down preferences. */
function createSecureWindow(options: Omit<BrowserWindowConstructorOptions, 'webPreferences'>, where: PageLocation): BrowserWindow {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      preload: where.preload,
      devTools: where.devTools,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
      // A wall has nobody to click it: a new warning's sound, a power alarm and a consultation's
      // sound must play unattended, as in browser mode with --autoplay-policy.
      autoplayPolicy: 'no-user-gesture-required',
    },
  });
}

function load(win: BrowserWindow, where: PageLocation, query: Record<string, string>): void {
  if (where.devUrl) {
    const url = new URL(where.devUrl);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    void win.loadURL(url.href);
  } else {
    void win.loadURL(appPageUrl(query));
  }
}

/** Which windows a machine opens: the settings of a host's core, or a client's by its kind (machine-role.ts). */
export type WindowChoice = Pick<Settings, 'wallDisplays' | 'consoleWindow'> & {
  /** false: no wall window at all (a console client with one display); by default the primary display carries the wall when none is chosen. */
  wall?: boolean;
};

/** First run: one window with the setup page, where the machine's role is chosen (machine-role.ts). */
export function openSetupWindow(where: PageLocation): BrowserWindow {
  const win = createSecureWindow({ width: 760, height: 720, backgroundColor: '#05080f', title: 'Command Wall — 首次设置 · set-up' }, where);
  load(win, where, { view: 'setup' });
  return win;
}

export function openWindows(settings: WindowChoice, where: PageLocation): BrowserWindow[] {
  const displays = screen.getAllDisplays();
  // No choice made yet: the primary display carries the wall.
  const chosen = settings.wallDisplays.filter((i) => i < displays.length);
  const wallDisplays = settings.wall === false ? [] : chosen.length > 0 ? chosen : [displays.indexOf(screen.getPrimaryDisplay())];
  const windows: BrowserWindow[] = [];
  for (const index of wallDisplays) {
    const { bounds } = displays[index];
    const win = createSecureWindow(
      { ...bounds, fullscreen: true, frame: false, backgroundColor: '#05080f', title: `Command Wall — display ${index + 1}` },
      where,
    );
    load(win, where, { view: 'wall', display: String(index) });
    windows.push(win);
  }
  if (settings.consoleWindow) {
    const win = createSecureWindow({ width: 1280, height: 860, backgroundColor: '#05080f', title: 'Command Wall — console' }, where);
    load(win, where, { view: 'console' });
    windows.push(win);
  }
  return windows;
}
