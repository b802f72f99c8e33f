// Reserve targets (储备目标): stock against how much each place should hold, as the statistics
// panel and the console's 物资 tab show it. Read again whenever stock or a target changes
// (materials.changed); commands set and remove a target as the app slice's acting person.
import type { Place, ReserveLine, ReserveTarget, ReserveTargetInput } from '@contract/materials';
import { appSlice } from '../app/app-slice';
import { defineSlice, type SliceTools } from '../slice';

export interface ReserveState {
  /** Every stock line and every target: short of target first, then met, then 未设目标. */
  lines: ReserveLine[];
  targets: ReserveTarget[];
}

/** The changes that move stock or targets (a request's approval or a threshold does not). */
const MOVES = new Set(['moved', 'adopted', 'dispatched', 'received', 'target']);

const read = async (t: SliceTools<ReserveState>): Promise<void> => void (await t.reload());

export const reserveSlice = defineSlice({
  name: 'reserve',
  loadAs: 'reserveLoad',
  initial: (): ReserveState => ({ lines: [], targets: [] }),
  load: async ({ client }) => {
    const { lines, targets } = await client.call('materials.listTargets', {});
    return { lines, targets };
  },
  events: {
    'materials.changed': (p, t) => {
      if (MOVES.has(p.change)) void read(t);
    },
  },
  commands: (t) => {
    const { client } = t;
    const by = (): string => t.slice(appSlice).store.getState().actorId ?? '';
    return {
      saveTarget: async (target: ReserveTargetInput) => {
        const saved = await client.call('materials.saveTarget', { target, by: by() });
        await t.reload();
        return saved;
      },
      removeTarget: async (place: Place, item: string, unit: string) => {
        const r = await client.call('materials.removeTarget', { place, item, unit, by: by() });
        await t.reload();
        return r;
      },
    };
  },
});

/** How the lines stand: targets set, short of target, and lines without one. */
export function reserveSummary(lines: readonly ReserveLine[]): { set: number; short: number; unset: number } {
  const set = lines.filter((l) => l.target !== null);
  return { set: set.length, short: set.filter((l) => (l.ratio ?? 0) < 1).length, unset: lines.length - set.length };
}
