// Black box through the real hub over its WebSocket: a socket opened with the token is
// unrestricted; a sign-in binds it to the person, whose rights every later call on it is checked
// against; sign-out unbinds it.
import { describe, expect, it } from 'vitest';
import { connect } from '../../support/rpc-socket';
import { demoHub, ok, PASSWORD } from './demo-hub';

const h = demoHub('test-token-identity-1');

describe('signing in over the hub', () => {
  it('checks a signed-in socket’s calls against the person’s rights; the token socket stays unrestricted', async () => {
    const admin = await connect(h.url);
    const people: { id: string; name: string; role: string }[] = await ok(admin, 'duty.listPeople');
    const officer = people.find((p) => p.role === 'officer')!; // a 值班员 of the demo staff
    const leader = people.find((p) => p.role === 'leader')!; // a 带班领导
    // The bootstrap token sets the first passwords.
    for (const p of [officer, leader]) await ok(admin, 'auth.setPassword', { personId: p.id, password: PASSWORD });
    const plans: { id: string; activeResponseId: string | null; levels: string[] }[] = await ok(admin, 'plans.list');
    const planId = plans.find((p) => p.activeResponseId === null && p.levels.includes('I'))!.id;

    const a = await connect(h.url);
    const b = await connect(h.url);
    expect((await ok(a, 'auth.signIn', { name: officer.name, password: PASSWORD })).person).toEqual({ id: officer.id, name: officer.name, role: 'officer' });
    await ok(b, 'auth.signIn', { name: leader.name, password: PASSWORD });
    expect((await ok(a, 'auth.whoAmI')).person.name).toBe(officer.name);

    const refused = await a.call('plans.activate', { planId, level: 'I', by: officer.id });
    expect(refused.error?.code).toBe(-32003);
    expect(refused.error?.message).toContain('plans.activateMajor');
    const forged = await b.call('plans.activate', { planId, level: 'I', by: officer.id });
    expect(forged.error?.code).toBe(-32003);
    expect((await ok(b, 'plans.activate', { planId, level: 'I', by: leader.id })).level).toBe('I');
    // Reads stay open to the 值班员; the audit trail does not.
    await ok(a, 'duty.listPeople');
    expect((await a.call('audit.list', { limit: 10 })).error?.code).toBe(-32003);

    // The audit trail names the 带班领导 and the socket's transport.
    const trail = await ok(admin, 'audit.list', { method: 'plans.activate', limit: 10 });
    expect(trail.entries[0]).toMatchObject({ personId: leader.id, personName: leader.name, transport: 'ws' });

    // Sign-out unbinds the socket: it is the token's socket again.
    await ok(a, 'auth.signOut');
    expect(await ok(a, 'auth.whoAmI')).toBeNull();
    expect((await a.call('audit.list', { limit: 1 })).error).toBeUndefined();
    for (const s of [admin, a, b]) s.close();
  });

  it('refuses a wrong password without saying whether the name exists', async () => {
    const s = await connect(h.url);
    const wrong = await s.call('auth.signIn', { name: '陈志强', password: 'not the password' });
    const nobody = await s.call('auth.signIn', { name: '无此人', password: 'not the password' });
    expect(wrong.error?.code).toBe(-32001);
    expect(nobody.error).toEqual(wrong.error);
    s.close();
  });
});
