// What the duty actions need from the app store, and the one way they run a server call:
// success clears that action's earlier error, failure shows the server's message in the
// app's error banner (it names the bad field or row) and resolves to null.
import type { ApiClient } from '@contract/api';
import type { AppState } from '../store';
import type { DutyState } from './duty-state';

export type DutyActionName =
  | 'dutyLoad'
  | 'dutyRead'
  | 'loadDemo'
  | 'savePerson'
  | 'recordReport'
  | 'setReportStatus'
  | 'escalateReport'
  | 'linkReport'
  | 'handOver'
  | 'confirmHandover'
  | 'cancelHandover'
  | 'importRoster'
  | 'exportRoster'
  | 'exportLog'
  | 'activatePlan'
  | 'updateAction'
  | 'changeLevel'
  | 'addResponseNote'
  | 'closeResponse'
  | 'saveDrill'
  | 'printLog';

export interface DutyDeps {
  client: ApiClient;
  set(partial: Partial<AppState>): void;
  get(): AppState;
  now(): number;
}

export interface Runner {
  duty(): DutyState;
  patch(p: Partial<DutyState> | ((d: DutyState) => Partial<DutyState>)): void;
  /** The server's clock now, from ours and the offset measured at the last load. */
  serverNow(): number;
  run<T>(action: DutyActionName, work: () => Promise<T>, onError?: (err: unknown) => void): Promise<T | null>;
}

export function createRunner({ set, get, now }: DutyDeps): Runner {
  const duty = (): DutyState => get().duty;
  return {
    duty,
    patch: (p) => set({ duty: { ...duty(), ...(typeof p === 'function' ? p(duty()) : p) } }),
    serverNow: () => now() + (get().serverOffsetMs ?? 0),
    async run(action, work, onError) {
      try {
        const result = await work();
        if (get().error?.action === action) set({ error: null });
        return result;
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
        onError?.(err);
        return null;
      }
    },
  };
}
