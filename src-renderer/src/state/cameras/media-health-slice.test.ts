// The media engine's health on the console: read on open, followed by media.healthChanged.
import { describe, expect, it } from 'vitest';
import type { MediaHealth } from '@contract/media';
import { fakeClient } from '../../test-kit/fake-client';
import { SliceHost } from '../slice';
import { camerasSlice } from './cameras-slice';
import { mediaHealthSlice } from './media-health-slice';

const health = (state: MediaHealth['state'], restarts = 0): MediaHealth => ({
  state,
  pid: state === 'running' ? 4242 : null,
  upSince: state === 'running' ? 1_000 : null,
  restarts,
  lastError: restarts > 0 ? 'Janus exited (SIGKILL)' : null,
  mountpoints: { ready: 0, wanted: 1 },
});
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('the media health slice', () => {
  it('reads the health when held on an open link and follows media.healthChanged', async () => {
    const fake = fakeClient({ 'media.getHealth': () => health('starting') }, { status: 'open' });
    const slice = new SliceHost(fake.client).get(mediaHealthSlice);
    const release = slice.hold();
    await tick();
    expect(slice.store.getState().health).toMatchObject({ state: 'starting' });
    fake.emit('media.healthChanged', health('restarting', 1));
    expect(slice.store.getState().health).toMatchObject({ state: 'restarting', restarts: 1, lastError: 'Janus exited (SIGKILL)' });
    release();
    expect(fake.listenerCount()).toBe(0);
  });
});

describe('the RTSP viewer handshake through the cameras slice', () => {
  it('asks the hub for the offer, answers it, ends it; a refusal resolves to null and names the command', async () => {
    const fake = fakeClient(
      {
        'cameras.get': () => ({ sources: [], tours: [], activeTourId: null }),
        'cameras.watch': ({ id }) =>
          id === 'cam-rtsp'
            ? { watchId: 'w-1', offer: { type: 'offer' as const, sdp: 'v=0…' } }
            : Promise.reject(new Error('camera x is not an enabled RTSP camera')),
        'cameras.answerWatch': ({ watchId }) => ({ watchId }),
        'cameras.stopWatch': ({ watchId }) => ({ watchId }),
      },
      { status: 'open' },
    );
    const slice = new SliceHost(fake.client).get(camerasSlice);
    expect(await slice.commands.watch('cam-rtsp')).toEqual({ watchId: 'w-1', offer: { type: 'offer', sdp: 'v=0…' } });
    expect(await slice.commands.answerWatch('w-1', 'v=0 answer')).toEqual({ watchId: 'w-1' });
    expect(fake.calls.at(-1)).toEqual({ method: 'cameras.answerWatch', params: { watchId: 'w-1', answer: { type: 'answer', sdp: 'v=0 answer' } } });
    expect(await slice.commands.stopWatch('w-1')).toEqual({ watchId: 'w-1' });
    expect(await slice.commands.watch('x')).toBeNull();
    expect(slice.store.getState().error).toMatchObject({ command: 'watch' });
  });
});
