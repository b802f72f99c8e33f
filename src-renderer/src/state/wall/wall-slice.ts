// The wall's presets, the preset each display shows, the room (type scale) and alarm-to-preset.
import type { WallPreset, WallSettings, WallState } from '@contract/schemas';
import { defineSlice } from '../slice';

export const wallSlice = defineSlice({
  name: 'wall',
  loadAs: 'loadAll',
  initial: (): { wall: WallState | null } => ({ wall: null }),
  load: async ({ client }) => ({ wall: await client.call('wall.get', {}) }),
  events: {
    'wall.changed': (wall) => ({ wall }),
  },
  commands: ({ client, set }) => {
    const apply = (wall: WallState): WallState => (set({ wall }), wall);
    return {
      activatePreset: async (display: number, presetId: string) => apply(await client.call('wall.activate', { display, presetId })),
      savePreset: async (preset: WallPreset) => apply(await client.call('wall.savePreset', { preset })),
      deletePreset: async (id: string) => apply(await client.call('wall.removePreset', { id })),
      saveWallSettings: async (patch: Partial<WallSettings>) => apply(await client.call('wall.saveSettings', { patch })),
      /** Every open alarm when no key is given; the wall goes back when none is left. */
      acknowledgeWallAlarm: async (key?: string) => apply(await client.call('wall.acknowledgeAlarm', key === undefined ? {} : { key })),
      /** The whole wall shows the district at `at` (复盘上墙) until taken off or its return time. */
      startWallReplay: async (at: number) => apply(await client.call('wall.startReplay', { at })),
      endWallReplay: async () => apply(await client.call('wall.endReplay', {})),
    };
  },
});
