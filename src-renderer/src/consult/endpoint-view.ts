// What a consultation endpoint shows (its view, reported to whoever runs it) and what each of its
// parts (local media, signalling, the remotes, the stats) shares: the view, the clock and the log.
import type { Consultation, Layout, LinkStats, Presence } from '@contract/consult';
import type { SocketState } from '../client/dual-hub';
import type { LinkId } from './link-health';

export type Phase = 'idle' | 'waiting' | 'joining' | 'in-call' | 'left' | 'error';

/** What a remote's tile shows about its picture (as a camera tile does). */
export type TileState = 'connecting' | 'playing' | 'stalled' | 'reconnecting';

export interface RemoteView {
  id: string;
  name: string;
  shown: LinkId | null;
  A: LinkStats;
  B: LinkStats;
  /** Milliseconds from joining (ours, or the remote's if it came later) to this remote's first frame. */
  firstFrameMs: number | null;
  /** Local address carrying each link's connection (in single mode: whichever network ICE chose). */
  paths: Record<LinkId, string | null>;
  /** Set by the SFU endpoint; a mesh tile's state is read from its links (RemoteTile). */
  state?: TileState;
}

export interface Device {
  id: string;
  label: string;
}

export interface EndpointView {
  phase: Phase;
  consultation: Consultation | null;
  presence: Presence | null;
  signalling: Record<LinkId, SocketState>;
  remotes: RemoteView[];
  muted: boolean;
  cameraOff: boolean;
  sharing: boolean;
  layout: Layout;
  focus: string | null;
  activeSpeaker: string | null;
  /** Effective: the consultation's setting, the console's override, or power.conserve. */
  lowBandwidth: boolean;
  conserve: boolean;
  cameras: Device[];
  mics: Device[];
  cameraId: string | null;
  micId: string | null;
  localStream: MediaStream | null;
  error: string | null;
  /** An sfu consultation's room on the media engine as this endpoint last heard it (the SFU endpoint only). */
  room?: { ready: boolean; epoch: number } | null;
}

export function initialView(): EndpointView {
  return {
    phase: 'idle',
    consultation: null,
    presence: null,
    signalling: { A: 'off', B: 'off' },
    remotes: [],
    muted: false,
    cameraOff: false,
    sharing: false,
    layout: 'grid',
    focus: null,
    activeSpeaker: null,
    lowBandwidth: false,
    conserve: false,
    cameras: [],
    mics: [],
    cameraId: null,
    micId: null,
    localStream: null,
    error: null,
  };
}

/** What every part of an endpoint works with: who we are, its clock, its view and its log. */
export interface EndpointCore {
  readonly me: string;
  now(): number;
  view(): EndpointView;
  set(patch: Partial<EndpointView>): void;
  log(msg: string): void;
}
