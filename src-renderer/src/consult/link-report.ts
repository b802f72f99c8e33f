// What an endpoint measures and tells: its clocks (a tick ten times a second for the 1+1 policy,
// a stats sample every second), each remote's links as the view shows them, the active speaker,
// and the status it reports to the hub once a second.
import type { EndpointStatus } from '@contract/consult';
import type { EndpointView, RemoteView } from './endpoint-view';
import { SpeakerPicker, type LinkId } from './link-health';
import type { RemoteParticipant } from './remote';

export const STATS_EVERY_MS = 1000;
export const TICK_EVERY_MS = 100;
/** A timer that fires this late means the page was not running: give queued events time to land. */
const STALL_GRACE_MS = 300;

/** Whether the page has been running long enough since it last stalled to judge a silent link. */
export class StallGuard {
  private lastTick = 0;
  private judgeAfter = 0;

  /** Called on every tick; true when silence now means something. */
  judge(now: number): boolean {
    const slept = now - this.lastTick > STALL_GRACE_MS;
    this.lastTick = now;
    // After the page itself stalled (a busy main thread, a throttled tab), frames and heartbeats
    // that did arrive are still queued behind this timer: judge nobody until they are counted.
    if (slept) this.judgeAfter = now + STALL_GRACE_MS;
    return now >= this.judgeAfter;
  }
}

/** Samples every remote's connections; gives who is speaking now. */
export class StatsSampler {
  private readonly speaker = new SpeakerPicker();

  async sample(remotes: () => RemoteParticipant[], now: () => number): Promise<string | null> {
    await Promise.all(remotes().map((r) => r.sampleStats()));
    // The remotes after the wait: one may have come or gone meanwhile.
    const levels = new Map<string, number | null>();
    for (const r of remotes()) levels.set(r.id, r.audioLevel);
    return this.speaker.update(levels, now());
  }
}

/** The remotes as the view shows them. */
export function remoteViews(remotes: RemoteParticipant[], joinStartedAt: number | null): RemoteView[] {
  return remotes.map((r) => ({
    id: r.id,
    name: r.name,
    shown: r.shown,
    A: r.linkStats('A'),
    B: r.linkStats('B'),
    // From the moment both sides are in the call: our join, or the remote's arrival if later.
    firstFrameMs: r.firstFrameAt !== null && joinStartedAt !== null ? Math.max(0, Math.round(r.firstFrameAt - Math.max(joinStartedAt, r.since))) : null,
    paths: { A: r.path('A'), B: r.path('B') },
  }));
}

/** What the hub is told of this endpoint (consoles show it), or null outside a call. */
export function statusReport(v: EndpointView, me: string, session: string, at: number): EndpointStatus | null {
  const c = v.consultation;
  if (!c || v.phase !== 'in-call') return null;
  const sig = (l: LinkId): EndpointStatus['signalling']['A'] => v.signalling[l];
  return {
    consultationId: c.id,
    participantId: me,
    session,
    at,
    mode: c.mode,
    signalling: { A: sig('A'), B: sig('B') },
    muted: v.muted,
    cameraOff: v.cameraOff,
    lowBandwidth: v.lowBandwidth,
    layout: v.layout,
    focus: v.focus,
    activeSpeaker: v.activeSpeaker,
    cameras: v.cameras,
    mics: v.mics,
    cameraId: v.cameraId,
    micId: v.micId,
    remotes: v.remotes.slice(0, 6).map((r) => ({ id: r.id, shown: r.shown, A: r.A, B: r.B })),
  };
}
