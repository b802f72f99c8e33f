// The media engine's (Janus) health for the console: read on every (re)open, then followed by
// media.healthChanged. The console's camera section shows it beside the RTSP cameras it serves.
import type { MediaHealth } from '@contract/media';
import { defineSlice } from '../slice';

export interface MediaHealthView {
  health: MediaHealth | null;
}

export const mediaHealthSlice = defineSlice({
  name: 'mediaHealth',
  loadAs: 'loadMediaHealth',
  initial: (): MediaHealthView => ({ health: null }),
  load: async ({ client }) => ({ health: await client.call('media.getHealth', {}) }),
  events: {
    'media.healthChanged': (health) => ({ health }),
  },
});
