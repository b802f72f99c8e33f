// A real hub on a demo core for the black-box identity tests: started before the file's tests,
// stopped after. `ok` calls a method and expects no error.
import { afterAll, beforeAll, expect } from 'vitest';
import { join } from 'node:path';
import { openCore, type Core } from '../../../src-main/core/app';
import { startHub, type Hub } from '../../../src-main/hub/server';
import { quiet } from '../../support/core-harness';
import type { TestSocket } from '../../support/rpc-socket';
import { tempDir } from '../../support/temp-dir';

export const PASSWORD = 'correct horse 1';

export interface DemoHub {
  core: Core;
  hub: Hub;
  /** The token's /rpc address. */
  url: string;
}

export function demoHub(token: string): DemoHub {
  const tmp = tempDir();
  const h = {} as DemoHub;
  beforeAll(async () => {
    h.core = await openCore({ dataDir: join(tmp.dir, 'data'), host: 'hub', demo: true, log: quiet });
    h.hub = await startHub({ core: h.core, token, hosts: ['127.0.0.1'], port: 0, log: quiet });
    h.url = `ws://127.0.0.1:${h.hub.port}/rpc?token=${token}`;
  });
  afterAll(async () => {
    await h.hub?.close();
    await h.core?.close();
    tmp.remove();
  });
  return h;
}

export async function ok(s: TestSocket, method: string, params: unknown = {}): Promise<any> {
  const r = await s.call(method, params);
  expect(r.error, `${method}: ${JSON.stringify(r.error)}`).toBeUndefined();
  return r.result;
}

export interface DemoPerson {
  id: string;
  name: string;
  role: string;
}

/**
 * The demo's people, its first 值班员 and 带班领导, and set-up over: `withPassword` (the officer or the
 * leader) gets PASSWORD, so from then on a console acts only as whoever signs in.
 */
export async function demoPeople(
  admin: TestSocket,
  withPassword: 'officer' | 'leader',
): Promise<{ people: DemoPerson[]; officer: DemoPerson; leader: DemoPerson }> {
  const people: DemoPerson[] = await ok(admin, 'duty.listPeople');
  const officer = people.find((p) => p.role === 'officer')!;
  const leader = people.find((p) => p.role === 'leader')!;
  await ok(admin, 'auth.setPassword', { personId: (withPassword === 'officer' ? officer : leader).id, password: PASSWORD });
  return { people, officer, leader };
}
