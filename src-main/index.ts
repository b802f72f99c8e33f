// The Electron main process: a thin shell. All product logic lives in src-main/core (shared
// with the headless hub) and in the renderer; this file only wires them to windows.
import { app, BrowserWindow, dialog, powerMonitor } from 'electron';
import { join } from 'node:path';
import { openCore, type Core } from './core/app';
import { mediaOptionsFromEnv } from './core/media';
import { registerIpc } from './shell/ipc-main';
import { registerPrint } from './shell/print';
import { applyAppSecurity, applySessionSecurity, trustedOrigins } from './shell/security';
import { shellSupport } from './shell/support';
import { openWindows, type PageLocation } from './shell/windows';

applyAppSecurity();

if (!app.requestSingleInstanceLock()) app.quit();

const support = shellSupport(app.isPackaged, process.env);
const where: PageLocation = {
  rendererDir: join(__dirname, '..', 'renderer'),
  devUrl: support.devUrl,
  preload: join(__dirname, '..', 'preload', 'preload.js'),
  devTools: support.devTools,
};

let core: Core | undefined;

async function start(): Promise<void> {
  const origins = trustedOrigins(where.devUrl);
  applySessionSecurity(origins, { rendererDir: where.rendererDir, devTools: support.devTools });
  core = await openCore({ dataDir: app.getPath('userData'), host: 'electron', media: mediaOptionsFromEnv(process.env) });
  registerIpc(core, origins);
  registerPrint(origins);
  watchHostPower(core);
  openWindows(core.centre.settings(), where);
}

/** The app machine's own power (a laptop console on battery) feeds the same power state machine. */
function watchHostPower(c: Core): void {
  const report = (onBattery: boolean): void =>
    void c
      .dispatch('power.reportHostPower', { onBattery }, { transport: 'local', peer: 'powerMonitor' })
      .catch((err: unknown) => console.error('[power] host power report failed:', err));
  powerMonitor.on('on-battery', () => report(true));
  powerMonitor.on('on-ac', () => report(false));
  report(powerMonitor.isOnBatteryPower());
}

app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => void core?.close());

app
  .whenReady()
  .then(start)
  .catch((err: unknown) => {
    dialog.showErrorBox('Command Wall could not start', err instanceof Error ? err.message : String(err));
    app.exit(1);
  });
