// Link health from what actually arrives, not from ICE states: Chromium 156 keeps reporting
// "connected" for seconds after a link dies. Each link's connection is judged by its rendered
// frames (requestVideoFrameCallback) and a heartbeat on its data channel; its RTT, bitrate and
// loss come from getStats. Pure functions and small classes, unit-tested.
import { LinkId as LinkIds } from '@contract/centre';
import type { LinkState } from '@contract/consult';

export type LinkId = (typeof LinkIds.options)[number];
/** The two links, as the contract names them. */
export const LINK_IDS: readonly LinkId[] = LinkIds.options;

/** Timings of the 1+1 policy (see the README's measurements). */
export const POLICY = {
  /** No frame or heartbeat for this long: the connection is dead; close it. */
  deadAfterMs: 1000,
  /** A new connection that shows no frame within this long is given up and built again. */
  connectTimeoutMs: 2500,
  /**
   * When every link to a remote falls silent at once, the remote itself (or this page) is stalled,
   * or all links are cut: rebuilding would not help, so connections are kept this long first.
   */
  allSilentMs: 5000,
  /** "Flowing now": a frame or heartbeat this recent (heartbeats come every 200 ms). */
  flowingWithinMs: 450,
  /** At the start, the second link's first connection waits at most this long for the first's. */
  joinStaggerMs: 600,
  /** A dead link's connection is rebuilt at most this often. */
  retryEveryMs: 2000,
  /** Heartbeats on each connection's data channel. */
  heartbeatMs: 200,
  /**
   * Shown link: switch away when its newest frame is older than stallFactor × frame interval plus
   * jitterFactor × the frames' jitter… Both links carry the same pictures, so a switch between
   * two live links shows nothing; waiting costs a visible freeze. Measured at 20 fps on a loaded
   * machine, 1.5 intervals + 3 × jitter gave gaps of 200–233 ms at the median; 1.25 + 2 × jitter
   * is what the failover bench now measures.
   */
  stallFactor: 1.25,
  jitterFactor: 2,
  /** …but never sooner than this (jitter) nor later than this. */
  stallMinMs: 60,
  stallMaxMs: 250,
} as const;

/** Rendered frames of one video element: the newest one, a smoothed frame interval and its jitter. */
export class FrameClock {
  lastAt: number | null = null;
  count = 0;
  /** Smoothed interval between frames, ms (starts at 50 ms: 20 fps). */
  intervalMs = 50;
  /** Smoothed deviation of the interval, ms: a loaded machine renders unevenly. */
  jitterMs = 0;

  frame(at: number): void {
    if (this.lastAt !== null) {
      const d = at - this.lastAt;
      // Ignore outages when learning the frame rate: they are not the rate.
      if (d > 0 && d < 500) {
        this.jitterMs = this.jitterMs * 0.9 + Math.abs(d - this.intervalMs) * 0.1;
        this.intervalMs = this.intervalMs * 0.9 + d * 0.1;
      }
    }
    this.lastAt = at;
    this.count++;
  }

  ageMs(now: number): number {
    return this.lastAt === null ? Infinity : now - this.lastAt;
  }

  /** How old the newest frame may get before this picture counts as stalled. */
  stallMs(): number {
    return stallThresholdMs(this.intervalMs, this.jitterMs);
  }

  reset(): void {
    this.lastAt = null;
    this.count = 0;
  }
}

/**
 * 1.5 frame intervals, plus three times the jitter (as TCP sets its retransmission timer), so an
 * evenly rendered picture switches within about a frame and an unevenly rendered one does not
 * flap between links at every late frame.
 */
export function stallThresholdMs(intervalMs: number, jitterMs = 0): number {
  return Math.min(POLICY.stallMaxMs, Math.max(POLICY.stallMinMs, intervalMs * POLICY.stallFactor + POLICY.jitterFactor * jitterMs));
}

/**
 * Which link to show: keep the shown one while it is fresh; when its newest frame is older than
 * the stall threshold and the other link's is newer, take the other. With nothing shown yet, the
 * link with the newest frame. Called on every rendered frame, so a switch happens within about
 * one frame interval of the stall.
 */
export function chooseShown(shown: LinkId | null, clocks: Partial<Record<LinkId, FrameClock>>, now: number): LinkId | null {
  const age = (l: LinkId): number => clocks[l]?.ageMs(now) ?? Infinity;
  const candidates = LINK_IDS.filter((l) => clocks[l] && age(l) !== Infinity);
  if (candidates.length === 0) return shown;
  const freshest = candidates.reduce((a, b) => (age(b) < age(a) ? b : a));
  if (shown === null || !clocks[shown]) return freshest;
  const stall = clocks[shown]!.stallMs();
  if (age(shown) > stall && age(freshest) < age(shown)) return freshest;
  return shown;
}

/** What a link's connection is doing, from its timestamps. */
export interface LegTimes {
  /** When this connection was created; null when there is none. */
  createdAt: number | null;
  lastFrameAt: number | null;
  lastBeatAt: number | null;
}

/**
 * up: frames within the dead-after window; stalled: heartbeats but no frames (camera off or a
 * frozen encoder); connecting: new, nothing yet; down: nothing for deadAfterMs (or no connection).
 */
export function legState(t: LegTimes, now: number): LinkState {
  if (t.createdAt === null) return 'down';
  const frame = t.lastFrameAt !== null && t.lastFrameAt >= t.createdAt ? now - t.lastFrameAt : Infinity;
  const beat = t.lastBeatAt !== null && t.lastBeatAt >= t.createdAt ? now - t.lastBeatAt : Infinity;
  if (frame <= POLICY.deadAfterMs) return 'up';
  if (beat <= POLICY.deadAfterMs) return 'stalled';
  if (frame === Infinity && beat === Infinity) return now - t.createdAt <= POLICY.connectTimeoutMs ? 'connecting' : 'down';
  return 'down';
}

/**
 * A connection is closed (and, by its initiator, rebuilt) when it is down while another link to
 * the same remote still lives: the silence is this link's. When all are silent, only after
 * allSilentMs (a stalled remote or a loaded machine must not cause a storm of rebuilds).
 */
export function shouldClose(t: LegTimes, now: number, otherLinkAlive: boolean): boolean {
  if (t.createdAt === null || legState(t, now) !== 'down') return false;
  if (otherLinkAlive) return true;
  const lastSign = Math.max(t.createdAt, t.lastFrameAt ?? -Infinity, t.lastBeatAt ?? -Infinity);
  return now - lastSign > POLICY.allSilentMs;
}

/**
 * Whether a connection is carrying something right now (a frame or a heartbeat within
 * flowingWithinMs): the proof that a silence elsewhere is that other link's, not the remote's.
 */
export function flowing(t: LegTimes, now: number): boolean {
  if (t.createdAt === null) return false;
  const last = Math.max(t.lastFrameAt ?? -Infinity, t.lastBeatAt ?? -Infinity);
  return last >= t.createdAt && now - last <= POLICY.flowingWithinMs;
}

/** A link with no connection gets a new one once the retry interval since the last build has passed. */
export function rebuildDue(lastBuildAt: number | null, now: number): boolean {
  return lastBuildAt === null || now - lastBuildAt >= POLICY.retryEveryMs;
}

// ---- getStats ------------------------------------------------------------------------------
/** The counters we keep from one getStats() report. */
export interface StatsSample {
  at: number;
  videoBytes: number | null;
  packetsReceived: number | null;
  packetsLost: number | null;
  framesDecoded: number | null;
  rttMs: number | null;
  audioLevel: number | null;
  /** The local address of the selected candidate pair: the network actually carrying it. */
  localAddress: string | null;
}

type StatLike = { type: string; [k: string]: unknown };
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Reads the inbound video and audio streams and the selected candidate pair of one connection. */
export function sampleStats(report: Iterable<StatLike>, at: number): StatsSample {
  const out: StatsSample = {
    at,
    videoBytes: null,
    packetsReceived: null,
    packetsLost: null,
    framesDecoded: null,
    rttMs: null,
    audioLevel: null,
    localAddress: null,
  };
  const stats = [...report];
  const transport = stats.find((s) => s.type === 'transport');
  const selectedId = transport ? transport.selectedCandidatePairId : undefined;
  for (const s of stats) {
    if (s.type === 'inbound-rtp' && s.kind === 'video') {
      out.videoBytes = (out.videoBytes ?? 0) + (num(s.bytesReceived) ?? 0);
      out.packetsReceived = (out.packetsReceived ?? 0) + (num(s.packetsReceived) ?? 0);
      out.packetsLost = (out.packetsLost ?? 0) + (num(s.packetsLost) ?? 0);
      out.framesDecoded = (out.framesDecoded ?? 0) + (num(s.framesDecoded) ?? 0);
    } else if (s.type === 'inbound-rtp' && s.kind === 'audio') {
      out.audioLevel = num(s.audioLevel);
    } else if (s.type === 'candidate-pair') {
      const selected = selectedId !== undefined ? s.id === selectedId : s.nominated === true && s.state === 'succeeded';
      const rtt = num(s.currentRoundTripTime);
      if (selected && rtt !== null) out.rttMs = Math.round(rtt * 1000);
      if (selected) {
        const local = stats.find((x) => x.type === 'local-candidate' && x.id === s.localCandidateId);
        const addr = local?.address ?? local?.ip;
        if (typeof addr === 'string') out.localAddress = addr;
      }
    }
  }
  return out;
}

export interface LinkRates {
  kbps: number | null;
  loss: number | null;
  rttMs: number | null;
}

/** Bitrate and loss between two samples of the same connection; RTT from the newer one. */
export function ratesBetween(prev: StatsSample | null, cur: StatsSample): LinkRates {
  if (!prev || cur.at <= prev.at) return { kbps: null, loss: null, rttMs: cur.rttMs };
  const seconds = (cur.at - prev.at) / 1000;
  const bytes = cur.videoBytes !== null && prev.videoBytes !== null ? cur.videoBytes - prev.videoBytes : null;
  const got = cur.packetsReceived !== null && prev.packetsReceived !== null ? cur.packetsReceived - prev.packetsReceived : null;
  const lost = cur.packetsLost !== null && prev.packetsLost !== null ? Math.max(0, cur.packetsLost - prev.packetsLost) : null;
  const kbps = bytes !== null && bytes >= 0 ? Math.round((bytes * 8) / 1000 / seconds) : null;
  const loss = got !== null && lost !== null && got + lost > 0 ? lost / (got + lost) : got === 0 && lost === 0 ? 0 : null;
  return { kbps, loss, rttMs: cur.rttMs };
}

// ---- active speaker ----------------------------------------------------------------------
/**
 * The participant speaking: the loudest above a floor, held for a moment so the focus does not
 * jump at every breath. Levels are getStats audioLevel (0–1).
 */
export class SpeakerPicker {
  current: string | null = null;
  private since = 0;

  constructor(
    private readonly floor = 0.02,
    private readonly holdMs = 1500,
  ) {}

  update(levels: ReadonlyMap<string, number | null>, now: number): string | null {
    let loudest: string | null = null;
    let max = this.floor;
    for (const [id, level] of levels) if (level !== null && level > max) ((loudest = id), (max = level));
    if (loudest === null || loudest === this.current) return this.current;
    const currentLevel = this.current ? (levels.get(this.current) ?? 0) : 0;
    // Take over at once from silence, otherwise only after the hold time and when clearly louder.
    if (this.current === null || currentLevel === null || currentLevel < this.floor || (now - this.since >= this.holdMs && max > currentLevel * 1.5)) {
      this.current = loudest;
      this.since = now;
    }
    return this.current;
  }
}
