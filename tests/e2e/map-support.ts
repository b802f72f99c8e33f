// Shared by the one-map, warnings, cameras and statistics e2e specs: put panels on the wall
// through the API, and keep the browser off every network but the hub's.
import type { Page } from '@playwright/test';
import { standardLayout, type StandardLayoutKind } from '../../src-main/core/contract/layouts';
import type { HubProcess } from '../support/hub-process';
import { connect, type TestSocket } from '../support/rpc-socket';

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

/**
 * The command hall has no internet: any request that is not to the hub is aborted and recorded,
 * so a test can assert that none was attempted.
 */
export async function offline(page: Page, origin: string): Promise<string[]> {
  const outside: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    outside.push(url);
    return route.abort('internetdisconnected');
  });
  return outside;
}
