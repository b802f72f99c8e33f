// The power slice: what the power capability said last (state, tiles, active alarms, config),
// changed only by the named actions in power-actions.ts and by the pushed events wired here.
// Its own small store (the app store is the foundation's), shared by the wall header, the power
// panel, the alarm sound, dimming and the console forms through use-power.ts.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '@contract/api';
import type { DutyRole } from '@contract/duty';
import type { PowerAlarm, PowerConfig, PowerOverview, PowerSourceStatus, PowerState, PowerText, PowerThresholds } from '@contract/power';
import { createPowerActions, type PowerActionName, type PowerActions } from './power-actions';

export interface PowerError {
  action: PowerActionName;
  /** The server's message as is: it names the bad field (e.g. params.source.port). */
  message: string;
  code?: number;
  at: number;
}

export interface Officer {
  id: string;
  name: string;
  role: DutyRole;
}

export interface PowerSlice {
  /** True once power.getOverview has answered since the page opened. */
  loaded: boolean;
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
  /** Sources as configured: loaded by the console only. */
  config: PowerConfig | null;
  officers: Officer[];
  officer: string;
  error: PowerError | null;
  actions: PowerActions;
}

export type PowerStore = StoreApi<PowerSlice>;
type Group = 'state' | 'sources' | 'alarms' | 'config';

/** Tells a power.getOverview reply whether an event brought something newer while it was on its way. */
export class PowerClock {
  private tick = 0;
  private readonly touched: Record<Group, number> = { state: 0, sources: 0, alarms: 0, config: 0 };
  now(): number {
    return ++this.tick;
  }
  touch(group: Group): void {
    this.touched[group] = this.now();
  }
  newerThan(group: Group, since: number): boolean {
    return this.touched[group] > since;
  }
}

export function createPowerStore(client: ApiClient, now: () => number = Date.now): PowerStore {
  const clock = new PowerClock();
  return createStore<PowerSlice>()((set, get) => ({
    loaded: false,
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
    error: null,
    actions: createPowerActions({ client, set, get, clock, now }),
  }));
}

/** Keeps the slice in step: events apply live, every (re)open refetches what may have been missed. */
export function connectPowerStore(store: PowerStore, client: ApiClient): () => void {
  const a = () => store.getState().actions;
  const offs = [
    client.on('power.stateChanged', (p) => a().applyStateChanged(p)),
    client.on('power.sourcesChanged', (p) => a().applySourcesChanged(p)),
    client.on('power.alarmRaised', (p) => a().applyAlarm(p)),
    client.on('power.alarmChanged', (p) => a().applyAlarm(p)),
    client.on('power.configChanged', (p) => a().applyConfig(p)),
    client.on('power.conserve', (p) => a().applyConserve(p)),
    client.onStatus((status) => {
      if (status !== 'open') return;
      void a().loadOverview();
      if (store.getState().config) void a().loadConfig();
    }),
  ];
  return () => offs.forEach((off) => off());
}
