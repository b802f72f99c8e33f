// Identity through the core harness (real store, real dispatcher): passwords and sign-in of the
// demo staff, rights on a signed-in connection, back-off after failed sign-ins, sessions across a
// restart, roles an administrator changes, and the hash-chained audit trail.
import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext } from '@contract/define';
import { RpcCode } from '@contract/errors';
import { standardLayout } from '@contract/layouts';
import { DEFAULT_ROLE_RIGHTS } from '@contract/rights';
import { openCoreHarness, refusal, type CoreHarness } from '../../support/core-harness';

const PASSWORD = 'correct horse 1';
let h: CoreHarness;
let dir: string | undefined;

afterEach(async () => {
  await h?.close();
});

/** The demo staff's ids by name. */
async function demoStaff(t: CoreHarness): Promise<Record<string, string>> {
  return Object.fromEntries((await t.call('duty.listPeople')).map((p) => [p.name, p.id]));
}

/** Signs `name` in on a connection and returns the context of later calls on it (as the hub builds it). */
async function signedIn(t: CoreHarness, name: string, connectionId: string): Promise<() => Partial<CallContext>> {
  await t.call('auth.signIn', { name, password: PASSWORD }, { connectionId });
  return () => ({ connectionId, ...t.core.identity.contextFor(connectionId) });
}

async function planWithoutResponse(t: CoreHarness, skip = 0): Promise<string> {
  return (await t.call('plans.list')).filter((p) => p.activeResponseId === null && p.levels.includes('I') && p.levels.includes('III'))[skip].id;
}

describe('sign-in', () => {
  it('signs a person in with their role’s rights once a password is set, and never before', async () => {
    h = await openCoreHarness({ demo: true });
    const ids = await demoStaff(h);
    const before = await refusal(h.call('auth.signIn', { name: '周杰', password: PASSWORD }));
    expect(before.code).toBe(RpcCode.Unauthorized);
    await h.call('auth.setPassword', { personId: ids['周杰'], password: PASSWORD });
    const s = await h.call('auth.signIn', { name: '周杰', password: PASSWORD });
    expect(s.person).toEqual({ id: ids['周杰'], name: '周杰', role: 'officer' });
    expect(new Set(s.rights)).toEqual(new Set(DEFAULT_ROLE_RIGHTS.officer));
    expect(s.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(s.expiresAt).toBeGreaterThan(Date.now());
    // The password is never stored in clear, nor is the session id.
    const stored = h.core.store.get<{ password_hash: string }>('SELECT password_hash FROM auth_account WHERE person_id = ?', [ids['周杰']])!;
    expect(stored.password_hash).toMatch(/^scrypt\$15\$8\$1\$/);
    expect(JSON.stringify(h.core.store.all('SELECT * FROM auth_session'))).not.toContain(s.sessionId);
    expect(h.logs.join('\n')).not.toContain(PASSWORD);
  });

  it('refuses a wrong password and an unknown name alike', async () => {
    h = await openCoreHarness({ demo: true });
    const ids = await demoStaff(h);
    await h.call('auth.setPassword', { personId: ids['周杰'], password: PASSWORD });
    const wrong = await refusal(h.call('auth.signIn', { name: '周杰', password: 'not it at all' }));
    const nobody = await refusal(h.call('auth.signIn', { name: '无此人', password: PASSWORD }));
    expect(wrong.code).toBe(RpcCode.Unauthorized);
    expect(nobody).toEqual(wrong);
  });

  it('locks a name after 5 failures for 30 s, doubling on each further failure, until a success', async () => {
    h = await openCoreHarness({ demo: true, now: Date.now() });
    const ids = await demoStaff(h);
    await h.call('auth.setPassword', { personId: ids['周杰'], password: PASSWORD });
    for (let i = 0; i < 4; i++) expect((await refusal(h.call('auth.signIn', { name: '周杰', password: 'wrong password' }))).data?.retryAt).toBeUndefined();
    const fifth = await refusal(h.call('auth.signIn', { name: '周杰', password: 'wrong password' }));
    expect(fifth.data).toMatchObject({ retryAt: h.clock.now + 30_000 });
    expect(fifth.message).toContain('30 秒后');
    expect(fifth.message).toContain('in 30 s');
    // Locked: even the right password is refused, and says when to try again.
    const locked = await refusal(h.call('auth.signIn', { name: '周杰', password: PASSWORD }));
    expect(locked.data).toMatchObject({ retryAt: h.clock.now + 30_000 });
    h.clock.now += 30_001;
    const sixth = await refusal(h.call('auth.signIn', { name: '周杰', password: 'wrong password' }));
    expect(sixth.data).toMatchObject({ retryAt: h.clock.now + 60_000 });
    h.clock.now += 60_001;
    const seventh = await refusal(h.call('auth.signIn', { name: '周杰', password: 'wrong password' }));
    expect(seventh.data).toMatchObject({ retryAt: h.clock.now + 120_000 });
    h.clock.now += 120_001;
    await h.call('auth.signIn', { name: '周杰', password: PASSWORD });
    // A success clears it: the next failure is a plain one again.
    expect((await refusal(h.call('auth.signIn', { name: '周杰', password: 'wrong password' }))).data?.retryAt).toBeUndefined();
    // An unknown name is locked the same way: the refusal says nothing about whether it exists.
    for (let i = 0; i < 4; i++) await refusal(h.call('auth.signIn', { name: '无此人', password: 'x' }));
    expect((await refusal(h.call('auth.signIn', { name: '无此人', password: 'x' }))).data).toMatchObject({ retryAt: h.clock.now + 30_000 });
  }, 20_000);
});

describe('rights on a signed-in connection', () => {
  it('refuses a 值班员 a Level Ⅰ response naming plans.activateMajor, allows the 带班领导, refuses a forged by', async () => {
    h = await openCoreHarness({ demo: true });
    const ids = await demoStaff(h);
    for (const n of ['周杰', '陈志强']) await h.call('auth.setPassword', { personId: ids[n], password: PASSWORD });
    const officer = await signedIn(h, '周杰', 'c-officer');
    const leader = await signedIn(h, '陈志强', 'c-leader');
    const planId = await planWithoutResponse(h);
    const no = await refusal(h.call('plans.activate', { planId, level: 'I', by: ids['周杰'] }, officer()));
    expect(no.code).toBe(-32003);
    expect(no.message).toContain('plans.activateMajor');
    const forged = await refusal(h.call('plans.activate', { planId, level: 'I', by: ids['周杰'] }, leader()));
    expect(forged.code).toBe(-32003);
    const yes = await h.call('plans.activate', { planId, level: 'I', by: ids['陈志强'] }, leader());
    expect(yes.level).toBe('I');
    // The 值班员 may run a Level Ⅲ response.
    const other = await planWithoutResponse(h, 1);
    expect((await h.call('plans.activate', { planId: other, level: 'III', by: ids['周杰'] }, officer())).level).toBe('III');
    expect(await h.call('auth.whoAmI', {}, officer())).toMatchObject({ person: { name: '周杰', role: 'officer' } });
    // Signing out unbinds the connection; an unbound connection keeps what it was opened with.
    await h.call('auth.signOut', {}, officer());
    expect(h.core.identity.contextFor('c-officer')).toBeUndefined();
    expect(await h.call('auth.whoAmI', {}, { connectionId: 'c-officer' })).toBeNull();
  });

  it('lets only an administrator (or an unrestricted caller) set another’s password; one’s own needs the old one', async () => {
    h = await openCoreHarness({ demo: true });
    const ids = await demoStaff(h);
    for (const n of ['周杰', '陈志强']) await h.call('auth.setPassword', { personId: ids[n], password: PASSWORD });
    const officer = await signedIn(h, '周杰', 'c-officer');
    const other = await refusal(h.call('auth.setPassword', { personId: ids['陈志强'], password: 'taken over!' }, officer()));
    expect(other.code).toBe(-32003);
    expect(other.message).toContain('settings.admin');
    const noOld = await refusal(h.call('auth.setPassword', { personId: ids['周杰'], password: 'a new one 2' }, officer()));
    expect(noOld.code).toBe(RpcCode.Unauthorized);
    await h.call('auth.setPassword', { personId: ids['周杰'], password: 'a new one 2', oldPassword: PASSWORD }, officer());
    expect((await h.call('auth.signIn', { name: '周杰', password: 'a new one 2' })).person.name).toBe('周杰');
  });

  it('applies a role’s new rights to its live sessions at once, and pushes the change', async () => {
    h = await openCoreHarness({ demo: true });
    const ids = await demoStaff(h);
    await h.call('auth.setPassword', { personId: ids['周杰'], password: PASSWORD });
    const officer = await signedIn(h, '周杰', 'c-officer');
    const planId = await planWithoutResponse(h);
    await h.call('auth.saveRole', { role: 'officer', rights: [...DEFAULT_ROLE_RIGHTS.officer, 'plans.activateMajor'] });
    expect(h.events.find((e) => e.event === 'auth.rolesChanged')?.payload.roles.find((r: { role: string }) => r.role === 'officer').rights).toContain(
      'plans.activateMajor',
    );
    expect((await h.call('plans.activate', { planId, level: 'I', by: ids['周杰'] }, officer())).level).toBe('I');
    expect((await h.call('auth.listRoles')).find((r) => r.role === 'officer')?.rights).toContain('plans.activateMajor');
    const refused = await refusal(h.call('auth.saveRole', { role: 'admin', rights: ['read'] }));
    expect(refused.code).toBe(RpcCode.Refused);
  });
});

describe('sessions', () => {
  it('survive a restart of the core, and end at sign-out or when unused too long', async () => {
    h = await openCoreHarness({ demo: true, now: Date.now() });
    dir = h.dir;
    const ids = await demoStaff(h);
    await h.call('auth.setPassword', { personId: ids['陈志强'], password: PASSWORD });
    const a = await h.call('auth.signIn', { name: '陈志强', password: PASSWORD });
    const b = await h.call('auth.signIn', { name: '陈志强', password: PASSWORD });
    await h.closeKeep();
    const t0 = Date.now();
    h = await openCoreHarness({ dir, now: t0 });
    expect(h.core.identity.sessionFor(a.sessionId)).toMatchObject({ personId: ids['陈志强'], role: 'leader' });
    expect(h.core.identity.sessionFor(a.sessionId)!.rights.has('plans.activateMajor')).toBe(true);
    await h.core.identity.signOut(a.sessionId);
    expect(h.core.identity.sessionFor(a.sessionId)).toBeNull();
    expect(h.core.identity.sessionFor('no such session')).toBeNull();
    // Unused for longer than any shift and the idle time: ended.
    h.clock.now = t0 + 40 * 24 * 3600_000;
    expect(h.core.identity.sessionFor(b.sessionId)).toBeNull();
    await h.closeKeep();
    h = await openCoreHarness({ dir, now: t0 });
    expect(h.core.identity.sessionFor(a.sessionId)).toBeNull();
  });
});

describe('the audit trail', () => {
  it('records every write called, with the signed-in person, and no read', async () => {
    h = await openCoreHarness({ demo: true });
    const ids = await demoStaff(h);
    const base = (await h.call('audit.list', { limit: 1000 })).total;
    await h.call('auth.setPassword', { personId: ids['周杰'], password: PASSWORD });
    const officer = await signedIn(h, '周杰', 'c-officer');
    const report = {
      receivedAt: Date.now() - 60_000,
      source: 'hotline-12345' as const,
      category: 'flood' as const,
      street: '北京街' as const,
      location: '北京路与文明路交界',
      summary: '路段积水约30厘米',
      severity: 'medium' as const,
    };
    const rec = await h.call('duty.recordReport', { report, by: ids['周杰'] }, officer());
    await h.call('duty.setReportStatus', { id: rec.id, status: 'verifying', by: ids['周杰'] }, officer());
    await h.call('plans.activate', { planId: await planWithoutResponse(h), level: 'IV', by: ids['周杰'] }, officer());
    await h.call('wall.savePreset', {
      preset: { id: 'flood', name: '三防', layout: standardLayout('2x2'), cells: ['clock-status', null, null, 'this-centre'] },
    });
    await h.call('stats.saveIndicator', { id: (await h.call('stats.listIndicators'))[0].id, value: 3, asOf: '2025-06-01' });
    await h.call('auth.saveRole', { role: 'wall', rights: ['read'] });
    await h.call('duty.listPeople', {}, officer());
    const { entries, total } = await h.call('audit.list', { limit: 1000 });
    const methods = entries.map((e) => e.method);
    const written = [
      'auth.setPassword',
      'auth.signIn', // a session is a write too (contract/identity.ts: audited)
      'duty.recordReport',
      'duty.setReportStatus',
      'plans.activate',
      'wall.savePreset',
      'stats.saveIndicator',
      'auth.saveRole',
    ];
    expect(methods.slice(0, written.length).reverse()).toEqual(written);
    expect(methods).not.toContain('duty.listPeople');
    expect(methods).not.toContain('audit.list');
    expect(total).toBe(base + written.length);
    const recorded = entries.find((e) => e.method === 'duty.recordReport')!;
    expect(recorded).toMatchObject({ personId: ids['周杰'], personName: '周杰', transport: 'local', machineId: null, street: null });
    expect(recorded.paramsDigest).toMatch(/^[0-9a-f]{64}$/);
    // Newest first, and the filters.
    expect(entries[0].seq).toBeGreaterThan(entries[1].seq);
    expect((await h.call('audit.list', { personId: ids['周杰'], limit: 1000 })).entries.every((e) => e.personId === ids['周杰'])).toBe(true);
    expect((await h.call('audit.list', { method: 'plans.activate', limit: 1000 })).total).toBe(1);
    expect((await h.call('audit.list', { limit: 2 })).entries).toHaveLength(2);
    expect((await h.call('audit.list', { from: Date.now() + 60_000, limit: 10 })).total).toBe(0);
    // The 值班员 may not read the trail.
    expect((await refusal(h.call('audit.list', { limit: 10 }, officer()))).code).toBe(-32003);
    expect(await h.call('audit.verify')).toEqual({ ok: true, checked: total, brokenAt: null });
  });

  it('reports a record altered in the store, on audit.verify and on open', async () => {
    h = await openCoreHarness({ demo: true });
    dir = h.dir;
    const ids = await demoStaff(h);
    for (const n of ['周杰', '陈志强', '李明']) await h.call('auth.setPassword', { personId: ids[n], password: PASSWORD });
    const first = (await h.call('audit.list', { limit: 1000 })).entries.at(-1)!.seq;
    await h.core.store.write((tx) => tx.run("UPDATE audit SET method = 'duty.listPeople' WHERE seq = ?", [first + 1]));
    expect(await h.call('audit.verify')).toEqual({ ok: false, checked: first, brokenAt: first + 1 });
    await h.closeKeep();
    h = await openCoreHarness({ dir });
    expect(h.logs.some((l) => l.startsWith('error') && l.includes(`broken at record ${first + 1}`))).toBe(true);
    expect((await h.call('audit.verify')).brokenAt).toBe(first + 1);
  });

  it('digests params canonically and never a password', async () => {
    const { canonicalJson } = await import('../../../src-main/core/identity/audit-trail');
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ personId: 'p', password: 'hunter22' })).not.toContain('hunter22');
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1}}'))).toBe('{"__proto__":{"x":1}}');
  });
});
