// What a packaged build keeps for developers only: DevTools, Electron's default menu (its
// Reload, Toggle DevTools and Zoom on every wall and console) and electron-vite's dev server.
// Support turns DevTools and the menu back on for one run with COMMAND_WALL_DEVTOOLS=1.
// No `electron` import: unit-tested under Node (tests/unit/shell/support.test.ts).

/** Set to 1 to open DevTools (and have the default menu) in a packaged build, for support. */
export const DEVTOOLS_ENV = 'COMMAND_WALL_DEVTOOLS';

export interface ShellSupport {
  /** webPreferences.devTools of every window. */
  devTools: boolean;
  /** Electron's default application menu; without it, Menu.setApplicationMenu(null). */
  defaultMenu: boolean;
  /** electron-vite's dev server to load pages from instead of app://wall. */
  devUrl: string | undefined;
}

export function shellSupport(isPackaged: boolean, env: Readonly<Record<string, string | undefined>>): ShellSupport {
  const devTools = !isPackaged || env[DEVTOOLS_ENV] === '1';
  // A packaged build never loads its pages from an address in the environment: our IPC bridge
  // would trust whatever page was there.
  return { devTools, defaultMenu: devTools, devUrl: isPackaged ? undefined : env.ELECTRON_RENDERER_URL || undefined };
}
