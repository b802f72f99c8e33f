import { describe, expect, it, vi } from 'vitest';
import { methodNames, type Handlers } from '@contract/api';
import { createDispatcher, loneSurrogatePath } from '@contract/dispatch';
import { RpcCode, RpcError } from '@contract/errors';
import { standardLayout } from '@contract/layouts';
import { openRpcDocument } from '@contract/openrpc';

const ctx = { transport: 'local' as const, peer: 'test' };

function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const refuse = () => {
    throw new Error('not under test');
  };
  const all = Object.fromEntries(methodNames.map((m) => [m, refuse])) as unknown as Handlers;
  return { ...all, ...overrides };
}

describe('the contract dispatcher', () => {
  it('refuses an unknown method with -32601', async () => {
    const dispatch = createDispatcher(fakeHandlers());
    await expect(dispatch('nope.nothing', {}, ctx)).rejects.toMatchObject({ code: RpcCode.MethodNotFound });
  });

  it('refuses bad params with -32602 naming the field, and the service never sees them', async () => {
    const activate = vi.fn();
    const dispatch = createDispatcher(fakeHandlers({ 'wall.activate': activate }));
    const err = (await dispatch('wall.activate', { display: -1, presetId: 'ok' }, ctx).catch((e) => e)) as RpcError;
    expect(err).toBeInstanceOf(RpcError);
    expect(err.code).toBe(RpcCode.InvalidParams);
    expect(err.message).toContain('params.display');
    expect(activate).not.toHaveBeenCalled();
  });

  it('names a nested field of a bad preset', async () => {
    const dispatch = createDispatcher(fakeHandlers());
    const preset = { id: 'p1', name: 'x', layout: { ...standardLayout('2x2'), areas: [{ x: 0, y: 0, w: 3, h: 1 }] }, cells: ['clock-status'] };
    const err = (await dispatch('wall.savePreset', { preset }, ctx).catch((e) => e)) as RpcError;
    expect(err.code).toBe(RpcCode.InvalidParams);
    expect(err.message).toContain('params.preset.layout.areas.0');
    expect(err.message).toContain('outside');
  });

  it('refuses unknown extra params rather than ignoring them', async () => {
    const dispatch = createDispatcher(fakeHandlers({ 'settings.get': () => ({ wallDisplays: [], consoleWindow: true, language: 'zh-CN' }) }));
    await expect(dispatch('settings.get', { surprise: 1 }, ctx)).rejects.toMatchObject({ code: RpcCode.InvalidParams });
  });

  it('refuses a string that is not Unicode text (a lone surrogate) with -32602 naming the field', async () => {
    // JSON can carry "\ud800" escapes; the store cannot keep them (and refused with -32603).
    const savePerson = vi.fn();
    const dispatch = createDispatcher(fakeHandlers({ 'duty.savePerson': savePerson }));
    const person = { name: 'Li\ud800', role: 'officer', phone: '020-1234', unit: 'x' };
    const err = (await dispatch('duty.savePerson', JSON.parse(JSON.stringify({ person })), ctx).catch((e) => e)) as RpcError;
    expect(err.code).toBe(RpcCode.InvalidParams);
    expect(err.message).toContain('params.person.name');
    expect(err.message).toContain('lone UTF-16 surrogate');
    expect(savePerson).not.toHaveBeenCalled();
    // Deep down, and in a key.
    const deep = JSON.parse('{"outgoingId":"per_abcd","incomingId":"per_efgh","openItems":[{"text":"ok"},{"text":"a\\udc00b"}]}');
    await expect(dispatch('duty.handOver', deep, ctx)).rejects.toMatchObject({
      code: RpcCode.InvalidParams,
      message: expect.stringContaining('params.openItems.1.text'),
    });
    expect(loneSurrogatePath(JSON.parse('{"a":[1,{"\\ud83d":2}]}'))).toEqual(['a', '1', '\ud83d']);
    expect(loneSurrogatePath({ a: ['😀', 'é', '\ud83d\ude00'] })).toBeNull();
    // Paired surrogates (an emoji) are fine.
    const ok = vi.fn(() => ({ id: 'per_abcd', name: 'Li😀', role: 'officer' as const, phone: '020-1234', unit: 'x', active: true, demo: false }));
    await expect(
      createDispatcher(fakeHandlers({ 'duty.savePerson': ok }))('duty.savePerson', { person: { ...person, name: 'Li😀' } }, ctx),
    ).resolves.toMatchObject({ name: 'Li😀' });
  });

  it('refuses params nested deeper than any method takes without overflowing the stack', async () => {
    const dispatch = createDispatcher(fakeHandlers());
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    await expect(dispatch('settings.save', { patch: { wallDisplays: deep } }, ctx)).rejects.toMatchObject({ code: RpcCode.InvalidParams });
    await expect(dispatch('settings.save', deep, ctx)).rejects.toMatchObject({ code: RpcCode.InvalidParams });
  });

  it('passes domain refusals through and hides internal errors behind -32603', async () => {
    const log = { error: vi.fn() };
    const dispatch = createDispatcher(
      fakeHandlers({
        'wall.removePreset': () => {
          throw new RpcError(RpcCode.Refused, 'preset is showing');
        },
        'wall.get': () => {
          throw new TypeError('boom');
        },
      }),
      log,
    );
    await expect(dispatch('wall.removePreset', { id: 'a' }, ctx)).rejects.toMatchObject({ code: RpcCode.Refused, message: 'preset is showing' });
    await expect(dispatch('wall.get', {}, ctx)).rejects.toMatchObject({ code: RpcCode.InternalError });
    expect(log.error).toHaveBeenCalled();
  });

  it('checks results against the schema: a service that breaks the contract is an internal error', async () => {
    const log = { error: vi.fn() };
    const dispatch = createDispatcher(fakeHandlers({ 'centre.get': () => ({ name: '' }) as never }), log);
    await expect(dispatch('centre.get', {}, ctx)).rejects.toMatchObject({ code: RpcCode.InternalError });
  });
});

describe('the OpenRPC document', () => {
  it('lists every method of the contract with its params', () => {
    const doc = openRpcDocument('test') as { methods: { name: string; params: { name: string }[] }[] };
    expect(doc.methods.map((m) => m.name).sort()).toEqual([...methodNames].sort());
    const activate = doc.methods.find((m) => m.name === 'wall.activate');
    expect(activate?.params.map((p) => p.name).sort()).toEqual(['display', 'presetId']);
  });
});
