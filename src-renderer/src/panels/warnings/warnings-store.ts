// The warnings slice: active warnings and the feed's status, recent history, the current 三防
// response level (from the plan library's active 三防 responses), and an alarm counter that goes
// up whenever a warning is issued or raised while the page is open (the header sounds on it).
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '@contract/api';
import { RESPONSE_LEVEL_RANK, type Response, type ResponseLevel } from '@contract/plans';
import { SIGNAL_LEVEL_RANK, type SignalLevel, type WarningHistoryEntry, type WarningsState } from '@contract/warnings';
import { errorMessage, onEveryOpen, sharedClient } from '../map/shared/client';

export interface SanfangLevel {
  level: ResponseLevel;
  planTitle: string;
  since: number;
  responseId: string;
}

export interface Alarm {
  seq: number;
  level: SignalLevel;
  change: 'issued' | 'raised';
  warningId: string;
}

export interface WarningsData {
  state: WarningsState | null;
  history: readonly WarningHistoryEntry[];
  sanfang: SanfangLevel | null;
  alarm: Alarm | null;
  error: string | null;
}

const HISTORY_SHOWN = 30;

/** The most severe active 三防 response, if any. */
export function sanfangLevel(responses: readonly Response[]): SanfangLevel | null {
  const active = responses.filter((r) => r.status === 'active' && r.category === 'sanfang');
  active.sort((a, b) => RESPONSE_LEVEL_RANK[b.level] - RESPONSE_LEVEL_RANK[a.level] || a.activatedAt - b.activatedAt);
  const top = active[0];
  return top ? { level: top.level, planTitle: top.planTitle, since: top.activatedAt, responseId: top.id } : null;
}

export function createWarningsStore(client: ApiClient): StoreApi<WarningsData> {
  const store = createStore<WarningsData>()(() => ({ state: null, history: [], sanfang: null, alarm: null, error: null }));
  let responses: Response[] = [];
  const fail = (err: unknown): void => store.setState({ error: errorMessage(err) });
  const loadHistory = (): void => void client.call('warnings.listHistory', { limit: HISTORY_SHOWN }).then((history) => store.setState({ history }), fail);
  const loadResponses = (): void =>
    void client.call('plans.listResponses', { status: 'active', limit: 200 }).then((r) => {
      responses = r;
      store.setState({ sanfang: sanfangLevel(r) });
    }, fail);

  client.on('warnings.changed', ({ changes, state }) => {
    // Only a warning that is new or more severe sounds; lowering, lifting and expiry are quiet.
    const loud = changes.filter((c) => c.change === 'issued' || c.change === 'raised');
    loud.sort((a, b) => SIGNAL_LEVEL_RANK[b.level] - SIGNAL_LEVEL_RANK[a.level]);
    const prev = store.getState().alarm;
    const alarm = loud[0] ? { seq: (prev?.seq ?? 0) + 1, level: loud[0].level, change: loud[0].change as Alarm['change'], warningId: loud[0].warningId } : prev;
    store.setState({ state, alarm, error: null });
    if (changes.length > 0) loadHistory();
  });
  client.on('plans.responseChanged', ({ response }) => {
    responses = [response, ...responses.filter((r) => r.id !== response.id)];
    store.setState({ sanfang: sanfangLevel(responses) });
  });
  onEveryOpen(client, () => {
    client.call('warnings.get', {}).then((state) => store.setState({ state, error: null }), fail);
    loadHistory();
    loadResponses();
  });
  return store;
}

let shared: StoreApi<WarningsData> | null = null;

export function warningsStore(): StoreApi<WarningsData> {
  shared ??= createWarningsStore(sharedClient());
  return shared;
}

export function useWarnings<T>(selector: (s: WarningsData) => T): T {
  return useStore(warningsStore(), selector);
}
