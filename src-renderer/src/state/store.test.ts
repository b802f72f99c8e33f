import { describe, expect, it } from 'vitest';
import { RpcError } from '@contract/errors';
import { standardLayout } from '@contract/layouts';
import type { CentreInfo, Settings, WallState } from '@contract/schemas';
import { fakeClient } from '../test-kit/fake-client';
import { connectStore, createAppStore } from './store';

const centre: CentreInfo = { name: '越秀区应急指挥中心', nameEn: 'Yuexiu', level: 'district', links: [] };
const settings: Settings = { wallDisplays: [0], consoleWindow: true, language: 'zh-CN' };
const wall: WallState = {
  presets: [{ id: 'single', name: '单屏', layout: standardLayout('1x1'), cells: ['clock-status'] }],
  active: { '0': 'single' },
};

const serverTable = (serverTime = 10_000) => ({
  'system.info': () => ({ app: 'command-wall', version: '0.1.0', host: 'hub' as const, serverTime, schemaVersion: 1, dataDir: '/d' }),
  'centre.get': () => centre,
  'settings.get': () => settings,
  'wall.get': () => wall,
});

describe('app store', () => {
  it('loadAll fills every slice and measures the server clock offset', async () => {
    const { client } = fakeClient(serverTable(10_500));
    const store = createAppStore(client, () => 10_000);
    expect(await store.getState().actions.loadAll()).toBe(true);
    const s = store.getState();
    expect(s).toMatchObject({ loaded: true, centre, settings, wall, serverOffsetMs: 500, error: null });
  });

  it('refetches on every open status and tracks the transport', async () => {
    const fake = fakeClient(serverTable());
    const store = createAppStore(fake.client);
    connectStore(store, fake.client);
    fake.status('open');
    expect(store.getState().transport).toBe('open');
    fake.status('closed');
    expect(store.getState().transport).toBe('closed');
    fake.status('open');
    await new Promise((r) => setTimeout(r, 0));
    expect(fake.calls.filter((c) => c.method === 'wall.get')).toHaveLength(2);
  });

  it('applies pushed events live', () => {
    const fake = fakeClient(serverTable());
    const store = createAppStore(fake.client);
    connectStore(store, fake.client);
    fake.emit('settings.changed', { ...settings, language: 'en' });
    fake.emit('centre.changed', { ...centre, name: '新名称' });
    fake.emit('wall.changed', { ...wall, active: { '0': 'other' } });
    expect(store.getState().settings?.language).toBe('en');
    expect(store.getState().centre?.name).toBe('新名称');
    expect(store.getState().wall?.active['0']).toBe('other');
  });

  it('keeps an event that arrived while loadAll was waiting', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fake = fakeClient({ ...serverTable(), 'wall.get': async () => (await gate, wall) });
    const store = createAppStore(fake.client);
    connectStore(store, fake.client);
    const loading = store.getState().actions.loadAll();
    fake.emit('wall.changed', { ...wall, active: { '0': 'newer' } });
    release();
    await loading;
    expect(store.getState().wall?.active['0']).toBe('newer');
  });

  it('applies the result of an action and shows the server’s error when refused', async () => {
    const fake = fakeClient({
      'wall.activate': ({ presetId }: { presetId: string }) => {
        if (presetId === 'missing') throw new RpcError(-32000, 'no preset with id missing');
        return { ...wall, active: { '1': presetId } };
      },
      'wall.savePreset': () => {
        throw new RpcError(-32602, 'invalid params for wall.savePreset: params.preset.name: a preset needs a name');
      },
    });
    const store = createAppStore(fake.client, () => 42);
    const { actions } = store.getState();
    expect(await actions.activatePreset(1, 'single')).toBe(true);
    expect(store.getState().wall?.active['1']).toBe('single');

    expect(await actions.activatePreset(1, 'missing')).toBe(false);
    expect(store.getState().error).toEqual({ action: 'activatePreset', message: 'no preset with id missing', code: -32000, at: 42 });

    await actions.savePreset({ ...wall.presets[0], name: '' });
    expect(store.getState().error?.message).toMatch(/params\.preset\.name/);
    actions.dismissError();
    expect(store.getState().error).toBeNull();
  });

  it('setLanguage and updateCentre apply what the server returns', async () => {
    const fake = fakeClient({
      'settings.save': ({ patch }: { patch: Partial<Settings> }) => ({ ...settings, ...patch }),
      'centre.save': ({ centre: c }: { centre: CentreInfo }) => c,
    });
    const store = createAppStore(fake.client);
    await store.getState().actions.setLanguage('en');
    expect(store.getState().settings?.language).toBe('en');
    await store.getState().actions.updateCentre({ ...centre, level: 'street' });
    expect(store.getState().centre?.level).toBe('street');
  });
});
