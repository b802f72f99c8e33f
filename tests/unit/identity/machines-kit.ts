// Machines and people for the black-box identity tests on a demo hub (demo-hub.ts): enrol a machine
// with a code issued on the bootstrap socket, connect with its credential, and record every push a
// socket hears.
import { expect } from 'vitest';
import { connect, type TestSocket } from '../../support/rpc-socket';
import { ok, type DemoHub } from './demo-hub';

export type Kind = 'wall' | 'console' | 'street';

/** Enrols a machine of a kind (a street centre's names its street); its credential. */
export async function enrolMachine(admin: TestSocket, kind: Kind, name: string, street?: string): Promise<string> {
  const issued = await ok(admin, 'auth.issueEnrolCode', street ? { kind, street } : { kind });
  const enrolled = await ok(admin, 'auth.enrol', { code: issued.code, name });
  expect(enrolled.credential).toMatch(/^cwm\./);
  return enrolled.credential as string;
}

/** The hub's /rpc address opened with a machine's credential. */
export const machineUrl = (h: DemoHub, credential: string): string => `ws://127.0.0.1:${h.hub.port}/rpc?token=${encodeURIComponent(credential)}`;

export const connectMachine = (h: DemoHub, credential: string): Promise<TestSocket> => connect(machineUrl(h, credential));

/** Every event name the socket hears from now on, in order. */
export function heard(s: TestSocket): string[] {
  const names: string[] = [];
  s.ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { method?: unknown; id?: unknown };
    if (!Array.isArray(msg) && typeof msg.method === 'string' && msg.id === undefined) names.push(msg.method);
  });
  return names;
}

/** A person of the roster (duty.savePerson on the bootstrap socket); their id. */
export async function addPerson(admin: TestSocket, name: string, unit: string, role: 'leader' | 'chief' | 'officer' | 'tech' = 'officer'): Promise<string> {
  const p = await ok(admin, 'duty.savePerson', { person: { name, role, phone: '020-8333 0001', unit, active: true } });
  return p.id as string;
}

/** The params of a duty report from `street` (a machine's or a window's write in these tests). */
export const reportFrom = (street: string, summary: string) => ({
  receivedAt: Date.now() - 60_000,
  source: 'hotline-12345',
  category: 'other',
  street,
  location: '北京路 1 号',
  summary,
  severity: 'medium',
});
