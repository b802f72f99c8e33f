// Entry of the media engine (媒体引擎): Janus supervised by this process when switched on (the hub's
// `--janus`, or COMMAND_WALL_JANUS=1 for either host), its health (`media.getHealth` and the
// `media.healthChanged` event), and `streams`, which the cameras capability uses to give each RTSP
// camera a mountpoint and to relay its viewers' handshakes (handed over by app.ts); and the SFU of
// the whole-district consultation (`media.sfu*`, sfu.ts): a VideoRoom room per live sfu consultation.
import { join } from 'node:path';
import type { Capability, CapabilityDeps } from '../capability';
import type { CentreInfo } from '../contract/centre';
import { z } from 'zod';
import { STREET_PARTICIPANTS, type Consultation } from '../contract/consult';
import { RefusedError } from '../contract/errors';
import type { MediaHealth, mediaMethods } from '../contract/media';
import { readKv, writeKv } from '../kv';
import type { ConsultationsView } from '../shared/links';
import { JANUS_LIB_DIR } from './janus-config';
import { MediaEngine, type RtspMount } from './engine';
import { Recordings } from './recording';
import { SfuRooms } from './sfu';
import { JanusSupervisor } from './supervisor';

export type { RtspMount } from './engine';
export { janusConfigFiles, writeJanusConfig, JANUS_PLUGINS } from './janus-config';

export interface MediaOptions {
  /** Start and supervise Janus (off: `media.getHealth` says `disabled`, RTSP cameras cannot be watched). */
  janus: boolean;
  /** Default /usr/bin/janus. */
  binary?: string;
  /** Where Janus's plugins and transports are installed (Debian's folder by default). */
  libDir?: string;
  /** The Janus API's WebSocket port on 127.0.0.1; 0 (default) picks a free one at every start. */
  wsPort?: number;
  /** Addresses this host listens on (the hub's --host): media may use them too. */
  hostAddresses?: string[];
  /** RTP/RTCP ports for media (default 20000–40000). */
  rtpPorts?: [number, number];
}

/** The switch as either host reads it from its environment: COMMAND_WALL_JANUS=1 (or a path to the binary). */
export function mediaOptionsFromEnv(env: NodeJS.ProcessEnv): MediaOptions {
  const v = env.COMMAND_WALL_JANUS ?? '';
  if (v === '' || v === '0') return { janus: false };
  return v.startsWith('/') ? { janus: true, binary: v } : { janus: true };
}

/** What the cameras capability uses (app.ts hands it over). */
export interface CameraStreams {
  /** Every enabled RTSP camera, secrets included; replaces the previous list. */
  setMounts(mounts: RtspMount[]): void;
  watch(cameraId: string, connectionId: string | undefined): Promise<{ watchId: string; offer: { type: 'offer'; sdp: string } }>;
  answer(watchId: string, sdp: string, connectionId: string | undefined): Promise<void>;
  stopWatch(watchId: string, connectionId: string | undefined): void;
}

/**
 * This centre's link addresses (the hub's own --host addresses and the host of each link's hub URL
 * that is an IPv4 address), for ICE. Loopback is left out: Janus never gathers on it. None: Janus
 * uses every interface (a lone hub that has no links configured).
 */
export function linkAddresses(centre: CentreInfo | null, hostAddresses: string[] = []): string[] {
  const out = new Set<string>();
  const usable = (h: string): boolean => /^[0-9.]+$/.test(h) && h !== '0.0.0.0' && !h.startsWith('127.');
  for (const h of hostAddresses) if (usable(h)) out.add(h);
  for (const link of centre?.links ?? []) {
    try {
      const host = link.hubUrl ? new URL(link.hubUrl).hostname : '';
      if (usable(host)) out.add(host);
    } catch {
      // not a URL: no address from it
    }
  }
  return [...out];
}

export interface MediaLinks {
  /** This centre's configuration (its links' addresses keep the media on them). */
  centre(): CentreInfo;
  /** The consultations (invitations, mode, live), from the consultation capability. */
  consultations: ConsultationsView;
}

export function openMedia(deps: CapabilityDeps, options: MediaOptions, links: MediaLinks): Capability<typeof mediaMethods> & { streams: CameraStreams } {
  const { log, bus, now } = deps;
  let lastError: string | null = null;
  let last = '';
  const health = (): MediaHealth => {
    const s = supervisor?.current ?? { state: 'disabled' as const, pid: null, upSince: null, restarts: 0, lastError: null };
    return { ...s, lastError: s.lastError ?? lastError, mountpoints: engine.mountpoints };
  };
  /** Emits only real changes (the engine reports every step). */
  const changed = (): void => {
    const h = health();
    const key = JSON.stringify(h);
    if (key === last) return;
    last = key;
    bus.emit('media.healthChanged', h);
  };
  // Recording (recording.ts): the switch per consultation is kept in the store (it survives a hub restart).
  const recordingKey = (id: string): string => `media.recording:${id}`;
  const RecordingFlag = z.object({ on: z.boolean() });
  const recordings = new Recordings({
    root: join(deps.dataDir, 'recordings'),
    log,
    consultations: links.consultations,
    changed: (consultationId) => bus.emit('media.recordingsChanged', { consultationId }),
  });
  const recordingWanted = (id: string): boolean => readKv(deps.store, recordingKey(id), RecordingFlag, { on: false }).on;
  const sfu = new SfuRooms({
    log,
    connections: deps.connections,
    consultations: links.consultations,
    now,
    recordings: {
      wanted: recordingWanted,
      folder: (id) => recordings.folder(id),
      roomGone: (id) => void recordings.process(id),
    },
  });
  // A hub that died mid-call left .mjr files of consultations since ended: made playable now.
  recordings.recover();
  const liveSfu = (consultationId: string) => {
    const c = links.consultations.get(consultationId);
    if (!c || c.mode !== 'sfu' || !c.live)
      throw new RefusedError({
        zh: `consultationId：${consultationId} 不是进行中的全区（SFU）会商`,
        en: `consultationId: ${consultationId} is not a live sfu consultation`,
      });
    return c;
  };
  const engine = new MediaEngine(
    log,
    changed,
    (message) => {
      lastError = message;
      log.warn(`[media] ${message}`);
      changed();
    },
    sfu,
  );
  const dir = join(deps.dataDir, 'janus');
  const supervisor = options.janus
    ? new JanusSupervisor({
        binary: options.binary ?? '/usr/bin/janus',
        dir,
        wsPort: options.wsPort ?? 0,
        log,
        now,
        config: () => ({
          mediaAddresses: linkAddresses(links.centre(), options.hostAddresses),
          rtpPorts: options.rtpPorts ?? [20000, 40000],
          libDir: options.libDir ?? JANUS_LIB_DIR,
          recordingsDir: join(deps.dataDir, 'recordings'),
        }),
        onUp: (endpoint) => engine.connect(endpoint),
        onDown: () => engine.drop(),
        onHealth: changed,
        // The standby's connection, session and rooms opened while it waits: taking it over is a swap.
        onStandby: (endpoint) => engine.prepareStandby(endpoint),
        onStandbyGone: (endpoint) => engine.dropStandby(endpoint),
      })
    : null;
  // The hub's connection to Janus lost: the next Janus starts at once (its exit can be reported a second later).
  if (supervisor) engine.onLost = () => supervisor.lost();
  supervisor?.start();
  const stopListening = deps.connections.onClose((id) => (engine.connectionClosed(id), sfu.connectionClosed(id)));
  // A consultation started or ended (the consultation capability's event): its room is made or destroyed.
  const stopHearing = bus.onAny((event, payload) => event === 'consult.changed' && sfu.consultationChanged(payload as Consultation));

  return {
    streams: {
      setMounts: (mounts) => void engine.setMounts(mounts),
      watch: (cameraId, connectionId) => engine.watch(cameraId, connectionId),
      answer: (watchId, sdp, connectionId) => engine.answer(watchId, sdp, connectionId),
      stopWatch: (watchId, connectionId) => engine.stopWatch(watchId, connectionId),
    },
    handlers: {
      'media.getHealth': () => health(),
      'media.sfuJoin': ({ consultationId, participantId }, ctx) => sfu.join(ctx.connectionId, ctx.street, consultationId, participantId),
      'media.sfuPublish': (p, ctx) => sfu.publish(ctx.connectionId, p),
      'media.sfuSubscribe': (p, ctx) => sfu.subscribe(ctx.connectionId, p),
      'media.sfuAnswer': async ({ subscriptionId, answer }, ctx) => {
        await sfu.answer(ctx.connectionId, subscriptionId, answer);
        return { subscriptionId };
      },
      'media.sfuUnsubscribe': ({ subscriptionId }, ctx) => {
        sfu.unsubscribe(ctx.connectionId, subscriptionId);
        return { subscriptionId };
      },
      'media.sfuLeave': ({ consultationId, participantId }, ctx) => {
        sfu.leave(ctx.connectionId, consultationId, participantId);
        return { ok: true as const };
      },
      'media.getSfuRoom': ({ consultationId }) => sfu.view(consultationId),
      'media.setRecording': async ({ consultationId, recording }) => {
        liveSfu(consultationId);
        await deps.store.write((tx) => writeKv(tx, recordingKey(consultationId), { on: recording }, now()));
        await sfu.setRecording(consultationId, recording);
        bus.emit('media.recordingsChanged', { consultationId });
        return { consultationId, recording };
      },
      'media.listRecordings': ({ consultationId }, ctx) => {
        // A street machine lists only its own street's recordings.
        const own = ctx.street === undefined ? undefined : STREET_PARTICIPANTS.find((s) => s.name === ctx.street || s.id === ctx.street)?.id;
        const items = recordings.list(consultationId).filter((r) => ctx.street === undefined || r.participantId === own);
        return { consultationId, recording: recordingWanted(consultationId), items };
      },
      'media.sfuMute': async ({ consultationId, site, muted }) => ({ consultationId, muted: await sfu.mute(consultationId, site, muted) }),
    },
    async close() {
      stopListening();
      stopHearing();
      await supervisor?.stop();
      await recordings.close();
    },
  };
}
