// The Electron main process: a thin shell. All product logic lives in src-main/core (shared
// with the headless hub) and in the renderer; this file only wires them to windows.
import { app, BrowserWindow, dialog, powerMonitor, screen } from 'electron';
import { join } from 'node:path';
import { openCore, type Core } from './core/app';
import { mediaOptionsFromEnv } from './core/media';
import { registerIpc } from './shell/ipc-main';
import { registerPrint } from './shell/print';
import { applyAppSecurity, applySessionSecurity, trustedOrigins } from './shell/security';
import { shellSupport } from './shell/support';
import { startHostHub, type HostHub } from './shell/host-role';
import { loadMachineCredential } from './shell/machine-credential';
import { registerMachineInfo, registerSetup } from './shell/machine-ipc';
import { clientSocketUrls, readMachineRole, type ClientRole, type HostRole } from './shell/machine-role';
import { openSetupWindow, openWindows, type PageLocation, type WindowChoice } from './shell/windows';

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
let hostHub: HostHub | undefined;

// The machine's role (shell/machine-role.ts), chosen on the first run's setup page: host (the
// core, and the hub for the machines elsewhere), or client (windows talking to a hub).
async function start(): Promise<void> {
  const origins = trustedOrigins(where.devUrl);
  applySessionSecurity(origins, { rendererDir: where.rendererDir, devTools: support.devTools });
  const userData = app.getPath('userData');
  const role = readMachineRole(userData);
  registerPrint(origins);
  if (role === null) {
    registerMachineInfo({ role: 'setup' }, origins);
    registerSetup(userData, origins);
    openSetupWindow(where);
  } else if (role.role === 'host') {
    await startHost(role, userData, origins);
  } else {
    startClient(role, userData, origins);
  }
}

async function startHost(role: HostRole, userData: string, origins: ReturnType<typeof trustedOrigins>): Promise<void> {
  core = await openCore({ dataDir: userData, host: 'electron', media: { ...mediaOptionsFromEnv(process.env), hostAddresses: role.hosts } });
  registerMachineInfo({ role: 'host' }, origins);
  registerIpc(core, origins);
  watchHostPower(core);
  hostHub = await startHostHub(core, role, { userData, rendererDir: where.rendererDir });
  openWindows(core.centre.settings(), where);
}

/** A client has no core: its windows reach the hub themselves, with the credential enrolment gave it. */
function startClient(role: ClientRole, userData: string, origins: ReturnType<typeof trustedOrigins>): void {
  const credential = loadMachineCredential(userData);
  if (credential === null) {
    throw new Error('this machine is set up as a client but its credential cannot be read (another user, or the OS keychain changed): enrol it again');
  }
  registerMachineInfo({ role: 'client', sockets: clientSocketUrls(role, credential), machineName: role.machine.name }, origins);
  openWindows(clientWindows(role), where);
}

/** A wall PC shows the wall on every display; a console or street machine opens the console (and the wall on a second display). */
function clientWindows(role: ClientRole): WindowChoice {
  const displays = screen.getAllDisplays().length;
  if (role.machine.kind === 'wall') return { wallDisplays: [...Array(displays).keys()], consoleWindow: false };
  return displays > 1 ? { wallDisplays: [1], consoleWindow: true } : { wallDisplays: [], consoleWindow: true, wall: false };
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
app.on('will-quit', () => {
  void (async () => {
    await hostHub?.hub.close();
    await core?.close();
  })();
});

app
  .whenReady()
  .then(start)
  .catch((err: unknown) => {
    dialog.showErrorBox('Command Wall could not start', err instanceof Error ? err.message : String(err));
    app.exit(1);
  });
