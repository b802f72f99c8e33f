// DevTools, the default menu and the dev server are for developers: a packaged build has none of
// them unless support turns DevTools on for one run (src-main/shell/support.ts).
import { describe, expect, it } from 'vitest';
import { DEVTOOLS_ENV, shellSupport } from '../../../src-main/shell/support';

describe('shell support switches', () => {
  it('a packaged build has no DevTools, no default menu and ignores a dev server URL', () => {
    expect(shellSupport(true, { ELECTRON_RENDERER_URL: 'http://192.0.2.1:5173' })).toEqual({ devTools: false, defaultMenu: false, devUrl: undefined });
    for (const v of ['', '0', 'true', 'yes', ' 1']) expect(shellSupport(true, { [DEVTOOLS_ENV]: v }).devTools, v).toBe(false);
  });

  it(`${DEVTOOLS_ENV}=1 turns DevTools and the menu back on in a packaged build, and only those`, () => {
    expect(DEVTOOLS_ENV).toBe('COMMAND_WALL_DEVTOOLS');
    expect(shellSupport(true, { [DEVTOOLS_ENV]: '1', ELECTRON_RENDERER_URL: 'http://192.0.2.1:5173' })).toEqual({
      devTools: true,
      defaultMenu: true,
      devUrl: undefined,
    });
  });

  it('a development run keeps DevTools, the menu and electron-vite’s dev server', () => {
    expect(shellSupport(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173' })).toEqual({
      devTools: true,
      defaultMenu: true,
      devUrl: 'http://localhost:5173',
    });
    expect(shellSupport(false, {})).toEqual({ devTools: true, defaultMenu: true, devUrl: undefined });
  });
});
