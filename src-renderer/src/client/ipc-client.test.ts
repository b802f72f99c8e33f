import { describe, expect, it, vi } from 'vitest';
import { RpcError } from '@contract/errors';
import type { BridgeEvent, CommandWallBridge } from './bridge';
import { createIpcClient } from './ipc-client';

function fakeBridge(reply: (method: string, params: unknown) => unknown) {
  let push: ((m: BridgeEvent) => void) | undefined;
  const bridge: CommandWallBridge = {
    machine: { role: 'host' },
    setUp: async () => ({ ok: true }),
    invoke: async (m, p) => reply(m, p) as never,
    subscribe: (l) => {
      push = l;
      return () => (push = undefined);
    },
    printToPdf: async () => ({ ok: true }),
  };
  return { bridge, push: (m: BridgeEvent) => push?.(m) };
}

describe('createIpcClient', () => {
  it('returns results and rejects errors as RpcError', async () => {
    const { bridge } = fakeBridge((m) =>
      m === 'wall.get'
        ? { ok: true, result: { presets: [], active: {} } }
        : { ok: false, error: { code: -32602, message: 'invalid params: params.preset.name: a preset needs a name' } },
    );
    const c = createIpcClient(bridge);
    await expect(c.call('wall.get', {})).resolves.toEqual({ presets: [], active: {} });
    const err = await c.call('wall.removePreset', { id: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RpcError);
    expect(err).toMatchObject({ code: -32602, message: expect.stringContaining('params.preset.name') });
  });

  it('reports open at once and routes pushed events', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { bridge, push } = fakeBridge(() => ({ ok: true, result: null }));
    const c = createIpcClient(bridge);
    const statuses: string[] = [];
    c.onStatus((s) => statuses.push(s));
    expect(statuses).toEqual(['open']);
    const seen: unknown[] = [];
    c.on('settings.changed', (s) => seen.push(s.language));
    push({ event: 'settings.changed', payload: { wallDisplays: [], consoleWindow: true, language: 'en' } });
    push({ event: 'settings.changed', payload: { language: 'fr' } });
    expect(seen).toEqual(['en']);
  });
});
