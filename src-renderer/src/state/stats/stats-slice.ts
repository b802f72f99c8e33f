// The statistics slice: Table 3's indicator values and the duty-log counts of the last 14 days
// (local days, by the server's clock), read again when what they count changes (reports,
// shelters, plans, entered values).
import type { ParamsOf } from '@contract/api';
import type { IndicatorValue, ReportCounts } from '@contract/stats';
import { DAY_MS, localDateString, parseLocalDate } from '@contract/yuexiu';
import { appSlice, serverNow } from '../app/app-slice';
import { defineSlice } from '../slice';
import { debounced } from './debounce';

export const COUNT_DAYS = 14;
/** How long a burst of changes is waited out before the slice reads again. */
export const RELOAD_AFTER_MS = 500;

export interface StatsState {
  indicators: readonly IndicatorValue[] | null;
  counts: ReportCounts | null;
}

/** The range counted: the last COUNT_DAYS local days, today included. */
export function countRange(nowMs: number): { from: number; to: number } {
  const to = parseLocalDate(localDateString(nowMs)) + DAY_MS;
  return { from: to - COUNT_DAYS * DAY_MS, to };
}

export const statsSlice = defineSlice({
  name: 'stats',
  loadAs: 'loadAll',
  initial: (): StatsState => ({ indicators: null, counts: null }),
  async load({ client, now, slice }) {
    const range = countRange(serverNow(slice(appSlice).store.getState(), now()));
    const [indicators, counts] = await Promise.all([client.call('stats.listIndicators', {}), client.call('stats.getReportCounts', range)]);
    return { indicators, counts };
  },
  events: {
    'stats.indicatorsChanged': ({ indicators }) => ({ indicators }),
  },
  // Live values count map objects (shelters), plans and duty reports: a change of any of them
  // reads everything again once its burst is over (through the load, so an older reply never wins).
  whileHeld: ({ client, reload }) => {
    const soon = debounced(() => void reload(), RELOAD_AFTER_MS);
    const offs = [client.on('map.objectsChanged', soon), client.on('plans.libraryChanged', soon), client.on('duty.logChanged', soon)];
    return () => {
      offs.forEach((off) => off());
      soon.cancel();
    };
  },
  commands: ({ client, set }) => ({
    saveIndicator: async (input: ParamsOf<'stats.saveIndicator'>) => {
      const indicators = await client.call('stats.saveIndicator', input);
      set({ indicators });
      return indicators;
    },
  }),
});
