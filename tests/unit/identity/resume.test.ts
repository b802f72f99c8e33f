// auth.resume: a reconnected socket (or a reloaded page) loses its binding, which is per
// connection; resuming with the session id binds the new connection to the still-live session
// and renews it, and is refused alike once the session has ended.
import { afterEach, describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import { openCoreHarness, refusal, type CoreHarness } from '../../support/core-harness';
import { connect } from '../../support/rpc-socket';
import { demoHub, ok, PASSWORD } from './demo-hub';

describe('resuming over the hub', () => {
  const h = demoHub('test-token-identity-resume');

  it('binds a new socket to a live session: the person, their rights, and sign-out from there', async () => {
    const admin = await connect(h.url);
    const people: { id: string; name: string; role: string }[] = await ok(admin, 'duty.listPeople');
    const officer = people.find((p) => p.role === 'officer')!;
    await ok(admin, 'auth.setPassword', { personId: officer.id, password: PASSWORD });
    const plans: { id: string; activeResponseId: string | null; levels: string[] }[] = await ok(admin, 'plans.list');
    const planId = plans.find((p) => p.activeResponseId === null && p.levels.includes('I'))!.id;

    const first = await connect(h.url);
    const signedIn = await ok(first, 'auth.signIn', { name: officer.name, password: PASSWORD });
    first.close();

    // A new socket (the page reconnected) is nobody until it resumes.
    const second = await connect(h.url);
    expect(await ok(second, 'auth.whoAmI')).toBeNull();
    const resumed = await ok(second, 'auth.resume', { sessionId: signedIn.sessionId });
    expect(resumed.person).toEqual({ id: officer.id, name: officer.name, role: 'officer' });
    expect(resumed.rights).toEqual(signedIn.rights);
    expect(resumed.expiresAt).toBeGreaterThanOrEqual(signedIn.expiresAt);
    expect((await ok(second, 'auth.whoAmI')).person).toEqual(resumed.person);
    // Its calls are the 值班员's now: a Level Ⅰ response is refused, naming the right.
    const refused = await second.call('plans.activate', { planId, level: 'I', by: officer.id });
    expect(refused.error?.code).toBe(RpcCode.Forbidden);
    expect(refused.error?.message).toContain('plans.activateMajor');

    // Signed out there, the session is over: resuming it again is refused on any socket.
    await ok(second, 'auth.signOut');
    const third = await connect(h.url);
    const ended = await third.call('auth.resume', { sessionId: signedIn.sessionId });
    expect(ended.error?.code).toBe(RpcCode.Unauthorized);
    expect(ended.error?.message).toContain('sign in again');
    expect(await ok(third, 'auth.whoAmI')).toBeNull();
    // An unknown id gets the same answer.
    expect((await third.call('auth.resume', { sessionId: 'no such session' })).error).toEqual(ended.error);
    for (const s of [admin, second, third]) s.close();
  });
});

describe('resuming through the core', () => {
  let h: CoreHarness;
  afterEach(async () => {
    await h?.close();
  });

  it('renews the session it resumes, and refuses one that ended unused', async () => {
    const t0 = Date.now();
    h = await openCoreHarness({ demo: true, now: t0 });
    const ids = Object.fromEntries((await h.call('duty.listPeople')).map((p) => [p.name, p.id]));
    await h.call('auth.setPassword', { personId: ids['周杰'], password: PASSWORD });
    const s = await h.call('auth.signIn', { name: '周杰', password: PASSWORD }, { connectionId: 'c-1' });

    h.clock.now = t0 + 3 * 3600_000;
    const resumed = await h.call('auth.resume', { sessionId: s.sessionId }, { connectionId: 'c-2' });
    expect(resumed.expiresAt).toBeGreaterThan(s.expiresAt);
    expect(h.core.identity.contextFor('c-2')).toMatchObject({ personId: ids['周杰'], personName: '周杰' });
    expect(await h.call('auth.whoAmI', {}, { connectionId: 'c-2' })).toEqual(resumed);

    // Unused for longer than any shift and the idle time: ended, and resuming it is refused.
    h.clock.now = t0 + 40 * 24 * 3600_000;
    const ended = await refusal(h.call('auth.resume', { sessionId: s.sessionId }, { connectionId: 'c-3' }));
    expect(ended.code).toBe(RpcCode.Unauthorized);
    expect(h.core.identity.contextFor('c-3')).toBeUndefined();
  });

  it('needs a connection to bind to', async () => {
    h = await openCoreHarness({ demo: true });
    const r = await refusal(h.call('auth.resume', { sessionId: 'whatever' }));
    expect(r.code).toBe(RpcCode.Refused);
  });
});
