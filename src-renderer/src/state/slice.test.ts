import { describe, expect, it } from 'vitest';
import { RpcError } from '@contract/errors';
import { standardLayout } from '@contract/layouts';
import type { CentreInfo, Settings, WallState } from '@contract/schemas';
import { fakeClient } from '../test-kit/fake-client';
import { appSlice } from './app/app-slice';
import { centreSlice } from './centre/centre-slice';
import { defineSlice, SliceHost } from './slice';
import { wallSlice } from './wall/wall-slice';

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

const tick = () => new Promise((r) => setTimeout(r, 0));

/** A promise the test resolves when it likes: a reply still on its way. */
function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

describe('the slice factory', () => {
  it('refuses a slice whose own state uses a name of the slice meta (live, loaded, asOf, error)', () => {
    // The consultation slice's `live` (the running consultation) was overwritten with the meta's
    // false whenever the page's socket dropped.
    const clashing = defineSlice({ name: 'clash', initial: () => ({ live: null as string | null }) });
    const host = new SliceHost(fakeClient({}).client, () => 0);
    expect(() => host.get(clashing)).toThrow(/clash.*live/);
  });

  it('loads when first held on an open link, again on every reopen, and stops listening on the last release', async () => {
    const fake = fakeClient(serverTable(), { status: 'open' });
    const host = new SliceHost(fake.client);
    const slice = host.get(wallSlice);
    expect(host.get(wallSlice)).toBe(slice); // one per page
    const a = slice.hold();
    const b = slice.hold();
    await tick();
    expect(slice.store.getState()).toMatchObject({ loaded: true, wall });
    fake.status('closed');
    fake.status('open');
    await tick();
    expect(fake.calls.filter((c) => c.method === 'wall.get')).toHaveLength(2);
    a();
    a(); // a second release of the same hold is ignored
    expect(fake.listenerCount()).toBeGreaterThan(0);
    b();
    expect(fake.listenerCount()).toBe(0);
  });

  it('replays an event heard while a load was on its way onto the load’s reply', async () => {
    const g = gate();
    const fake = fakeClient({ ...serverTable(), 'wall.get': async () => (await g.wait, wall) }, { status: 'open' });
    const slice = new SliceHost(fake.client).get(wallSlice);
    slice.hold();
    fake.emit('wall.changed', { ...wall, active: { '0': 'newer' } });
    g.open();
    await tick();
    expect(slice.store.getState().wall?.active['0']).toBe('newer');
  });

  it('drops the reply of a load overtaken by a newer one', async () => {
    const replies = [gate(), gate()];
    let n = 0;
    const fake = fakeClient({
      'wall.get': async () => {
        const mine = n++;
        await replies[mine].wait;
        return { ...wall, active: { '0': `reply-${mine}` } };
      },
    });
    const slice = new SliceHost(fake.client).get(wallSlice);
    const first = slice.commands.load();
    const second = slice.commands.load();
    replies[1].open();
    await second;
    replies[0].open();
    await first;
    expect(slice.store.getState().wall?.active['0']).toBe('reply-1');
  });

  it('shows a part of a load at once, unless a newer load has started', async () => {
    const parts = [gate(), gate()];
    let n = 0;
    const progressive = defineSlice({
      name: 'progressive',
      initial: () => ({ first: '', rest: '' }),
      async load({ set }) {
        const mine = n++;
        await parts[mine].wait;
        set({ first: `first-${mine}` });
        await tick();
        return { rest: `rest-${mine}` };
      },
    });
    const slice = new SliceHost(fakeClient().client).get(progressive);
    const a = slice.commands.load();
    const b = slice.commands.load();
    parts[1].open();
    await tick();
    expect(slice.store.getState().first).toBe('first-1'); // shown before the load is done
    await b;
    parts[0].open();
    await a;
    expect(slice.store.getState()).toMatchObject({ first: 'first-1', rest: 'rest-1' });
  });

  it('runs every command under its name: a refusal is kept with the server’s words and resolves null; success clears it', async () => {
    let refuse = true;
    const fake = fakeClient({
      'wall.activate': ({ presetId }) => {
        if (refuse) throw new RpcError(-32000, `no preset with id ${presetId}`, { presetId });
        return { ...wall, active: { '1': presetId } };
      },
    });
    const host = new SliceHost(fake.client, () => 42);
    const slice = host.get(wallSlice);
    expect(await slice.commands.activatePreset(1, 'missing')).toBeNull();
    expect(slice.store.getState().error).toEqual({
      command: 'activatePreset',
      message: 'no preset with id missing',
      code: -32000,
      data: { presetId: 'missing' },
      at: 42,
    });
    expect(host.latestError.getState().latest).toMatchObject({ slice: 'wall', error: { command: 'activatePreset' } });
    refuse = false;
    expect(await slice.commands.activatePreset(1, 'single')).toMatchObject({ active: { '1': 'single' } });
    expect(slice.store.getState().error).toBeNull();
    expect(host.latestError.getState().latest).toBeNull();
  });

  it('a command that throws before calling is refused the same way, and dismissError clears it', async () => {
    const broken = defineSlice({
      name: 'broken',
      initial: () => ({}),
      commands: () => ({
        check: (n: number) => {
          if (n < 0) throw new Error('n must not be negative');
          return n;
        },
      }),
    });
    const slice = new SliceHost(fakeClient().client).get(broken);
    expect(await slice.commands.check(2)).toBe(2);
    expect(await slice.commands.check(-1)).toBeNull();
    expect(slice.store.getState().error?.message).toBe('n must not be negative');
    slice.commands.dismissError();
    expect(slice.store.getState().error).toBeNull();
  });

  it('is live only while loaded on an open link; once the link drops it says since when', async () => {
    let clock = 1_000;
    const fake = fakeClient(serverTable(), { status: 'open' });
    const slice = new SliceHost(fake.client, () => clock).get(wallSlice);
    expect(slice.store.getState()).toMatchObject({ live: false, asOf: null });
    const release = slice.hold();
    await tick();
    expect(slice.store.getState()).toMatchObject({ live: true, asOf: 1_000 });
    clock = 5_000;
    fake.status('closed');
    expect(slice.store.getState()).toMatchObject({ live: false, asOf: 5_000 });
    clock = 9_000;
    fake.status('open');
    expect(slice.store.getState().live).toBe(false); // not before the reload is in
    await tick();
    expect(slice.store.getState()).toMatchObject({ live: true, asOf: 9_000 });
    release();
    expect(slice.store.getState().live).toBe(false); // no longer following the events
  });

  it('whileHeld runs for the held life only', () => {
    let live = 0;
    const timerish = defineSlice({
      name: 'timerish',
      initial: () => ({}),
      whileHeld: () => {
        live++;
        return () => live--;
      },
    });
    const slice = new SliceHost(fakeClient().client).get(timerish);
    const release = slice.hold();
    expect(live).toBe(1);
    release();
    expect(live).toBe(0);
  });
});

describe('the app, wall and centre slices', () => {
  it('app: measures the server clock offset and follows the transport and settings', async () => {
    const fake = fakeClient(serverTable(10_500));
    const app = new SliceHost(fake.client, () => 10_000).get(appSlice);
    app.hold();
    expect(app.store.getState().transport).toBe('connecting');
    fake.status('open');
    await tick();
    expect(app.store.getState()).toMatchObject({ loaded: true, transport: 'open', settings, serverOffsetMs: 500, error: null });
    fake.emit('settings.changed', { ...settings, language: 'en' });
    expect(app.store.getState().settings?.language).toBe('en');
    fake.status('closed');
    expect(app.store.getState().transport).toBe('closed');
  });

  it('setLanguage, updateCentre and the presets apply what the server returns', async () => {
    const fake = fakeClient({
      'settings.save': ({ patch }) => ({ ...settings, ...patch }),
      'centre.save': ({ centre: c }) => c,
      'wall.savePreset': () => {
        throw new RpcError(-32602, 'invalid params for wall.savePreset: params.preset.name: a preset needs a name');
      },
      'wall.removePreset': () => ({ ...wall, presets: [] }),
    });
    const host = new SliceHost(fake.client);
    await host.get(appSlice).commands.setLanguage('en');
    expect(host.get(appSlice).store.getState().settings?.language).toBe('en');
    await host.get(centreSlice).commands.updateCentre({ ...centre, level: 'street' });
    expect(host.get(centreSlice).store.getState().centre?.level).toBe('street');
    const walls = host.get(wallSlice);
    expect(await walls.commands.savePreset({ ...wall.presets[0], name: '' })).toBeNull();
    expect(walls.store.getState().error?.message).toMatch(/params\.preset\.name/);
    await walls.commands.deletePreset('single');
    expect(walls.store.getState().wall?.presets).toEqual([]);
  });

  it('the acting person is remembered by the app slice', async () => {
    const app = new SliceHost(fakeClient().client).get(appSlice);
    await app.commands.setActor('p_1');
    expect(app.store.getState().actorId).toBe('p_1');
  });
});
