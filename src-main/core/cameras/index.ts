// Entry of camera feeds (实时监控): the stored sources and tours; playback is the renderer's. RTSP
// cameras are served by the media engine: `links.streams` (handed over by app.ts) gets every enabled
// RTSP camera for its mountpoints and relays each viewer's handshake.
import type { Capability, CapabilityDeps } from '../capability';
import type { camerasMethods } from '../contract/cameras';
import { RefusedError } from '../contract/errors';
import { CameraService, type RtspCamera } from './camera-service';

/** The media engine, as cameras sees it (media/index.ts `CameraStreams`). */
export interface CameraStreamsLink {
  setMounts(cameras: RtspCamera[]): void;
  watch(cameraId: string, connectionId: string | undefined): Promise<{ watchId: string; offer: { type: 'offer'; sdp: string } }>;
  answer(watchId: string, sdp: string, connectionId: string | undefined): Promise<void>;
  stopWatch(watchId: string, connectionId: string | undefined): void;
}

export async function openCameras(deps: CapabilityDeps, links: { streams?: CameraStreamsLink } = {}): Promise<Capability<typeof camerasMethods>> {
  const streams = links.streams;
  const svc = new CameraService(deps.store, deps.bus, deps.now, (cameras) => streams?.setMounts(cameras));
  const engine = (): CameraStreamsLink => {
    if (!streams)
      throw new RefusedError({
        zh: '本机没有媒体引擎，无法观看 RTSP 摄像机画面：请在主机上以 --janus 启动',
        en: 'this host has no media engine: RTSP cameras cannot be watched',
      });
    return streams;
  };
  return {
    handlers: {
      'cameras.get': () => svc.state(),
      'cameras.saveSource': ({ source }) => svc.saveSource(source),
      'cameras.removeSource': ({ id }) => svc.removeSource(id),
      'cameras.saveTour': ({ tour }) => svc.saveTour(tour),
      'cameras.removeTour': ({ id }) => svc.removeTour(id),
      'cameras.runTour': ({ id }) => svc.runTour(id),
      'cameras.watch': ({ id }, ctx) => engine().watch(id, ctx.connectionId),
      'cameras.answerWatch': async ({ watchId, answer }, ctx) => {
        await engine().answer(watchId, answer.sdp, ctx.connectionId);
        return { watchId };
      },
      'cameras.stopWatch': ({ watchId }, ctx) => {
        engine().stopWatch(watchId, ctx.connectionId);
        return { watchId };
      },
    },
  };
}
