// This centre: its name, level and the links street centres reach it on.
import type { CentreInfo } from '@contract/schemas';
import { defineSlice } from '../slice';

export const centreSlice = defineSlice({
  name: 'centre',
  loadAs: 'loadAll',
  initial: (): { centre: CentreInfo | null } => ({ centre: null }),
  load: async ({ client }) => ({ centre: await client.call('centre.get', {}) }),
  events: {
    'centre.changed': (centre) => ({ centre }),
  },
  commands: ({ client, set }) => ({
    updateCentre: async (centre: CentreInfo) => {
      const saved = await client.call('centre.save', { centre });
      set({ centre: saved });
      return saved;
    },
  }),
});
