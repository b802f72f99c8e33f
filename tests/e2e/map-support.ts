// Shared by the one-map, warnings, cameras and statistics e2e specs: put panels on the wall
// through the API, and keep the browser off every network but the hub's.
import { test, type Page } from '@playwright/test';
import { standardLayout, type StandardLayoutKind } from '@contract/layouts';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { connect, type TestSocket } from '../support/rpc-socket';
import { tempDir } from '../support/temp-dir';

export const shots = 'test-results/screenshots';

export function rpc(hub: HubProcess): Promise<TestSocket> {
  return connect(`ws://127.0.0.1:${hub.port}/rpc?token=${hub.token}`);
}

/** Calls a method and fails loudly if it is refused. */
export async function must(sock: TestSocket, method: string, params: unknown = {}): Promise<any> {
  const r = await sock.call(method, params);
  if (r.error) throw new Error(`${method} refused: ${r.error.message}`);
  return r.result;
}

/** Saves a preset with these panels and shows it on display 0. */
export async function showOnWall(sock: TestSocket, id: string, layout: StandardLayoutKind, cells: (string | null)[]): Promise<void> {
  const l = standardLayout(layout);
  const padded = [...cells, ...Array(l.areas.length).fill(null)].slice(0, l.areas.length);
  await must(sock, 'wall.savePreset', { preset: { id, name: id, layout: l, cells: padded } });
  await must(sock, 'wall.activate', { display: 0, presetId: id });
}

/** A spec file's hub, its API socket and its data folder: filled in before the file's first test. */
export interface SpecHub {
  hub: HubProcess;
  sock: TestSocket;
  tmp: ReturnType<typeof tempDir>;
}

/**
 * Starts a hub of its own for this spec file (with the demo set unless `demo: false`) and shows
 * these panels on display 0; stops it and removes its data after the file's last test. The
 * fields are set in beforeAll: Playwright also loads spec files in processes that run no test.
 */
export function hubForSpec(name: string, layout: StandardLayoutKind, cells: (string | null)[], opts: { demo?: boolean } = {}): SpecHub {
  const spec = {} as SpecHub;
  test.beforeAll(async () => {
    spec.tmp = tempDir(`cw-e2e-${name}-`);
    spec.hub = await startHubProcess(spec.tmp.dir, { extraArgs: opts.demo === false ? [] : ['--demo'] });
    spec.sock = await rpc(spec.hub);
    await showOnWall(spec.sock, name, layout, cells);
  });
  test.afterAll(async () => {
    spec.sock?.close();
    await spec.hub?.stop();
    spec.tmp?.remove();
  });
  return spec;
}

/**
 * The command hall has no internet: any request that is not to the hub (or to an intranet
 * server the test runs itself, such as a camera) is aborted and recorded, so a test can assert
 * that none was attempted.
 */
export async function offline(page: Page, origin: string, ...intranet: string[]): Promise<string[]> {
  const outside: string[] = [];
  const allowed = [origin, ...intranet];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed.some((o) => url.startsWith(`${o}/`)) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort('internetdisconnected');
  });
  return outside;
}
