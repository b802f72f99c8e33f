// First sign-in on a data folder from before identity (issue 14): its people have no password
// (the demo roster has none either, as a migrated folder's). They are never signed in without
// one: an administrator (or the bootstrap token's holder) issues a one-time code, the person sets
// their own password with it at the sign-in screen, then signs in. Real store, real dispatcher.
import { afterEach, describe, expect, it } from 'vitest';
import type { CallContext } from '@contract/define';
import { RpcCode } from '@contract/errors';
import { PASSWORD_CODE_MS } from '@contract/identity';
import { openCoreHarness, refusal, type CoreHarness } from '../../support/core-harness';

const PASSWORD = 'correct horse 1';
let h: CoreHarness;
afterEach(async () => {
  await h?.close();
});

async function ids(t: CoreHarness): Promise<Record<string, string>> {
  return Object.fromEntries((await t.call('duty.listPeople')).map((p) => [p.name, p.id]));
}

/** Signs a person in on a connection (their password set first); the context of later calls on it. */
async function asPerson(t: CoreHarness, personId: string, name: string, connectionId: string): Promise<() => Partial<CallContext>> {
  await t.call('auth.setPassword', { personId, password: PASSWORD });
  await t.call('auth.signIn', { name, password: PASSWORD }, { connectionId });
  return () => ({ connectionId, ...t.core.identity.contextFor(connectionId) });
}

describe('first sign-in of a person without a password', () => {
  it('is never passwordless: refused alike with any password, and the refusal points at 首次登录 in both languages', async () => {
    h = await openCoreHarness({ demo: true });
    const accounts = await h.call('auth.listAccounts');
    expect(accounts.length).toBeGreaterThan(5);
    expect(accounts.every((a) => !a.hasPassword && a.codeExpiresAt === null)).toBe(true);
    const r = await refusal(h.call('auth.signIn', { name: '周杰', password: 'anything at all' }));
    expect(r.code).toBe(RpcCode.Unauthorized);
    expect(r.data.text.zh).toContain('首次登录');
    expect(r.data.text.en).toContain('First sign-in');
    // An empty password never reaches the service.
    expect((await refusal(h.call('auth.signIn', { name: '周杰', password: '' }))).code).toBe(RpcCode.InvalidParams);
    // Nor does a code that is not one (the bootstrap token, say).
    expect((await refusal(h.call('auth.setFirstPassword', { name: '周杰', code: 'test-token-0001-abcdef', password: PASSWORD }))).code).toBe(
      RpcCode.InvalidParams,
    );
  });

  it('sets the password with an administrator’s one-time code, once: then signs in; the code is spent', async () => {
    h = await openCoreHarness({ demo: true });
    const id = (await ids(h))['周杰'];
    // Without a code issued, any code is refused, as for a name that does not exist.
    const none = await refusal(h.call('auth.setFirstPassword', { name: '周杰', code: 'K7QF-3MZD', password: PASSWORD }));
    const nobody = await refusal(h.call('auth.setFirstPassword', { name: '无此人', code: 'K7QF-3MZD', password: PASSWORD }));
    expect(none.code).toBe(RpcCode.Unauthorized);
    expect(nobody).toEqual(none);
    expect(none.data.text.zh).toContain('一次性码');

    const issued = await h.call('auth.issuePasswordCode', { personId: id });
    expect(issued.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(issued.expiresAt - Date.now()).toBeGreaterThan(PASSWORD_CODE_MS - 60_000);
    expect((await h.call('auth.listAccounts')).find((a) => a.personId === id)!.codeExpiresAt).toBe(issued.expiresAt);
    // Kept only as a hash.
    expect(JSON.stringify(h.core.store.all('SELECT * FROM kv'))).not.toContain(issued.code.replace('-', ''));

    const wrongCode = issued.code.endsWith('0') ? `${issued.code.slice(0, -1)}1` : `${issued.code.slice(0, -1)}0`;
    expect((await refusal(h.call('auth.setFirstPassword', { name: '周杰', code: wrongCode, password: PASSWORD }))).code).toBe(RpcCode.Unauthorized);
    // Typed in lower case without the dash, as read off a slip of paper.
    await h.call('auth.setFirstPassword', { name: '周杰', code: issued.code.replace('-', '').toLowerCase(), password: PASSWORD });
    const s = await h.call('auth.signIn', { name: '周杰', password: PASSWORD });
    expect(s.person.name).toBe('周杰');
    const after = (await h.call('auth.listAccounts')).find((a) => a.personId === id)!;
    expect(after).toMatchObject({ hasPassword: true, codeExpiresAt: null });
    // Spent: the same code sets nothing again.
    expect((await refusal(h.call('auth.setFirstPassword', { name: '周杰', code: issued.code, password: 'taken over 2' }))).code).toBe(RpcCode.Unauthorized);
    expect((await h.call('auth.signIn', { name: '周杰', password: PASSWORD })).person.id).toBe(id);

    // In the audit trail as the person, the refusals too; the code and password never in it.
    const trail = (await h.call('audit.list', { method: 'auth.setFirstPassword' })).entries;
    expect(trail.filter((e) => e.detail?.outcome === 'done').map((e) => e.personId)).toEqual([id]);
    expect(trail.filter((e) => e.detail?.outcome === 'refused').length).toBe(4);
    const all = JSON.stringify(h.core.store.all('SELECT * FROM audit'));
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(issued.code);
  });

  it('a code runs out after 24 hours; a new code replaces the one waiting', async () => {
    h = await openCoreHarness({ demo: true, now: Date.UTC(2026, 5, 1, 2) });
    const id = (await ids(h))['陈志强'];
    const first = await h.call('auth.issuePasswordCode', { personId: id });
    const second = await h.call('auth.issuePasswordCode', { personId: id });
    expect((await refusal(h.call('auth.setFirstPassword', { name: '陈志强', code: first.code, password: PASSWORD }))).code).toBe(RpcCode.Unauthorized);
    h.clock.now += PASSWORD_CODE_MS;
    expect((await refusal(h.call('auth.setFirstPassword', { name: '陈志强', code: second.code, password: PASSWORD }))).code).toBe(RpcCode.Unauthorized);
    const third = await h.call('auth.issuePasswordCode', { personId: id });
    await h.call('auth.setFirstPassword', { name: '陈志强', code: third.code, password: PASSWORD });
  });

  it('locks the name after 5 wrong codes, as wrong passwords do', async () => {
    h = await openCoreHarness({ demo: true, now: Date.UTC(2026, 5, 1, 2) });
    const id = (await ids(h))['李明'];
    const issued = await h.call('auth.issuePasswordCode', { personId: id });
    for (let i = 0; i < 4; i++) await refusal(h.call('auth.setFirstPassword', { name: '李明', code: 'AAAA-AAAA', password: PASSWORD }));
    const fifth = await refusal(h.call('auth.setFirstPassword', { name: '李明', code: 'AAAA-AAAA', password: PASSWORD }));
    expect(fifth.data.retryAt).toBe(h.clock.now + 30_000);
    expect(fifth.data.text.zh).toContain('再试');
    // Even the right code waits out the lock.
    expect((await refusal(h.call('auth.setFirstPassword', { name: '李明', code: issued.code, password: PASSWORD }))).data.retryAt).toBeDefined();
    h.clock.now += 30_001;
    await h.call('auth.setFirstPassword', { name: '李明', code: issued.code, password: PASSWORD });
  });

  it('only an administrator (or the bootstrap token’s holder) issues codes and lists accounts', async () => {
    h = await openCoreHarness({ demo: true });
    const people = await ids(h);
    const officer = await asPerson(h, people['周杰'], '周杰', 'c-officer');
    const r = await refusal(h.call('auth.issuePasswordCode', { personId: people['陈志强'] }, officer()));
    expect(r.code).toBe(RpcCode.Forbidden);
    expect(r.data).toMatchObject({ right: 'settings.admin' });
    expect((await refusal(h.call('auth.listAccounts', {}, officer()))).data).toMatchObject({ right: 'audit.read' });
    const unknown = await refusal(h.call('auth.issuePasswordCode', { personId: 'per_nobody0' }));
    expect(unknown.code).toBe(RpcCode.Refused);
    expect(unknown.data.text).toMatchObject({ zh: expect.stringContaining('per_nobody0'), en: expect.stringContaining('per_nobody0') });
  });
});
