// The wall in replay (复盘上墙), as a wall page reads it: whether the wall is in replay (the wall's
// own state, pushed in wall.changed) and, while it is, the district at that moment
// (replay.getAt), which the wall's replaying panels show instead of their live data, and the
// significant events up to that moment (replay.listEvents to it: the events board's view then).
// Read again whenever the wall's replay changes; the live slices are untouched.
import type { ReplayEvent, ReplayState } from '@contract/replay';
import type { WallReplay } from '@contract/wall';
import { defineSlice } from '../slice';
import { BOARD_LIMIT } from './replay-slice';

export interface WallReplayState {
  /** The wall's replay, null when live. */
  replay: WallReplay | null;
  /** The district at replay.at (null when live, or until it is read). */
  state: ReplayState | null;
  /** The significant events up to replay.at, newest first (null when live, or until read). */
  events: { events: ReplayEvent[]; total: number } | null;
}

const sameReplay = (a: WallReplay | null, b: WallReplay | null): boolean => a?.at === b?.at && a?.until === b?.until;

export const wallReplaySlice = defineSlice({
  name: 'wallReplay',
  loadAs: 'wallReplayLoad',
  initial: (): WallReplayState => ({ replay: null, state: null, events: null }),
  load: async (t) => {
    const { client } = t;
    const replay = (await client.call('wall.get', {})).replay ?? null;
    // The badge shows at once; the moment's data follows.
    t.set({ replay, ...(replay ? {} : { state: null, events: null }) });
    if (!replay) return { replay, state: null, events: null };
    const [state, events] = await Promise.all([
      client.call('replay.getAt', { at: replay.at }),
      client.call('replay.listEvents', { to: replay.at, limit: BOARD_LIMIT }),
    ]);
    return { replay, state, events };
  },
  events: {
    'wall.changed': (wall, t) => {
      const replay = wall.replay ?? null;
      if (sameReplay(replay, t.get().replay)) return;
      if (!replay) return { replay: null, state: null, events: null };
      void t.reload();
      return { replay };
    },
  },
});
