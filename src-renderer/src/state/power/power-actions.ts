// The power commands, by name (as state/actions.ts does for the app): each calls the server and
// applies its result, so the page that acted updates at once; other pages follow the events.
import type { ApiClient, PayloadOf } from '@contract/api';
import type { PowerAlarm, PowerConfig, PowerSourceInput, PowerThresholds } from '@contract/power';
import { mergeAlarm, mergeSources } from './power-merge';
import type { PowerClock, PowerSlice } from './power-store';

export type PowerActionName = 'loadOverview' | 'acknowledgeAlarm' | 'muteAlarm' | 'loadConfig' | 'saveSource' | 'deleteSource' | 'saveThresholds';

export interface PowerActions {
  loadOverview(): Promise<boolean>;
  acknowledgeAlarm(id: string, by: string): Promise<boolean>;
  muteAlarm(id: string, muted: boolean, by: string): Promise<boolean>;
  loadConfig(): Promise<boolean>;
  saveSource(source: PowerSourceInput): Promise<boolean>;
  deleteSource(id: string): Promise<boolean>;
  saveThresholds(patch: Partial<PowerThresholds>): Promise<boolean>;
  /** The duty room's people, offered as who acknowledges; quietly none when duty has nobody. */
  loadOfficers(): Promise<void>;
  /** Who acts on this page: kept so the officer names themself once, not per alarm. */
  setOfficer(name: string): void;
  dismissError(): void;
  // Pushed events, applied as they come.
  applyStateChanged(p: PayloadOf<'power.stateChanged'>): void;
  applySourcesChanged(p: PayloadOf<'power.sourcesChanged'>): void;
  applyAlarm(alarm: PowerAlarm): void;
  applyConfig(config: PowerConfig): void;
  applyConserve(p: PayloadOf<'power.conserve'>): void;
}

interface Deps {
  client: ApiClient;
  set(partial: Partial<PowerSlice>): void;
  get(): PowerSlice;
  clock: PowerClock;
  now(): number;
}

export function createPowerActions({ client, set, get, clock, now }: Deps): PowerActions {
  /** Runs one command; on failure the operator sees the server's message next to what they did. */
  async function run(action: PowerActionName, work: () => Promise<void>): Promise<boolean> {
    try {
      await work();
      if (get().error?.action === action) set({ error: null });
      return true;
    } catch (err) {
      const e = err as { message?: unknown; code?: unknown };
      set({ error: { action, message: typeof e?.message === 'string' ? e.message : String(err), code: typeof e?.code === 'number' ? e.code : undefined, at: now() } });
      return false;
    }
  }

  const applyAlarm = (alarm: PowerAlarm): void => {
    clock.touch('alarms');
    set({ alarms: mergeAlarm(get().alarms, alarm) });
  };
  const applyConfig = (config: PowerConfig): void => {
    clock.touch('config');
    set({ config, thresholds: config.thresholds });
  };

  return {
    loadOverview: () =>
      run('loadOverview', async () => {
        const started = clock.now();
        const o = await client.call('power.getOverview', {});
        const next: Partial<PowerSlice> = { loaded: true, thresholds: o.thresholds };
        // An event that arrived while we waited is newer than this reply: keep it.
        if (!clock.newerThan('state', started)) Object.assign(next, { state: o.state, since: o.since, reason: o.reason, pending: o.pending, conserve: o.conserve });
        if (!clock.newerThan('sources', started)) Object.assign(next, { sources: o.sources, runtimeMinutes: o.runtimeMinutes, fuelHours: o.fuelHours });
        if (!clock.newerThan('alarms', started)) next.alarms = o.activeAlarms;
        set(next);
      }),

    acknowledgeAlarm: (id, by) => run('acknowledgeAlarm', async () => applyAlarm(await client.call('power.acknowledgeAlarm', { id, by }))),

    muteAlarm: (id, muted, by) => run('muteAlarm', async () => applyAlarm(await client.call('power.muteAlarm', { id, muted, by }))),

    loadConfig: () => run('loadConfig', async () => applyConfig(await client.call('power.getConfig', {}))),

    saveSource: (source) => run('saveSource', async () => applyConfig(await client.call('power.saveSource', { source }))),

    deleteSource: (id) => run('deleteSource', async () => applyConfig(await client.call('power.removeSource', { id }))),

    saveThresholds: (patch) => run('saveThresholds', async () => applyConfig(await client.call('power.saveThresholds', { patch }))),

    loadOfficers: async () => {
      try {
        const people = await client.call('duty.listPeople', {});
        set({ officers: people.filter((p) => p.active).map((p) => ({ id: p.id, name: p.name, role: p.role })) });
      } catch {
        // Duty keeps no people here (or refuses): the officer types a name instead.
      }
    },

    setOfficer: (name) => set({ officer: name }),

    dismissError: () => set({ error: null }),

    applyStateChanged: ({ transition, conserve }) => {
      clock.touch('state');
      // The hold this page may have shown is over: the state moved.
      set({ state: transition.to, since: transition.at, reason: transition.reason, pending: null, conserve });
    },

    applySourcesChanged: (p) => {
      clock.touch('sources');
      const held = get();
      const verdicts = (list: { id: string; verdict: string }[]): string => list.map((s) => `${s.id}:${s.verdict}`).join(',');
      const verdictMoved = verdicts(held.sources) !== verdicts(p.sources);
      set({ sources: mergeSources(held.sources, p.sources), runtimeMinutes: p.runtimeMinutes, fuelHours: p.fuelHours });
      // A source's verdict moved but the state may wait out its recovery hold: ask for the
      // server's word on what is pending (and its reason), rather than guess it here.
      if (verdictMoved && p.state === held.state && held.loaded) void client.call('power.getOverview', {}).then(
        (o) => {
          if (o.state === get().state) set({ pending: o.pending, reason: o.reason });
        },
        () => undefined,
      );
    },

    applyAlarm,

    applyConfig,

    applyConserve: ({ active }) => set({ conserve: active }),
  };
}
