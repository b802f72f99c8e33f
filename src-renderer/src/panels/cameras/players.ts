// Players for camera sources: HLS through hls.js (its transmuxing worker loaded from our own
// files, so the page policy needs no blob: workers), WebRTC WHEP (one POST of an SDP offer), and
// RTSP cameras as WebRTC from the hub's media engine (Janus), whose handshake the hub relays.
// A player only plays and reports whether its source still looks live; the tile decides states.
// The light build: no subtitles, alternate audio, DRM or CMCD, which camera encoders never use,
// and 40% less code to parse on a wall that is starting.
import Hls from 'hls.js/light';
import hlsWorkerUrl from 'hls.js/dist/hls.worker.js?url';
import type { CameraKind } from '@contract/cameras';

export interface Player {
  /** The source still looks live (HLS: its playlist grew lately; WebRTC: the connection holds and frames keep arriving). */
  fresh(now: number): boolean;
  destroy(): void;
}

/** What a tile remembers of its source across reconnects (the live edge it last saw). */
export interface SourceMemory {
  lastSequence: number;
  changedAt: number;
}

export class UnsupportedError extends Error {}

function hlsPlayer(video: HTMLVideoElement, url: string, memory: SourceMemory): Player {
  if (!Hls.isSupported()) throw new UnsupportedError('this browser has no Media Source Extensions for HLS');
  let targetMs = 2000;
  let ended = false;
  const hls = new Hls({
    workerPath: hlsWorkerUrl,
    enableWorker: true,
    // A wall shows the present: stay near the live edge. Trimming what lies behind it in 30 s
    // steps keeps a wall that runs for days bounded without buffer work on every segment.
    liveSyncDurationCount: 2,
    maxBufferLength: 8,
    backBufferLength: 30,
    // Camera streams are plain live HLS with one rendition: no low-latency parts, no bandwidth test.
    lowLatencyMode: false,
    testBandwidth: false,
    manifestLoadingMaxRetry: 1,
    levelLoadingMaxRetry: 2,
    fragLoadingMaxRetry: 2,
  });
  hls.on(Hls.Events.LEVEL_LOADED, (_e, data) => {
    const d = data.details;
    targetMs = d.targetduration * 1000;
    ended = !d.live;
    if (d.endSN !== memory.lastSequence) {
      memory.lastSequence = d.endSN;
      memory.changedAt = Date.now();
    }
  });
  hls.on(Hls.Events.MANIFEST_PARSED, () => void video.play().catch(() => undefined));
  hls.attachMedia(video);
  hls.loadSource(url);
  return {
    fresh: (now) => !ended && now - memory.changedAt < Math.max(3 * targetMs, 6000),
    destroy: () => hls.destroy(),
  };
}

/** A WebRTC picture with no new frame decoded for this long is not live. */
const FRAME_GAP_MS = 3000;

function whepPlayer(video: HTMLVideoElement, url: string): Player {
  if (typeof RTCPeerConnection === 'undefined') throw new UnsupportedError('this browser has no WebRTC');
  // The hall's cameras are on the intranet: host candidates suffice, no STUN/TURN on the internet.
  const pc = new RTCPeerConnection({ iceServers: [] });
  pc.addTransceiver('video', { direction: 'recvonly' });
  pc.addTransceiver('audio', { direction: 'recvonly' });
  const stream = new MediaStream();
  // The endpoint may be given relative to the page (a camera gateway on the hub's own host); the
  // session's Location is relative to the endpoint.
  const endpoint = new URL(url, location.href);
  let session: URL | null = null;
  let failed = false;
  let destroyed = false;
  /** Ends the session at the endpoint, so a camera with few viewer slots gets its slot back. */
  const endSession = (): void => {
    if (session) void fetch(session, { method: 'DELETE' }).catch(() => undefined);
    session = null;
  };
  // A picture that stops while the connection holds (an encoder that hangs) must not pass for
  // live: the video element's clock runs on regardless, so count the frames actually decoded.
  let framesDecoded = -1;
  let frameAt = Date.now();
  const frames = setInterval(() => {
    pc.getStats()
      .then((stats) =>
        stats.forEach((r: { type: string; kind?: string; framesDecoded?: number }) => {
          if (r.type !== 'inbound-rtp' || r.kind !== 'video' || r.framesDecoded === framesDecoded) return;
          framesDecoded = r.framesDecoded ?? -1;
          frameAt = Date.now();
        }),
      )
      .catch(() => undefined); // closed meanwhile: the tile is going away
  }, 1000);
  pc.ontrack = (e) => {
    stream.addTrack(e.track);
    video.srcObject = stream;
    void video.play().catch(() => undefined);
  };
  void (async () => {
    await pc.setLocalDescription(await pc.createOffer());
    // Wait (briefly) for host candidates so the offer carries them: WHEP has no trickle by default.
    await new Promise<void>((resolve) => {
      if (pc.iceGatheringState === 'complete') return resolve();
      const t = setTimeout(resolve, 1500);
      pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && (clearTimeout(t), resolve()));
    });
    const res = await fetch(endpoint, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: pc.localDescription!.sdp });
    if (!res.ok) throw new Error(`WHEP endpoint answered ${res.status}`);
    const where = res.headers.get('Location');
    session = where ? new URL(where, endpoint) : null;
    // Torn down while the offer was on its way (a tour moved on): end the session it opened.
    if (destroyed) return endSession();
    await pc.setRemoteDescription({ type: 'answer', sdp: await res.text() });
  })().catch(() => (failed = true));
  return {
    fresh: (now) => !failed && !['failed', 'closed', 'disconnected'].includes(pc.connectionState) && now - frameAt < FRAME_GAP_MS,
    destroy: () => {
      destroyed = true;
      clearInterval(frames);
      pc.close();
      endSession();
    },
  };
}

/** The hub's relay of a viewer handshake with its media engine (the cameras slice's commands; null: refused). */
export interface WatchRelay {
  watch(id: string): Promise<{ watchId: string; offer: { type: 'offer'; sdp: string } } | null>;
  answerWatch(watchId: string, sdp: string): Promise<unknown>;
  stopWatch(watchId: string): Promise<unknown>;
}

/**
 * Marks a moment of a camera's (re)start (cw.camera.<id>.<what>) for the browser's performance
 * panel and the RTSP e2e test; only the latest of each is kept (a wall runs for days).
 */
export function markCamera(id: string, what: 'start' | 'offer' | 'gathered' | 'answered' | 'frame'): void {
  const name = `cw.camera.${id}.${what}`;
  performance.clearMarks(name);
  performance.mark(name);
}

/** An RTSP picture with no new frame presented for this long is not live (the tile says stalled). */
const RTSP_FRAME_GAP_MS = 1500;

/**
 * An RTSP camera through the media engine: the hub asks Janus for an offer (cameras.watch), the
 * tile answers once its ICE gathering is complete (no trickle on the hall's network), and the hub
 * ends the session when the tile stops or the page goes. Live means frames presented lately
 * (requestVideoFrameCallback), so a camera that stops sending shows stalled even though the
 * connection to Janus holds.
 */
function janusPlayer(video: HTMLVideoElement, cameraId: string, relay: WatchRelay, onFrame: () => void): Player {
  if (typeof RTCPeerConnection === 'undefined') throw new UnsupportedError('this browser has no WebRTC');
  const pc = new RTCPeerConnection({ iceServers: [] });
  const stream = new MediaStream();
  let watchId: string | null = null;
  let failed = false;
  let destroyed = false;
  let frameAt = 0;
  let frameCallback = 0;
  const onVideoFrame = (): void => {
    if (destroyed) return;
    if (frameAt === 0) markCamera(cameraId, 'frame');
    frameAt = Date.now();
    onFrame();
    frameCallback = video.requestVideoFrameCallback(onVideoFrame);
  };
  frameCallback = video.requestVideoFrameCallback(onVideoFrame);
  pc.ontrack = (e) => {
    stream.addTrack(e.track);
    video.srcObject = stream;
    void video.play().catch(() => undefined);
  };
  void (async () => {
    const watch = await relay.watch(cameraId);
    if (!watch) throw new Error('refused');
    watchId = watch.watchId;
    markCamera(cameraId, 'offer');
    if (destroyed) return void relay.stopWatch(watch.watchId);
    await pc.setRemoteDescription(watch.offer);
    await pc.setLocalDescription(await pc.createAnswer());
    await new Promise<void>((resolve) => {
      if (pc.iceGatheringState === 'complete') return resolve();
      const t = setTimeout(resolve, 1500);
      pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && (clearTimeout(t), resolve()));
    });
    if (destroyed) return;
    markCamera(cameraId, 'gathered');
    if ((await relay.answerWatch(watch.watchId, pc.localDescription!.sdp)) === null) throw new Error('refused');
    markCamera(cameraId, 'answered');
  })().catch(() => (failed = true));
  return {
    fresh: (now) => !failed && !['failed', 'closed'].includes(pc.connectionState) && now - frameAt < RTSP_FRAME_GAP_MS,
    destroy: () => {
      destroyed = true;
      video.cancelVideoFrameCallback(frameCallback);
      pc.close();
      if (watchId) void relay.stopWatch(watchId);
      watchId = null;
    },
  };
}

export interface PlayerSource {
  id: string;
  kind: CameraKind;
  url: string;
}

/** Starts the player for a source; `onFrame` hears every frame an RTSP picture presents. */
export function startPlayer(source: PlayerSource, video: HTMLVideoElement, memory: SourceMemory, relay: WatchRelay, onFrame: () => void): Player {
  switch (source.kind) {
    case 'hls':
      return hlsPlayer(video, source.url, memory);
    case 'whep':
      return whepPlayer(video, source.url);
    case 'rtsp':
      return janusPlayer(video, source.id, relay, onFrame);
  }
}
