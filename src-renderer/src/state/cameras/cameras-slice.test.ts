// The cameras slice: sources, tours and the running tour, read on every (re)open, followed by
// cameras.changed, changed by its commands; a refused removal shows under its name.
import { describe, expect, it } from 'vitest';
import type { CameraSource, CamerasState } from '@contract/cameras';
import { RpcError } from '@contract/errors';
import { fakeClient } from '../../test-kit/fake-client';
import { SliceHost } from '../slice';
import { camerasSlice } from './cameras-slice';

const source = (id: string): CameraSource => ({
  id,
  name: `camera ${id}`,
  kind: 'hls',
  url: `/media/${id}.m3u8`,
  street: null,
  position: null,
  watches: null,
  enabled: true,
});
const cameras = (ids: string[], activeTourId: string | null = null): CamerasState => ({
  sources: ids.map(source),
  tours: [{ id: 'tour-a', name: 'A', cameraIds: ids.slice(0, 1), tiles: 4, dwellSeconds: 20 }],
  activeTourId,
});

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the cameras slice', () => {
  it('reads the cameras when held on an open link, again after a reconnect, and follows cameras.changed', async () => {
    const fake = fakeClient({ 'cameras.get': () => cameras(['cam-1']) });
    const slice = new SliceHost(fake.client).get(camerasSlice);
    const release = slice.hold();
    expect(fake.calls).toHaveLength(0);
    fake.status('open');
    await tick();
    expect(slice.store.getState()).toMatchObject({ loaded: true, state: { sources: [{ id: 'cam-1' }] } });

    fake.emit('cameras.changed', cameras(['cam-1', 'cam-2']));
    expect(slice.store.getState().state?.sources).toHaveLength(2);

    fake.reply('cameras.get', () => cameras(['cam-3']));
    fake.status('closed');
    fake.status('open');
    await tick();
    expect(fake.calls.filter((c) => c.method === 'cameras.get')).toHaveLength(2);
    expect(slice.store.getState().state?.sources.map((s) => s.id)).toEqual(['cam-3']);
    release();
    expect(fake.listenerCount()).toBe(0);
  });

  it('applies what a command returns, and shows a refusal under the command’s name', async () => {
    const fake = fakeClient(
      {
        'cameras.get': () => cameras(['cam-1']),
        'cameras.runTour': ({ id }) => cameras(['cam-1'], id),
        'cameras.removeSource': () => Promise.reject(new RpcError(-32602, 'cam-1 is shown by tour A')),
      },
      { status: 'open' },
    );
    const slice = new SliceHost(fake.client, () => 42).get(camerasSlice);
    slice.hold();
    await tick();
    expect(await slice.commands.runTour('tour-a')).toMatchObject({ activeTourId: 'tour-a' });
    expect(slice.store.getState().state?.activeTourId).toBe('tour-a');
    expect(fake.calls.at(-1)).toEqual({ method: 'cameras.runTour', params: { id: 'tour-a' } });

    expect(await slice.commands.removeSource('cam-1')).toBeNull();
    expect(slice.store.getState().error).toEqual({ command: 'removeSource', message: 'cam-1 is shown by tour A', code: -32602, data: undefined, at: 42 });
    expect(slice.store.getState().state?.sources).toHaveLength(1);

    expect(await slice.commands.runTour(null)).toMatchObject({ activeTourId: null });
    expect(slice.store.getState().error).toMatchObject({ command: 'removeSource' }); // another command's success leaves it
  });
});
