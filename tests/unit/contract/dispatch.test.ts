import { describe, expect, it, vi } from 'vitest';
import { methodNames, type Handlers } from '../../../src-main/core/contract/api';
import { createDispatcher } from '../../../src-main/core/contract/dispatch';
import { RpcCode, RpcError } from '../../../src-main/core/contract/errors';
import { standardLayout } from '../../../src-main/core/contract/layouts';
import { openRpcDocument } from '../../../src-main/core/contract/openrpc';

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

  it('passes domain refusals through and hides internal errors behind -32603', async () => {
    const log = { error: vi.fn() };
    const dispatch = createDispatcher(
      fakeHandlers({
        'wall.deletePreset': () => {
          throw new RpcError(RpcCode.Refused, 'preset is showing');
        },
        'wall.state': () => {
          throw new TypeError('boom');
        },
      }),
      log,
    );
    await expect(dispatch('wall.deletePreset', { id: 'a' }, ctx)).rejects.toMatchObject({ code: RpcCode.Refused, message: 'preset is showing' });
    await expect(dispatch('wall.state', {}, ctx)).rejects.toMatchObject({ code: RpcCode.InternalError });
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
