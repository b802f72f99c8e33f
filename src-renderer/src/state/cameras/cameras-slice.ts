// The camera panels' slice: sources, tours and the running tour, from cameras.* and its event; and
// the viewer handshake of an RTSP camera, which the hub relays to its media engine (Janus).
import type { CameraSourceInput, CamerasState, CameraTourInput } from '@contract/cameras';
import { defineSlice } from '../slice';

export interface CamerasView {
  state: CamerasState | null;
}

export const camerasSlice = defineSlice({
  name: 'cameras',
  loadAs: 'loadAll',
  initial: (): CamerasView => ({ state: null }),
  load: async ({ client }) => ({ state: await client.call('cameras.get', {}) }),
  events: {
    'cameras.changed': (state) => ({ state }),
  },
  commands: ({ client, set }) => {
    const apply = (state: CamerasState): CamerasState => (set({ state }), state);
    return {
      saveSource: async (source: CameraSourceInput) => apply(await client.call('cameras.saveSource', { source })),
      removeSource: async (id: string) => apply(await client.call('cameras.removeSource', { id })),
      saveTour: async (tour: CameraTourInput) => apply(await client.call('cameras.saveTour', { tour })),
      removeTour: async (id: string) => apply(await client.call('cameras.removeTour', { id })),
      /** Runs a tour on the camera panels, or none (null): every enabled source. */
      runTour: async (id: string | null) => apply(await client.call('cameras.runTour', { id })),
      /** Starts watching an RTSP camera: the media engine's complete offer (null when refused). */
      watch: (id: string) => client.call('cameras.watch', { id }),
      /** Sends the tile's complete answer to that offer. */
      answerWatch: (watchId: string, sdp: string) => client.call('cameras.answerWatch', { watchId, answer: { type: 'answer', sdp } }),
      /** Ends a viewer session (the hub also ends it when the page's connection closes). */
      stopWatch: (watchId: string) => client.call('cameras.stopWatch', { watchId }),
    };
  },
});
