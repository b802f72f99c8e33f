// The statistics slice: Table 3's indicator values and the duty-log counts of the last 14 days,
// re-read when what they count changes (reports, shelters, plans, entered values).
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '@contract/api';
import type { IndicatorValue, ReportCounts } from '@contract/stats';
import { DAY_MS, localDateString, parseLocalDate } from '@contract/yuexiu';
import { errorMessage, onEveryOpen, sharedClient } from '../map/shared/client';

export const COUNT_DAYS = 14;

export interface StatsData {
  indicators: readonly IndicatorValue[] | null;
  counts: ReportCounts | null;
  error: string | null;
}

/** Debounces bursts of events (a demo load, an import) into one read. */
function debounced(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, ms);
  };
}

export function createStatsStore(client: ApiClient, now: () => number = Date.now): StoreApi<StatsData> {
  const store = createStore<StatsData>()(() => ({ indicators: null, counts: null, error: null }));
  const fail = (err: unknown): void => store.setState({ error: errorMessage(err) });
  const loadIndicators = (): void => void client.call('stats.listIndicators', {}).then((indicators) => store.setState({ indicators }), fail);
  const loadCounts = (): void => {
    const to = parseLocalDate(localDateString(now())) + DAY_MS;
    void client.call('stats.getReportCounts', { from: to - COUNT_DAYS * DAY_MS, to }).then((counts) => store.setState({ counts, error: null }), fail);
  };
  const indicatorsSoon = debounced(loadIndicators, 500);
  const countsSoon = debounced(loadCounts, 500);
  client.on('stats.indicatorsChanged', ({ indicators }) => store.setState({ indicators }));
  client.on('map.objectsChanged', indicatorsSoon);
  client.on('plans.libraryChanged', indicatorsSoon);
  client.on('duty.logChanged', countsSoon);
  onEveryOpen(client, () => {
    loadIndicators();
    loadCounts();
  });
  return store;
}

let shared: StoreApi<StatsData> | null = null;

export function statsStore(): StoreApi<StatsData> {
  shared ??= createStatsStore(sharedClient());
  return shared;
}

export function useStats<T>(selector: (s: StatsData) => T): T {
  return useStore(statsStore(), selector);
}
