// Rights declared in the contract, enforced once in the dispatcher, every write handed to the
// audit hook (issue 14).
import { describe, expect, it, vi } from 'vitest';
import { methodNames, methods, type CallContext, type Handlers, type MethodName } from '@contract/api';
import type { MethodSpec } from '@contract/define';
import { createDispatcher, isAudited, rightFor, type WriteEntry } from '@contract/dispatch';
import { DutyRole } from '@contract/duty';
import { RpcCode, RpcError } from '@contract/errors';
import { openRpcDocument } from '@contract/openrpc';
import { DEFAULT_ROLE_RIGHTS, GRANTABLE_RIGHTS, READ_RIGHTS, REDACTED, Right, Role, redactSecrets } from '@contract/rights';

const ctx: CallContext = { transport: 'ws', peer: 'test' };
const withRights = (...rights: Right[]): CallContext => ({ ...ctx, rights: new Set(rights) });
const specOf = (m: MethodName): MethodSpec => methods[m] as MethodSpec;
const shapeOf = (m: MethodName): Record<string, unknown> => (specOf(m).params as unknown as { shape?: Record<string, unknown> }).shape ?? {};

function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const refuse = () => {
    throw new Error('not under test');
  };
  const all = Object.fromEntries(methodNames.map((m) => [m, refuse])) as unknown as Handlers;
  return { ...all, ...overrides };
}

const wallState = { presets: [], active: {} };

async function refusal(p: Promise<unknown>): Promise<RpcError> {
  const err = (await p.catch((e: unknown) => e)) as RpcError;
  expect(err).toBeInstanceOf(RpcError);
  return err;
}

/**
 * The rule for reads, by name: a method whose verb (after the dot) is one of these changes
 * nothing. Every method needing `read` has such a verb, every such method needs a reading right
 * and is not audited, and every other method is audited — except auth.resume, which binds a
 * connection to a session already recorded at its sign-in and changes nothing else.
 */
const READING_VERB = /^(get|list|check|export|discover|info|verify|whoAmI|watch|answerWatch|stopWatch)/;
const WRITES_NOT_AUDITED_BY_THE_DISPATCHER = ['auth.resume'];

describe('rights declared in the contract', () => {
  it('every method names a right from Right (and rightFor, where present, answers one too)', () => {
    for (const m of methodNames) {
      expect(Right.safeParse(specOf(m).right).success, m).toBe(true);
    }
    expect(rightFor('plans.activate', { level: 'I' })).toBe('plans.activateMajor');
    expect(rightFor('plans.activate', { level: 'III' })).toBe('plans.activate');
    expect(rightFor('plans.changeLevel', { level: 'II' })).toBe('plans.activateMajor');
    expect(rightFor('plans.changeLevel', { level: 'IV' })).toBe('plans.activate');
  });

  it('reads by name need a reading right and are not audited; everything else is audited', () => {
    for (const m of methodNames) {
      const verb = m.slice(m.indexOf('.') + 1);
      const { right } = specOf(m);
      if (right === 'read') expect(verb, `${m} needs read but its name is not a read`).toMatch(READING_VERB);
      if (READING_VERB.test(verb)) {
        expect(READ_RIGHTS.has(right), `${m} reads but needs ${right}`).toBe(true);
        expect(isAudited(m), m).toBe(false);
      } else if (!WRITES_NOT_AUDITED_BY_THE_DISPATCHER.includes(m)) {
        expect(isAudited(m), `${m} writes but is not audited`).toBe(true);
      }
    }
    expect(isAudited('auth.setPassword')).toBe(true);
  });

  it('every method taking a `by` declares it as its acting person', () => {
    for (const m of methodNames) if ('by' in shapeOf(m)) expect(specOf(m).actor?.param, m).toBe('by');
    for (const m of methodNames) {
      const actor = specOf(m).actor;
      if (actor) expect(Object.keys(shapeOf(m)), m).toContain(actor.param);
    }
  });

  it('the roles: the first four are the duty roles; the default mapping follows the brief', () => {
    expect(Role.options.slice(0, 4)).toEqual(DutyRole.options);
    const lacks = (role: Role) => GRANTABLE_RIGHTS.filter((r) => !DEFAULT_ROLE_RIGHTS[role].includes(r));
    expect(lacks('admin')).toEqual([]);
    expect(lacks('leader')).toEqual(['settings.admin']);
    expect(lacks('chief').sort()).toEqual(['plans.activateMajor', 'settings.admin']);
    expect(DEFAULT_ROLE_RIGHTS.wall).toEqual(['read']);
    expect(DEFAULT_ROLE_RIGHTS.street.sort()).toEqual(['consult.join', 'duty.report', 'materials.request', 'read', 'tasks.answer']);
    expect(DEFAULT_ROLE_RIGHTS.officer).not.toContain('plans.activateMajor');
    expect(DEFAULT_ROLE_RIGHTS.officer).toContain('plans.activate');
    // Every role reads; no role is granted `public` (everyone has it).
    for (const role of Role.options) {
      expect(DEFAULT_ROLE_RIGHTS[role], role).toContain('read');
      expect(DEFAULT_ROLE_RIGHTS[role] as string[], role).not.toContain('public');
    }
  });
});

describe('the dispatcher enforces rights', () => {
  it('refuses a call lacking the right with -32003 naming it, before the handler runs', async () => {
    const activate = vi.fn(() => wallState);
    const dispatch = createDispatcher(fakeHandlers({ 'wall.activate': activate }));
    const err = await refusal(dispatch('wall.activate', { display: 0, presetId: 'p1' }, withRights('read')));
    expect(err.code).toBe(RpcCode.Forbidden);
    expect(err.code).toBe(-32003);
    expect(err.message).toBe('forbidden: wall.activate needs the right wall.control (需要权限：wall.control)');
    expect(err.data).toEqual({ right: 'wall.control' });
    expect(activate).not.toHaveBeenCalled();
  });

  it('allows the call with the right, and everything with no rights in the context', async () => {
    const activate = vi.fn(() => wallState);
    const dispatch = createDispatcher(fakeHandlers({ 'wall.activate': activate, 'wall.get': () => wallState }));
    await expect(dispatch('wall.activate', { display: 0, presetId: 'p1' }, withRights('read', 'wall.control'))).resolves.toEqual(wallState);
    await expect(dispatch('wall.activate', { display: 0, presetId: 'p1' }, ctx)).resolves.toEqual(wallState);
    expect(activate).toHaveBeenCalledTimes(2);
    // A read needs read: an empty set of rights is refused it.
    await expect(dispatch('wall.get', {}, withRights())).rejects.toMatchObject({ code: RpcCode.Forbidden, data: { right: 'read' } });
    await expect(dispatch('wall.get', {}, withRights('read'))).resolves.toEqual(wallState);
  });

  it('checks params first: bad params are invalid params, whoever calls', async () => {
    const dispatch = createDispatcher(fakeHandlers());
    await expect(dispatch('wall.activate', { display: -1, presetId: 'p1' }, withRights())).rejects.toMatchObject({ code: RpcCode.InvalidParams });
  });

  it('never refuses a public method', async () => {
    const whoAmI = vi.fn(() => null);
    const dispatch = createDispatcher(fakeHandlers({ 'auth.whoAmI': whoAmI }));
    await expect(dispatch('auth.whoAmI', {}, withRights())).resolves.toBeNull();
    expect(whoAmI).toHaveBeenCalled();
  });

  it('plans.activate at Level Ⅰ/Ⅱ needs plans.activateMajor; at Ⅲ/Ⅳ plans.activate', async () => {
    const activate = vi.fn(() => {
      throw new RpcError(RpcCode.Refused, 'reached the handler');
    });
    const dispatch = createDispatcher(fakeHandlers({ 'plans.activate': activate, 'plans.changeLevel': activate }));
    const officer = withRights(...(DEFAULT_ROLE_RIGHTS.officer as Right[]));
    const leader = withRights(...(DEFAULT_ROLE_RIGHTS.leader as Right[]));
    const params = (level: string) => ({ planId: 'pln_abcd', level, by: 'per_abcd' });
    const err = await refusal(dispatch('plans.activate', params('I'), officer));
    expect(err.code).toBe(RpcCode.Forbidden);
    expect(err.message).toBe('forbidden: plans.activate needs the right plans.activateMajor (需要权限：plans.activateMajor)');
    expect(err.data).toEqual({ right: 'plans.activateMajor' });
    await expect(dispatch('plans.changeLevel', { responseId: 'rsp_abcd', level: 'II', reason: 'worse', by: 'per_abcd' }, officer)).rejects.toMatchObject({
      code: RpcCode.Forbidden,
      data: { right: 'plans.activateMajor' },
    });
    expect(activate).not.toHaveBeenCalled();
    await expect(dispatch('plans.activate', params('III'), officer)).rejects.toMatchObject({ code: RpcCode.Refused });
    await expect(dispatch('plans.activate', params('I'), leader)).rejects.toMatchObject({ code: RpcCode.Refused });
    // A chief (everything but Ⅰ/Ⅱ and administration) is refused Level Ⅰ too.
    const chief = withRights(...(DEFAULT_ROLE_RIGHTS.chief as Right[]));
    await expect(dispatch('plans.activate', params('II'), chief)).rejects.toMatchObject({ code: RpcCode.Forbidden });
    expect(activate).toHaveBeenCalledTimes(2);
  });

  it('refuses a forged `by` when a person is signed in', async () => {
    const record = vi.fn(() => {
      throw new RpcError(RpcCode.Refused, 'reached the handler');
    });
    const alarm = vi.fn(() => {
      throw new RpcError(RpcCode.Refused, 'reached the handler');
    });
    const dispatch = createDispatcher(fakeHandlers({ 'duty.recordReport': record, 'power.acknowledgeAlarm': alarm }));
    const report = { receivedAt: Date.now() - 60_000, source: 'other', category: 'other', street: '北京街', location: 'x', summary: 's', severity: 'low' };
    const signedIn: CallContext = { ...withRights('read', 'duty.write', 'duty.report', 'power.operate'), personId: 'per_aaaa', personName: '李明' };
    const err = await refusal(dispatch('duty.recordReport', { report, by: 'per_bbbb' }, signedIn));
    expect(err.code).toBe(RpcCode.Forbidden);
    expect(err.message).toContain('by must be the signed-in person (以登录人身份操作)');
    expect(record).not.toHaveBeenCalled();
    await expect(dispatch('duty.recordReport', { report, by: 'per_aaaa' }, signedIn)).rejects.toMatchObject({ code: RpcCode.Refused });
    // Without a signed-in person (IPC, bootstrap token) `by` is taken as given.
    await expect(dispatch('duty.recordReport', { report, by: 'per_bbbb' }, ctx)).rejects.toMatchObject({ code: RpcCode.Refused });
    // Power names its acting person by name: it must be the signed-in person's name.
    await expect(dispatch('power.acknowledgeAlarm', { id: 'alarm-1', by: '王五' }, signedIn)).rejects.toMatchObject({ code: RpcCode.Forbidden });
    await expect(dispatch('power.acknowledgeAlarm', { id: 'alarm-1', by: '李明' }, { ...signedIn, personName: undefined })).rejects.toMatchObject({
      code: RpcCode.Forbidden,
    });
    expect(alarm).not.toHaveBeenCalled();
    await expect(dispatch('power.acknowledgeAlarm', { id: 'alarm-1', by: '李明' }, signedIn)).rejects.toMatchObject({ code: RpcCode.Refused });
    // The handover's outgoing officer is the acting person too.
    await expect(dispatch('duty.handOver', { outgoingId: 'per_bbbb', incomingId: 'per_cccc' }, signedIn)).rejects.toMatchObject({
      code: RpcCode.Forbidden,
      data: { param: 'outgoingId' },
    });
  });

  it('answers -32601 for a method its host does not serve', async () => {
    const handlers = fakeHandlers() as unknown as Record<string, unknown>;
    delete handlers['audit.verify'];
    const dispatch = createDispatcher(handlers as unknown as Handlers);
    await expect(dispatch('audit.verify', {}, ctx)).rejects.toMatchObject({ code: RpcCode.MethodNotFound });
  });
});

describe('the audit hook', () => {
  it('is called, and awaited, for a successful write, not for a read or a failed call', async () => {
    const entries: WriteEntry[] = [];
    let release = (): void => {};
    const onWrite = vi.fn(
      (e: WriteEntry) =>
        new Promise<void>((resolve) => {
          entries.push(e);
          release = resolve;
        }),
    );
    const dispatch = createDispatcher(
      fakeHandlers({
        'wall.activate': () => wallState,
        'wall.get': () => wallState,
        'wall.removePreset': () => Promise.reject(new RpcError(RpcCode.Refused, 'no')),
      }),
      console,
      { onWrite },
    );
    await dispatch('wall.get', {}, ctx);
    await expect(dispatch('wall.removePreset', { id: 'p1' }, ctx)).rejects.toMatchObject({ code: RpcCode.Refused });
    expect(onWrite).not.toHaveBeenCalled();

    const signedIn: CallContext = { ...ctx, personId: 'per_aaaa', machineId: 'mch_1', street: '北京街' };
    let answered = false;
    const call = dispatch('wall.activate', { display: 1, presetId: 'p1' }, signedIn).then(() => (answered = true));
    await vi.waitFor(() => expect(onWrite).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 10));
    expect(answered).toBe(false); // not acknowledged before it is audited
    release();
    await call;
    expect(answered).toBe(true);
    expect(entries[0]).toMatchObject({ method: 'wall.activate', params: { display: 1, presetId: 'p1' }, ctx: signedIn });
    expect(typeof entries[0].at).toBe('number');
  });

  it('gets params with secrets redacted', async () => {
    const onWrite = vi.fn();
    const dispatch = createDispatcher(fakeHandlers({ 'auth.setPassword': () => ({ ok: true as const }) }), console, { onWrite });
    await dispatch('auth.setPassword', { personId: 'per_aaaa', password: 'correct horse', oldPassword: 'battery staple' }, ctx);
    expect(onWrite).toHaveBeenCalledWith(expect.objectContaining({ params: { personId: 'per_aaaa', password: REDACTED, oldPassword: REDACTED } }));
    expect(redactSecrets({ source: { id: 'ups', password: 'x', nested: [{ community: 'public' }] } })).toEqual({
      source: { id: 'ups', password: REDACTED, nested: [{ community: REDACTED }] },
    });
    const proto = redactSecrets(JSON.parse('{"__proto__":{"polluted":1}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(proto)).toBe(Object.prototype);
  });

  it('a failing hook turns the answer into an internal error (the write is not acknowledged)', async () => {
    const log = { error: vi.fn() };
    const dispatch = createDispatcher(fakeHandlers({ 'wall.activate': () => wallState }), log, {
      onWrite: () => {
        throw new Error('disk full');
      },
    });
    await expect(dispatch('wall.activate', { display: 0, presetId: 'p1' }, ctx)).rejects.toMatchObject({ code: RpcCode.InternalError });
    expect(log.error).toHaveBeenCalledWith(expect.stringContaining('could not be audited'));
  });
});

describe('rpc.discover', () => {
  it('shows each method’s right in x-right', () => {
    const doc = openRpcDocument('test') as { methods: { name: MethodName; 'x-right': string; 'x-right-varies'?: boolean; 'x-audited': boolean }[] };
    expect(doc.methods.map((m) => m.name).sort()).toEqual([...methodNames].sort());
    for (const m of doc.methods) {
      expect(m['x-right'], m.name).toBe(specOf(m.name).right);
      expect(m['x-audited'], m.name).toBe(isAudited(m.name));
    }
    const activate = doc.methods.find((m) => m.name === 'plans.activate');
    expect(activate).toMatchObject({ 'x-right': 'plans.activate', 'x-right-varies': true });
    expect(doc.methods.find((m) => m.name === 'wall.activate')?.['x-right']).toBe('wall.control');
  });
});
