// The app's one store. It holds what the server said last (centre, settings, wall, system)
// and the transport status; it changes only through the named actions in actions.ts and
// through the server's pushed events, wired here.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, TransportStatus } from '@contract/api';
import type { CentreInfo, Settings, SystemInfo, WallState } from '@contract/schemas';
import { createActions, type ActionName, type Actions } from './actions';
import { createDutyActions, initialDutyState, type DutyActions, type DutyState } from './duty';

export interface AppError {
  action: ActionName;
  /** The server's message as is: it names the bad field (e.g. params.preset.name). */
  message: string;
  code?: number;
  at: number;
}

export interface AppState {
  transport: TransportStatus;
  /** True once a loadAll has succeeded since the page opened. */
  loaded: boolean;
  system: SystemInfo | null;
  /** Server clock minus ours, measured at the last loadAll; null before that. */
  serverOffsetMs: number | null;
  centre: CentreInfo | null;
  settings: Settings | null;
  wall: WallState | null;
  error: AppError | null;
  actions: Actions;
  /** Duty and plans (state/duty): its own feed starts when a screen showing it mounts. */
  duty: DutyState;
  dutyActions: DutyActions;
}

export type AppStore = StoreApi<AppState>;
export type Slice = 'centre' | 'settings' | 'wall';

/** Tells a loadAll whether an event brought a slice newer than the loadAll's own reply. */
export class SliceClock {
  private tick = 0;
  private readonly touched: Record<Slice, number> = { centre: 0, settings: 0, wall: 0 };
  now(): number {
    return ++this.tick;
  }
  touch(slice: Slice): void {
    this.touched[slice] = this.now();
  }
  newerThan(slice: Slice, since: number): boolean {
    return this.touched[slice] > since;
  }
}

export function createAppStore(client: ApiClient, now: () => number = Date.now): AppStore {
  const clock = new SliceClock();
  return createStore<AppState>()((set, get) => ({
    transport: 'connecting',
    loaded: false,
    system: null,
    serverOffsetMs: null,
    centre: null,
    settings: null,
    wall: null,
    error: null,
    actions: createActions({ client, set, get, clock, now }),
    duty: initialDutyState(),
    dutyActions: createDutyActions({ client, set, get, now }),
  }));
}

/** Keeps the store in step with the server: events apply live, every (re)open refetches. */
export function connectStore(store: AppStore, client: ApiClient): () => void {
  const offs = [
    client.on('wall.changed', (wall) => store.getState().actions.applyEvent('wall', wall)),
    client.on('centre.changed', (centre) => store.getState().actions.applyEvent('centre', centre)),
    client.on('settings.changed', (settings) => store.getState().actions.applyEvent('settings', settings)),
    client.onStatus((transport) => {
      store.setState({ transport });
      // Events missed while the link was down are not replayed: fetch everything again.
      if (transport === 'open') void store.getState().actions.loadAll();
    }),
  ];
  return () => offs.forEach((off) => off());
}
