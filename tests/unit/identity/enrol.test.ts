// Machines enrol, street-scoped credentials, revocation and the bootstrap token's rotation (issue
// 14), black box through a real hub on loopback over a real store: a code issued on the bootstrap
// socket is spent at POST /enrol, the credential it gives opens the hub with the rights of its kind.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, type MethodName } from '@contract/api';
import type { MethodSpec } from '@contract/define';
import { rightFor } from '@contract/dispatch';
import type { Right } from '@contract/rights';
import { openCore, type Core } from '../../../src-main/core/app';
import { startHub, type Hub } from '../../../src-main/hub/server';
import { quiet } from '../../support/core-harness';
import { connect, type TestSocket } from '../../support/rpc-socket';
import { tempDir } from '../../support/temp-dir';
import { ok, PASSWORD } from './demo-hub';
import { validParams } from './valid-params';

const TOKEN = 'enrol-test-token-0123456789';
const tmp = tempDir();
const tokenFile = join(tmp.dir, 'token');
let core: Core;
let hub: Hub;
let base: string;
/** The bootstrap token as it stands (the rotation test changes it last). */
let token = TOKEN;

beforeAll(async () => {
  core = await openCore({ dataDir: join(tmp.dir, 'data'), host: 'hub', demo: true, log: quiet });
  hub = await startHub({ core, token: TOKEN, tokenFile, hosts: ['127.0.0.1'], port: 0, log: quiet });
  base = `127.0.0.1:${hub.port}`;
});
afterAll(async () => {
  await hub?.close();
  await core?.close();
  tmp.remove();
});

const admin = (): Promise<TestSocket> => connect(`ws://${base}/rpc?token=${token}`);

async function postEnrol(body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`http://${base}/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: await res.json() };
}

/** Issues a code on the bootstrap socket and spends it: the new machine and its credential. */
async function enrol(a: TestSocket, kind: 'wall' | 'console' | 'street', name: string, street?: string): Promise<{ machine: any; credential: string }> {
  const issued = await ok(a, 'auth.issueEnrolCode', street ? { kind, street } : { kind });
  const r = await postEnrol({ code: issued.code, name });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return r.json;
}

function someReport(street: string) {
  return {
    receivedAt: Date.now() - 60_000,
    source: 'hotline-12345',
    category: 'other',
    street,
    location: '中山四路 1 号',
    summary: '街道上报：路面积水',
    severity: 'medium',
  };
}

describe('machines enrol', () => {
  it('a street machine enrols once with its code, records reports for its own street only (marked as from it), and is refused everything outside its scope, naming the right', async () => {
    const a = await admin();
    const issued = await ok(a, 'auth.issueEnrolCode', { kind: 'street', street: '华乐街' });
    expect(issued.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(issued.expiresAt - Date.now()).toBeGreaterThan(14 * 60_000);
    // Typed back loosely: lower case, no dash.
    const first = await postEnrol({ code: issued.code.toLowerCase().replace('-', ''), name: '华乐街 值班电脑' });
    expect(first.status).toBe(200);
    expect(first.json.machine).toMatchObject({ kind: 'street', street: '华乐街', name: '华乐街 值班电脑', revokedAt: null });
    expect(first.json.credential).toMatch(/^cwm\./);
    // Single use.
    expect((await postEnrol({ code: issued.code, name: '又一台' })).status).toBe(401);

    const s = await connect(`ws://${base}/rpc?token=${encodeURIComponent(first.json.credential)}`);
    expect(await ok(s, 'auth.getMachine')).toMatchObject({ id: first.json.machine.id, kind: 'street', street: '华乐街' });
    // The street acts as one of its own people (the roster's people whose unit is the street).
    const { id: by } = await ok(a, 'duty.savePerson', {
      person: { name: '华乐街 值班员', role: 'officer', phone: '020-8333 0001', unit: '华乐街道办事处', active: true },
    });

    const mine = await ok(s, 'duty.recordReport', { report: someReport('华乐街'), by });
    expect(mine).toMatchObject({ street: '华乐街', source: 'street' });
    const other = await s.call('duty.recordReport', { report: someReport('北京街'), by });
    expect(other.error?.code).toBe(-32003);
    expect(other.error?.message).toContain('华乐街');
    expect(other.error?.message).toContain('北京街');

    // The trail says which machine and street recorded it.
    const trail = await ok(a, 'audit.list', { method: 'duty.recordReport', limit: 5 });
    expect(trail.entries[0]).toMatchObject({ machineId: first.json.machine.id, street: '华乐街', detail: { outcome: 'done', address: '127.0.0.1' } });

    // Every method of the contract needing a right the street role lacks is refused with that
    // right named (params valid, so the refusal is the rights check's).
    const streetRights = new Set<Right>((await ok(a, 'auth.listRoles')).find((r: { role: string }) => r.role === 'street').rights);
    const refused: string[] = [];
    const problems: string[] = [];
    for (const m of Object.keys(methods) as MethodName[]) {
      const spec = methods[m] as MethodSpec;
      const params = validParams(spec.params);
      if (params === undefined) {
        problems.push(`${m}: no valid params generated`);
        continue;
      }
      const right = rightFor(m, spec.params.parse(params ?? {}));
      if (right === 'public' || streetRights.has(right)) continue;
      const r = await s.call(m, params ?? {});
      if (r.error?.code !== -32003 || !r.error.message.includes(right))
        problems.push(`${m} (needs ${right}): ${JSON.stringify(r.error ?? r.result).slice(0, 200)}`);
      else refused.push(m);
    }
    expect(problems).toEqual([]);
    // Plans, power and settings writes are among them, every one.
    for (const m of Object.keys(methods) as MethodName[]) {
      const right = (methods[m] as MethodSpec).right;
      if (/^(plans|power)\./.test(right) || right === 'settings.admin') expect(refused, m).toContain(m);
    }
    expect(refused.length).toBeGreaterThan(60);
    console.log(`[enrol] a street machine was refused ${refused.length} of ${Object.keys(methods).length} methods, each naming its right`);
    for (const x of [a, s]) x.close();
  }, 60_000);

  it('a wall machine only reads; a console machine reaches the hub but acts only as the person signed in on it', async () => {
    const a = await admin();
    const wall = await enrol(a, 'wall', '大厅 1 号屏');
    const w = await connect(`ws://${base}/rpc?token=${encodeURIComponent(wall.credential)}`);
    await ok(w, 'wall.get');
    const presetId = (await ok(w, 'wall.get')).presets[0].id;
    const refused = await w.call('wall.activate', { display: 0, presetId });
    expect(refused.error?.code).toBe(-32003);
    expect(refused.error?.message).toContain('wall.control');

    const seat = await enrol(a, 'console', '值班席 2');
    const c = await connect(`ws://${base}/rpc?token=${encodeURIComponent(seat.credential)}`);
    expect((await c.call('duty.listPeople')).error?.message).toContain('read');
    const people: { id: string; name: string; role: string }[] = await ok(a, 'duty.listPeople');
    const officer = people.find((p) => p.role === 'officer')!;
    await ok(a, 'auth.setPassword', { personId: officer.id, password: PASSWORD });
    await ok(c, 'auth.signIn', { name: officer.name, password: PASSWORD });
    await ok(c, 'duty.listPeople');
    const plans: { id: string; activeResponseId: string | null; levels: string[] }[] = await ok(c, 'plans.list');
    const planId = plans.find((p) => p.activeResponseId === null && p.levels.includes('I'))!.id;
    expect((await c.call('plans.activate', { planId, level: 'I', by: officer.id })).error?.message).toContain('plans.activateMajor');
    // The sign-in is recorded on the console machine.
    const signIn = (await ok(a, 'audit.list', { method: 'auth.signIn', limit: 1 })).entries[0];
    expect(signIn).toMatchObject({ personId: officer.id, machineId: seat.machine.id });
    for (const x of [a, w, c]) x.close();
  });

  it('a revoked machine is disconnected within 1 s, refused after (socket, token and page cookie), and listed as revoked with where it was last seen', async () => {
    const a = await admin();
    const m = await enrol(a, 'street', '流花街 值班电脑', '流花街');
    // A page load with the credential gives the page a machine session cookie.
    const page = await fetch(`http://${base}/?token=${encodeURIComponent(m.credential)}&view=console`);
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0];
    expect(cookie).toMatch(/^cw_session=m\./);
    expect((await fetch(`http://${base}/media/x`, { headers: { cookie } })).status).toBe(404); // admitted (no such file)
    const s = await connect(`ws://${base}/rpc?token=${encodeURIComponent(m.credential)}`);
    await ok(s, 'wall.get');
    const closed = new Promise<{ code: number; at: number }>((resolve) => s.ws.once('close', (code) => resolve({ code, at: performance.now() })));
    const t0 = performance.now();
    await ok(a, 'auth.revokeMachine', { machineId: m.machine.id });
    const c = await Promise.race([closed, new Promise<null>((r) => setTimeout(() => r(null), 1000))]);
    expect(c, 'the socket was not closed within 1 s').not.toBeNull();
    const ms = c!.at - t0;
    console.log(`[enrol] revoked machine's socket closed ${ms.toFixed(1)} ms after auth.revokeMachine was sent (close code ${c!.code})`);
    expect(ms).toBeLessThan(1000);
    await expect(connect(`ws://${base}/rpc?token=${encodeURIComponent(m.credential)}`)).rejects.toThrow('HTTP 401');
    expect((await fetch(`http://${base}/media/x`, { headers: { cookie } })).status).toBe(401);
    expect((await fetch(`http://${base}/media/x`, { headers: { authorization: `Bearer ${m.credential}` } })).status).toBe(401);
    const listed = (await ok(a, 'auth.listMachines')).find((x: { id: string }) => x.id === m.machine.id);
    expect(listed).toMatchObject({ kind: 'street', street: '流花街', lastAddress: '127.0.0.1' });
    expect(listed.revokedAt).toBeGreaterThan(0);
    expect(listed.lastSeenAt).toBeGreaterThan(0);
    // Enrolment and revocation are in the trail.
    expect((await ok(a, 'audit.list', { method: 'auth.enrol', limit: 50 })).entries.some((e: any) => e.machineId === m.machine.id)).toBe(true);
    expect((await ok(a, 'audit.list', { method: 'auth.revokeMachine', limit: 1 })).total).toBeGreaterThan(0);
    a.close();
  });

  it('records failed sign-ins (name tried, address, why; never the password) and failed enrolments in the trail', async () => {
    const a = await admin();
    const s = await admin();
    expect((await s.call('auth.signIn', { name: '无此人', password: 'never-stored-pw-77' })).error?.code).toBe(-32001);
    expect((await postEnrol({ code: 'AAAA-AAAA', name: '陌生电脑' })).status).toBe(401);
    const signIns = await ok(a, 'audit.list', { method: 'auth.signIn', limit: 5 });
    expect(signIns.entries[0].detail).toEqual({ outcome: 'refused', reason: 'unknown name', name: '无此人', address: '127.0.0.1' });
    expect(JSON.stringify(signIns)).not.toContain('never-stored-pw-77');
    const enrols = await ok(a, 'audit.list', { method: 'auth.enrol', limit: 5 });
    expect(enrols.entries[0].detail).toMatchObject({ outcome: 'refused', name: '陌生电脑', address: '127.0.0.1' });
    expect((await ok(a, 'audit.verify')).ok).toBe(true);
    for (const x of [a, s]) x.close();
  });

  it('signs a person out everywhere', async () => {
    const a = await admin();
    const people: { id: string; name: string; role: string }[] = await ok(a, 'duty.listPeople');
    const leader = people.find((p) => p.role === 'leader')!;
    await ok(a, 'auth.setPassword', { personId: leader.id, password: PASSWORD });
    const x = await admin();
    const y = await admin();
    for (const s of [x, y]) await ok(s, 'auth.signIn', { name: leader.name, password: PASSWORD });
    expect(await ok(a, 'auth.signOutPerson', { personId: leader.id })).toEqual({ ended: 2 });
    for (const s of [x, y]) {
      expect(await ok(s, 'auth.whoAmI')).toBeNull();
      expect((await s.call('duty.listPeople')).error?.code).toBe(-32003);
    }
    for (const s of [a, x, y]) s.close();
  });

  it('rotates the bootstrap token: the old one, its page sessions and its sockets stop at once; machines are untouched', async () => {
    const a = await admin();
    const other = await admin();
    const m = await enrol(a, 'wall', '大厅 2 号屏');
    const page = await fetch(`http://${base}/?token=${token}`);
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0];
    expect((await fetch(`http://${base}/media/x`, { headers: { cookie } })).status).toBe(404);
    const closed = new Promise<number>((resolve) => other.ws.once('close', (code) => resolve(code)));

    const { token: fresh } = await ok(a, 'auth.rotateBootstrapToken');
    expect(fresh).not.toBe(TOKEN);
    expect(await closed).toBe(4401);
    expect(readFileSync(tokenFile, 'utf8').trim()).toBe(fresh);
    await expect(connect(`ws://${base}/rpc?token=${TOKEN}`)).rejects.toThrow('HTTP 401');
    expect((await fetch(`http://${base}/media/x`, { headers: { cookie } })).status).toBe(401);
    expect(hub.urls[0]).toContain(encodeURIComponent(fresh));
    token = fresh;
    const b = await admin();
    await ok(b, 'auth.listMachines');
    // The administrator's own socket stays; the machine's credential is not the bootstrap token's.
    await ok(a, 'auth.whoAmI');
    const w = await connect(`ws://${base}/rpc?token=${encodeURIComponent(m.credential)}`);
    await ok(w, 'wall.get');
    for (const s of [a, b, w]) s.close();
  });
});
