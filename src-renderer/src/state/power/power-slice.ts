// The power slice: what the power capability said last (state, tiles, active alarms, config), kept
// live by its pushed events and changed by the named commands below. Shared by the wall header,
// the power panel, the alarm sound, dimming and the console forms. A refused command shows next to
// where the operator acted (PowerErrorNote), under the i18n key `power.action.<command>`.
import type { DutyRole } from '@contract/duty';
import type { PowerAlarm, PowerConfig, PowerOverview, PowerSourceInput, PowerSourceStatus, PowerState, PowerText, PowerThresholds } from '@contract/power';
import { defineSlice, type SliceTools } from '../slice';
import { mergeAlarm, mergeSources } from './power-merge';

export interface Officer {
  id: string;
  name: string;
  role: DutyRole;
}

export interface PowerView {
  state: PowerState;
  since: number | null;
  reason: PowerText | null;
  pending: PowerOverview['pending'];
  runtimeMinutes: number | null;
  fuelHours: number | null;
  conserve: boolean;
  sources: PowerSourceStatus[];
  /** The active alarms (warning and critical until both cleared and acknowledged). */
  alarms: PowerAlarm[];
  thresholds: PowerThresholds | null;
  /** Sources as configured: loaded by the console only (and kept fresh once loaded). */
  config: PowerConfig | null;
  /** The duty room's people, offered as who acknowledges. */
  officers: Officer[];
  /** Who acts on this page: kept so the officer names themself once, not per alarm. */
  officer: string;
}

/** The commands whose refusal PowerErrorNote shows (each has its `power.action.<name>` text). */
export type PowerCommandName = 'loadOverview' | 'acknowledgeAlarm' | 'muteAlarm' | 'loadConfig' | 'saveSource' | 'deleteSource' | 'saveThresholds';

type Tools = SliceTools<PowerView>;

const applyConfig = ({ set }: Tools, config: PowerConfig): PowerConfig => {
  set({ config, thresholds: config.thresholds });
  return config;
};

const applyAlarm = ({ set }: Tools, alarm: PowerAlarm): PowerAlarm => {
  set((s) => ({ alarms: mergeAlarm(s.alarms, alarm) }));
  return alarm;
};

const fetchConfig = async (t: Tools): Promise<PowerConfig> => applyConfig(t, await t.client.call('power.getConfig', {}));

const verdicts = (list: readonly { id: string; verdict: string }[]): string => list.map((s) => `${s.id}:${s.verdict}`).join(',');

export const powerSlice = defineSlice({
  name: 'power',
  loadAs: 'loadOverview',
  initial: (): PowerView => ({
    // Nothing known yet is UNKNOWN, never a hopeful MAINS.
    state: 'UNKNOWN',
    since: null,
    reason: null,
    pending: null,
    runtimeMinutes: null,
    fuelHours: null,
    conserve: false,
    sources: [],
    alarms: [],
    thresholds: null,
    config: null,
    officers: [],
    officer: '',
  }),
  async load({ client }) {
    const o = await client.call('power.getOverview', {});
    return {
      state: o.state,
      since: o.since,
      reason: o.reason,
      pending: o.pending,
      conserve: o.conserve,
      sources: o.sources,
      runtimeMinutes: o.runtimeMinutes,
      fuelHours: o.fuelHours,
      alarms: o.activeAlarms,
      thresholds: o.thresholds,
    };
  },
  events: {
    // The hold this page may have shown is over: the state moved.
    'power.stateChanged': ({ transition, conserve }) => ({ state: transition.to, since: transition.at, reason: transition.reason, pending: null, conserve }),
    'power.sourcesChanged': (p, { client, get, set }) => {
      const held = get();
      const verdictMoved = verdicts(held.sources) !== verdicts(p.sources);
      set({ sources: mergeSources(held.sources, p.sources), runtimeMinutes: p.runtimeMinutes, fuelHours: p.fuelHours });
      // A source's verdict moved but the state may wait out its recovery hold: ask for the
      // server's word on what is pending (and its reason), rather than guess it here.
      if (verdictMoved && p.state === held.state && held.loaded)
        void client.call('power.getOverview', {}).then(
          (o) => {
            if (o.state === get().state) set({ pending: o.pending, reason: o.reason });
          },
          () => undefined,
        );
    },
    'power.alarmRaised': (alarm, t) => void applyAlarm(t, alarm),
    'power.alarmChanged': (alarm, t) => void applyAlarm(t, alarm),
    'power.configChanged': (config, t) => void applyConfig(t, config),
    'power.conserve': ({ active }) => ({ conserve: active }),
  },
  // Every (re)open reloads the overview (the factory's load); the config only once it was loaded.
  whileHeld: (t) =>
    t.client.onStatus((status) => {
      if (status === 'open' && t.get().config) void t.run('loadConfig', () => fetchConfig(t));
    }),
  commands: (t) => ({
    acknowledgeAlarm: async (id: string, by: string) => applyAlarm(t, await t.client.call('power.acknowledgeAlarm', { id, by })),
    muteAlarm: async (id: string, muted: boolean, by: string) => applyAlarm(t, await t.client.call('power.muteAlarm', { id, muted, by })),
    loadConfig: () => fetchConfig(t),
    saveSource: async (source: PowerSourceInput) => applyConfig(t, await t.client.call('power.saveSource', { source })),
    deleteSource: async (id: string) => applyConfig(t, await t.client.call('power.removeSource', { id })),
    saveThresholds: async (patch: Partial<PowerThresholds>) => applyConfig(t, await t.client.call('power.saveThresholds', { patch })),
    /** The duty room's active people; quietly none when duty has nobody (or refuses). */
    loadOfficers: async (): Promise<Officer[]> => {
      try {
        const people = await t.client.call('duty.listPeople', {});
        const officers = people.filter((p) => p.active).map((p) => ({ id: p.id, name: p.name, role: p.role }));
        t.set({ officers });
        return officers;
      } catch {
        // The officer types a name instead.
        return t.get().officers;
      }
    },
    setOfficer: (name: string) => t.set({ officer: name }),
  }),
});
