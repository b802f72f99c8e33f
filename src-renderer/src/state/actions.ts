// The operator's commands, by name. Each calls the server and applies its result, so the
// page that acted updates at once; other pages update from the pushed event.
import type { ApiClient } from '@contract/api';
import type { CentreInfo, Language, Settings, WallPreset, WallState } from '@contract/schemas';
import type { AppState, SliceClock } from './store';
import type { DutyActionName } from './duty';

export type ActionName = 'loadAll' | 'activatePreset' | 'savePreset' | 'deletePreset' | 'setLanguage' | 'updateCentre' | DutyActionName;

export interface Actions {
  loadAll(): Promise<boolean>;
  activatePreset(display: number, presetId: string): Promise<boolean>;
  savePreset(preset: WallPreset): Promise<boolean>;
  deletePreset(id: string): Promise<boolean>;
  setLanguage(language: Language): Promise<boolean>;
  updateCentre(centre: CentreInfo): Promise<boolean>;
  dismissError(): void;
  /** A pushed event replaces its slice. */
  applyEvent<K extends 'wall' | 'centre' | 'settings'>(slice: K, value: AppState[K]): void;
}

interface Deps {
  client: ApiClient;
  set(partial: Partial<AppState>): void;
  get(): AppState;
  clock: SliceClock;
  now(): number;
}

export function createActions({ client, set, get, clock, now }: Deps): Actions {
  /** Runs one command; on failure the operator sees the server's message in the banner. */
  async function run(action: ActionName, work: () => Promise<void>): Promise<boolean> {
    try {
      await work();
      if (get().error?.action === action) set({ error: null });
      return true;
    } catch (err) {
      const e = err as { message?: unknown; code?: unknown };
      set({
        error: {
          action,
          message: typeof e?.message === 'string' ? e.message : String(err),
          code: typeof e?.code === 'number' ? e.code : undefined,
          at: now(),
        },
      });
      return false;
    }
  }

  const setWall = (wall: WallState): void => {
    clock.touch('wall');
    set({ wall });
  };

  return {
    loadAll: () =>
      run('loadAll', async () => {
        const started = clock.now();
        const t0 = now();
        const timedInfo = client.call('system.info', {}).then((info) => ({ info, t1: now() }));
        const [{ info, t1 }, centre, settings, wall] = await Promise.all([
          timedInfo,
          client.call('centre.get', {}),
          client.call('settings.get', {}),
          client.call('wall.get', {}),
        ]);
        // The server stamped its time somewhere between our send and its reply: take the middle.
        const next: Partial<AppState> = { system: info, serverOffsetMs: info.serverTime - (t0 + t1) / 2, loaded: true };
        // An event that arrived while we waited is newer than these replies: keep it.
        if (!clock.newerThan('centre', started)) next.centre = centre;
        if (!clock.newerThan('settings', started)) next.settings = settings;
        if (!clock.newerThan('wall', started)) next.wall = wall;
        set(next);
      }),

    activatePreset: (display, presetId) =>
      run('activatePreset', async () => setWall(await client.call('wall.activate', { display, presetId }))),

    savePreset: (preset) => run('savePreset', async () => setWall(await client.call('wall.savePreset', { preset }))),

    deletePreset: (id) => run('deletePreset', async () => setWall(await client.call('wall.removePreset', { id }))),

    setLanguage: (language) =>
      run('setLanguage', async () => {
        const settings: Settings = await client.call('settings.save', { patch: { language } });
        clock.touch('settings');
        set({ settings });
      }),

    updateCentre: (centre) =>
      run('updateCentre', async () => {
        const saved = await client.call('centre.save', { centre });
        clock.touch('centre');
        set({ centre: saved });
      }),

    dismissError: () => set({ error: null }),

    applyEvent: (slice, value) => {
      clock.touch(slice);
      set({ [slice]: value } as Partial<AppState>);
    },
  };
}
