// The warnings slice: active warnings and the feed's status, recent history, the current 三防
// response level (from the plan library's active 三防 responses), and an alarm counter that goes
// up whenever a warning is issued or raised while the page is open (the header sounds on it).
import type { ParamsOf, PayloadOf } from '@contract/api';
import type { Response } from '@contract/plans';
import type { FeedStatus, WarningHistoryEntry, WarningsState } from '@contract/warnings';
import { defineSlice, type SliceTools } from '../slice';
import { nextAlarm, sanfangLevel, upsertResponse, type Alarm, type SanfangLevel } from './warnings-merge';

export type { Alarm, SanfangLevel } from './warnings-merge';

export const HISTORY_SHOWN = 30;
/** Active responses read to find the 三防 level (the contract's most). */
const RESPONSES_READ = 200;

export interface WarningsView {
  state: WarningsState | null;
  history: readonly WarningHistoryEntry[];
  /** The active responses of the plan library, kept fresh by plans.responseChanged. */
  responses: readonly Response[];
  sanfang: SanfangLevel | null;
  alarm: Alarm | null;
  /** The warnings.changed payload the alarm last counted: a replay of it onto a load's reply
   *  (slice.ts) applies its state again but does not sound twice. */
  heard: PayloadOf<'warnings.changed'> | null;
}

type Tools = SliceTools<WarningsView>;

const readHistory = async ({ client, set }: Tools): Promise<WarningHistoryEntry[]> => {
  const history = await client.call('warnings.listHistory', { limit: HISTORY_SHOWN });
  set({ history });
  return history;
};

/** A command's reply, unless a pushed change newer than it was heard first. */
const applyState = ({ set }: Tools, state: WarningsState): WarningsState => {
  set((s) => (s.state && s.state.asOf > state.asOf ? {} : { state }));
  return state;
};

const applyFeed = ({ set }: Tools, feed: FeedStatus): FeedStatus => {
  set((s) => (s.state ? { state: { ...s.state, feed } } : {}));
  return feed;
};

export const warningsSlice = defineSlice({
  name: 'warnings',
  loadAs: 'loadAll',
  initial: (): WarningsView => ({ state: null, history: [], responses: [], sanfang: null, alarm: null, heard: null }),
  async load({ client }) {
    const [state, history, responses] = await Promise.all([
      client.call('warnings.get', {}),
      client.call('warnings.listHistory', { limit: HISTORY_SHOWN }),
      client.call('plans.listResponses', { status: 'active', limit: RESPONSES_READ }),
    ]);
    return { state, history, responses, sanfang: sanfangLevel(responses) };
  },
  events: {
    'warnings.changed': (payload, t) => {
      if (payload.changes.length > 0) void t.run('listHistory', () => readHistory(t));
      const s = t.get();
      if (s.heard === payload) return { state: payload.state };
      return { state: payload.state, alarm: nextAlarm(s.alarm, payload.changes), heard: payload };
    },
    'plans.responseChanged': ({ response }, { get }) => {
      const responses = upsertResponse(get().responses, response);
      return { responses, sanfang: sanfangLevel(responses) };
    },
  },
  commands: (t) => ({
    /** Applies a CAP file; resolves its outcomes (and the warnings after it). */
    importCap: async (xml: string, fileName: string) => {
      const result = await t.client.call('warnings.importCap', { xml, fileName });
      applyState(t, result.state);
      return result;
    },
    /** Ends an active warning by hand, with a reason kept in the history. */
    cancel: async (id: string, reason: string) => applyState(t, await t.client.call('warnings.cancel', { id, reason })),
    /** Sets (or clears, with null) the intranet feed the hub polls. */
    setFeed: async (feed: ParamsOf<'warnings.setFeed'>['feed']) => applyFeed(t, await t.client.call('warnings.setFeed', { feed })),
    pollNow: async () => applyFeed(t, await t.client.call('warnings.pollNow', {})),
    /** Reads the recent history again (the last HISTORY_SHOWN changes). */
    listHistory: () => readHistory(t),
  }),
});
