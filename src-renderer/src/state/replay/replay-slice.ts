// Replay (复盘) in the renderer: the significant-events board (重大事件看板, newest first, read
// again whenever any of its sources changes) and the console's replay of one incident (the
// incidents with their spans, the district as it was at the moment chosen, the after-action
// report). The live wall never reads the replay slice: only the console's 复盘 tab holds it.
import type { FileDownload } from '@contract/primitives';
import type { Incident, ReplayEvent, ReplayState } from '@contract/replay';
import { defineSlice, type SliceTools } from '../slice';

/** How many events the board reads (the wall shows what fits, then 另有 N 项). */
export const BOARD_LIMIT = 60;

export interface EventsBoardState {
  events: ReplayEvent[];
  /** Every event of the window, read or not. */
  total: number;
}

/** Any change of a source: read the board again. */
const again = (_p: unknown, t: SliceTools<EventsBoardState>): void => void t.reload();

export const eventsBoardSlice = defineSlice({
  name: 'eventsBoard',
  loadAs: 'eventsBoardLoad',
  initial: (): EventsBoardState => ({ events: [], total: 0 }),
  load: ({ client }) => client.call('replay.listEvents', { limit: BOARD_LIMIT }),
  events: {
    'duty.logChanged': again,
    'plans.responseChanged': again,
    'tasks.changed': again,
    'teams.changed': again,
    'materials.changed': again,
    'reporting.changed': again,
    'warnings.changed': again,
  },
});

export interface ReplayConsoleState {
  incidents: Incident[];
  /**
   * The server's clock when the incidents were read (the live end of an active one). Not `asOf`:
   * that is every slice's own "last known current" (SliceMeta), and shares the store.
   */
  readAt: number | null;
  /** The moment shown, and the district then (null before the first seek). */
  at: number | null;
  state: ReplayState | null;
  /** The events up to the moment shown (newest first). */
  events: ReplayEvent[];
}

export const replaySlice = defineSlice({
  name: 'replay',
  loadAs: 'replayLoad',
  initial: (): ReplayConsoleState => ({ incidents: [], readAt: null, at: null, state: null, events: [] }),
  load: async ({ client }) => {
    const r = await client.call('replay.listIncidents', { limit: 50 });
    return { incidents: r.incidents, readAt: r.asOf };
  },
  commands: (t) => {
    const { client } = t;
    let asked = 0;
    return {
      /** Shows the district at `at` (a slower earlier answer never overwrites a later one). */
      seekReplay: async (at: number, from?: number) => {
        const mine = ++asked;
        const [state, board] = await Promise.all([
          client.call('replay.getAt', { at }),
          client.call('replay.listEvents', { from: from ?? 0, to: at, limit: 200 }),
        ]);
        if (mine === asked) t.set({ at, state, events: board.events });
        return state;
      },
      /** The after-action report (复盘报告) of one response, as .docx. */
      exportAfterAction: (responseId: string): Promise<FileDownload> => client.call('replay.exportReport', { responseId }),
    };
  },
});
