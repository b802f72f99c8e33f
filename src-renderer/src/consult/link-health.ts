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
  /** A new connection that shows no frame within this long is given up and built again… */
  connectTimeoutMs: 2500,
  /**
   * …unless both ends have announced a candidate on the link (it can connect the moment the link
   * answers): then this long, about as long as Chromium's ICE keeps checking a new pair. Chromium
   * sees an interface that came back up only 2–3.5 s later (its network-change debounce), so a
   * connection built while the link was down never works; one built in the first seconds of an
   * outage, while the browser still listed the interface, connects ~0.2–0.3 s after the link
   * returns, if it is still there. Giving it up at 2.5 s is what froze the cut-restore-cut race.
   */
  connectPatienceMs: 5000,
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
  /**
   * What each link delivers is compared over this window: the frames it rendered. With 30%
   * random loss on one link the lossy one rendered 222–290 of 300 frames while the other rendered
   * them all; a picture chosen on freshness alone stuck on the lossy link (a jittery link loosens
   * its own stall threshold) and flapped.
   */
  rateWindowMs: 2000,
  /** A live link takes over from the shown one when it rendered this many more frames in the window… */
  betterByFrames: 2,
  /** …or this fraction more, whichever is larger… */
  betterByShare: 0.08,
  /** …or, at about the same frame count, its frames are this much less late (jitter buffer). */
  lessLateMs: 150,
  /**
   * …but not sooner than this after the last switch. The margins above are what keeps two links
   * of about equal worth from flapping; this only stops a switch on the frame after another.
   */
  holdShownMs: 500,
  /** A link whose address is gone (interface down) is looked for again this often (a local probe, no signalling). */
  addressProbeMs: 150,
  /** The initiator honours a rebuild request unless its connection is younger than this. */
  rebuildRequestGraceMs: 500,
  /**
   * A connection built while its link is down, with a candidate on the link at both ends, connects
   * the moment the link answers, or never: in the cut-restore-cut race 3 of 20 such connections
   * (Chromium 156) never left "checking" after the link came back while the one of the same
   * street to the other remote, made 0.2 s apart, connected 20–250 ms after it. The browser lists
   * the returned interface only 2–4 s later, so a connection built after the return is of no use
   * in time. So while the other link carries the call, a spare is built this often and the
   * earlier ones are kept (parked, up to maxSpares): whichever decodes pictures first stays.
   */
  spareEveryMs: 1500,
  maxSpares: 3,
  /**
   * Both ends pick among their parked connections on their own; an older connection that carries
   * something is kept this long after a newer one took over, so the other end, which may have
   * picked the older, can move to the newer first (closing it at once left the race with no
   * connection on the link at all: each end closed the one the other had picked). Each end moves
   * to the newer one only once it decodes pictures there (see parkedVerdict), so the grace covers
   * the other end's wait for its first picture on it too (1 s was once too short under load).
   */
  outrankGraceMs: 2500,
  /**
   * Switching on a stall to a link that rendered clearly fewer frames (a lossy one) waits until
   * it has rendered this many frames since the shown link's newest: a hiccup of this page stalls
   * both pictures, and the worse one's first frame after it is no reason to move (that flapped up
   * to 10 times per 20 s under 30% loss).
   */
  worseNeedsFrames: 2,
  /**
   * A connection whose link comes back carries packets again at once, but no picture until a
   * keyframe: what was lost cannot be retransmitted any more, and Chromium's receiver asks for a
   * keyframe only after 3 s without a decodable frame (WebRTC's max_wait_for_frame). Measured
   * after `ip link set down` for 3 s: heartbeats back 0.2 s after the link, NACKs for the lost
   * packets unanswered, the first picture 2.8–3.2 s later with the receiver's first PLI (half the
   * trials on a loaded machine; the others were lucky with that 3 s timer). So a connection whose
   * heartbeats come back after a silence of more than deadAfterMs (it is revived) sends a
   * keyframe at once, and its receiver, while it shows no picture over it, asks for one on the
   * data channel keyframeWaitMs after the revival and every keyframeEveryMs, at most
   * keyframeAsks times (a camera that is off must not be asked forever).
   */
  keyframeWaitMs: 150,
  keyframeEveryMs: 400,
  keyframeAsks: 6,
  /** A sender makes at most one keyframe this often on request (each is a burst of bits). */
  keyframeMinGapMs: 250,
} as const;

/**
 * Rendered frames of one video element: the newest one, a smoothed frame interval and its jitter,
 * the frames of the last rateWindowMs, and how late its frames are (set from getStats).
 */
export class FrameClock {
  lastAt: number | null = null;
  count = 0;
  /** Smoothed interval between frames, ms (starts at 50 ms: 20 fps). */
  intervalMs = 50;
  /** Smoothed deviation of the interval, ms: a loaded machine renders unevenly. */
  jitterMs = 0;
  /** Mean time frames spent in the jitter buffer over the last stats interval, ms (null: unknown). */
  lateMs: number | null = null;
  /** When the frames of the last rateWindowMs were rendered, oldest first. */
  private readonly recent: number[] = [];

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
    this.recent.push(at);
    this.trim(at);
  }

  ageMs(now: number): number {
    return this.lastAt === null ? Infinity : now - this.lastAt;
  }

  /** Frames rendered after a time (within the last rateWindowMs). */
  framesAfter(t: number): number {
    let n = 0;
    for (let i = this.recent.length - 1; i >= 0 && this.recent[i] > t; i--) n++;
    return n;
  }

  /** Frames rendered within the last rateWindowMs. */
  framesInWindow(now: number): number {
    this.trim(now);
    let n = this.recent.length;
    while (n > 0 && this.recent[n - 1] > now) n--;
    return n;
  }

  /** How old the newest frame may get before this picture counts as stalled. */
  stallMs(): number {
    return stallThresholdMs(this.intervalMs, this.jitterMs);
  }

  reset(): void {
    this.lastAt = null;
    this.count = 0;
    this.recent.length = 0;
    this.lateMs = null;
  }

  private trim(now: number): void {
    let i = 0;
    while (i < this.recent.length && this.recent[i] <= now - POLICY.rateWindowMs) i++;
    if (i > 0) this.recent.splice(0, i);
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
 * Which link to show. Both links carry the same pictures, so a switch between two live links
 * shows nothing; what counts is which one delivers more, and in time:
 * - stall: the shown link's newest frame is older than the stall threshold and the other's is
 *   newer: take the other at once (within about one frame of a cut). The threshold is the stricter
 *   of the two links' when the other delivers at least as much (a jittery link must not loosen
 *   its own), the looser when it delivers less (a hiccup is no reason to move to a worse link);
 * - worth: no sooner than holdShownMs after the last switch, move to a live link that rendered
 *   clearly more frames over the last rateWindowMs, or about as many but clearly less late.
 * With nothing shown yet, the link with the newest frame. Called on every rendered frame.
 */
export function chooseShown(shown: LinkId | null, clocks: Partial<Record<LinkId, FrameClock>>, now: number, shownSince = -Infinity): LinkId | null {
  const age = (l: LinkId): number => clocks[l]?.ageMs(now) ?? Infinity;
  const candidates = LINK_IDS.filter((l) => clocks[l] && age(l) !== Infinity);
  if (candidates.length === 0) return shown;
  const freshest = candidates.reduce((a, b) => (age(b) < age(a) ? b : a));
  if (shown === null || !clocks[shown]) return freshest;
  const cur = clocks[shown]!;
  const curFrames = cur.framesInWindow(now);
  let best: LinkId = shown;
  for (const l of candidates) {
    if (l === shown) continue;
    const other = clocks[l]!;
    const otherFrames = other.framesInWindow(now);
    const margin = Math.max(POLICY.betterByFrames, POLICY.betterByShare * curFrames);
    const notWorse = otherFrames + margin >= curFrames;
    const stall = notWorse ? Math.min(cur.stallMs(), other.stallMs()) : Math.max(cur.stallMs(), other.stallMs());
    // A worse link must show it is delivering while the shown one is not, not just be first after a common hiccup.
    const delivering = notWorse || cur.lastAt === null || other.framesAfter(cur.lastAt) >= POLICY.worseNeedsFrames;
    if (age(shown) > stall && age(l) < age(shown) && delivering) return l;
    if (now - shownSince < POLICY.holdShownMs || age(l) > other.stallMs()) continue;
    const more = otherFrames >= curFrames + margin;
    const lessLate =
      Math.abs(otherFrames - curFrames) < margin && cur.lateMs !== null && other.lateMs !== null && other.lateMs + POLICY.lessLateMs < cur.lateMs;
    if (more || lessLate) best = l;
  }
  return best;
}

/** What a link's connection is doing, from its timestamps. */
export interface LegTimes {
  /** When this connection was created; null when there is none. */
  createdAt: number | null;
  lastFrameAt: number | null;
  lastBeatAt: number | null;
  /** Both ends announced a candidate on the link: it may connect as soon as the link answers (connectPatienceMs). */
  candidatesBothWays?: boolean;
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
  if (frame === Infinity && beat === Infinity) {
    const patience = t.candidatesBothWays ? POLICY.connectPatienceMs : POLICY.connectTimeoutMs;
    return now - t.createdAt <= patience ? 'connecting' : 'down';
  }
  return 'down';
}

/**
 * A connection is closed (and, by its initiator, rebuilt) when it is down while another link to
 * the same remote still lives: the silence is this link's. When all are silent, a connection
 * that has carried something is kept allSilentMs from its last sign of life (a stalled remote or
 * a loaded machine must not cause a storm of rebuilds); one that never carried anything is no
 * such connection (it was built while its link was down, say) and goes once it is down.
 * Its creation is not a sign of life: holding such a one froze both sides 2.1–3.6 s when the
 * other link was cut right after this one came back.
 */
export function shouldClose(t: LegTimes, now: number, otherLinkAlive: boolean): boolean {
  if (t.createdAt === null || legState(t, now) !== 'down') return false;
  if (otherLinkAlive) return true;
  const signs = [t.lastFrameAt, t.lastBeatAt].filter((x): x is number => x !== null && x >= t.createdAt!);
  if (signs.length === 0) return true;
  return now - Math.max(...signs) > POLICY.allSilentMs;
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

/**
 * Whether a link's current connection carries something now: flowing, or taken from the parked
 * ones within flowingWithinMs (one taken for its decoded pictures has rendered none yet, and its
 * heartbeats may lag: in the race the street took its spare gen 2 for its pictures, then 0.3 s
 * later its older gen 1 on heartbeats, as gen 2 did not count as carrying, and swapped the picture
 * twice while link B was being cut).
 */
export function carrying(t: LegTimes, now: number, takenAt: number | null): boolean {
  return flowing(withTaken(t, takenAt), now);
}

/**
 * A connection's times with its take from the parked ones counted as a sign of life (as a
 * heartbeat): taken for its decoded pictures, it has rendered none yet and its heartbeats may lag,
 * while its last frame over this page may be seconds old. Judged on those alone it was found
 * "dead" (or "still connecting": a spare was built) on the next tick and parked again, 4 times in
 * 0.7 s in one recovery, until the other end gave it up.
 */
export function withTaken(t: LegTimes, takenAt: number | null): LegTimes {
  if (takenAt === null || t.createdAt === null || takenAt < t.createdAt) return t;
  return { ...t, lastBeatAt: Math.max(t.lastBeatAt ?? -Infinity, takenAt) };
}

/**
 * A spare is due (see POLICY.spareEveryMs): the link's connection is still connecting with a
 * candidate on the link at both ends, while another link carries the call (the silence is this
 * link's), and no connection was built on it for spareEveryMs.
 */
export function spareDue(t: LegTimes, now: number, otherLinkAlive: boolean, lastBuildAt: number | null): boolean {
  if (!otherLinkAlive || !t.candidatesBothWays || t.createdAt === null || legState(t, now) !== 'connecting') return false;
  return lastBuildAt === null || now - lastBuildAt >= POLICY.spareEveryMs;
}

/**
 * What to do with a parked connection. Both ends decide on their own, so they must converge on
 * the same connection: the newest generation that carries something (frames or heartbeats).
 * - take: the current connection carries nothing (at once if this one carries heartbeats, else
 *   once it decodes pictures);
 * - take-on-pictures: this one is newer and carries something, but so does the current one:
 *   taken once it decodes pictures. Taking it on heartbeats alone swapped a picture about to come
 *   back (a revived connection's keyframe was on its way) for one with none yet: in the race the
 *   district showed nothing for 1.7 s after link A's return while the old connection's pictures
 *   were already back at the street;
 * - close: it is older than a current one that carries, and carries nothing itself, or has
 *   been outranked for outrankGraceMs (the other end may still be on it);
 * - keep: otherwise (a newer one that does not carry yet may just be connecting).
 */
export function parkedVerdict(
  cur: { gen: number; flowing: boolean } | null,
  p: { gen: number; flowing: boolean; outrankedSince: number | null },
  now: number,
): 'take' | 'take-on-pictures' | 'close' | 'keep' {
  if (!cur || !cur.flowing) return 'take';
  // A newer one may just be connecting (ICE up, nothing through yet), and the other end may take it.
  if (p.gen > cur.gen) return p.flowing ? 'take-on-pictures' : 'keep';
  if (!p.flowing) return 'close';
  return p.outrankedSince !== null && now - p.outrankedSince >= POLICY.outrankGraceMs ? 'close' : 'keep';
}

/** What a replaced connection has shown of itself (see retireVerdict). */
export interface RetiredLeg {
  lastFrameAt: number | null;
  lastBeatAt: number | null;
  connectedAt: number | null;
  addressless: boolean;
  /** Both ends announced a candidate on the link. */
  candidatesBothWays: boolean;
}

/**
 * A connection being replaced (dual mode) is parked, not closed, when it may carry the link
 * again: it has carried pictures or heartbeats (its candidate pair worked: once the link answers,
 * it resumes), or it is still connecting with a candidate on the link at both ends (it connects
 * when the link answers, or never). Closing one that carried heartbeats but no picture yet is
 * what froze the race: link A back, the street took its parked spare on its heartbeats, then
 * closed it 0.1 s later for the district's newer offer, built while the street had no address on
 * A, which never connected; A carried nothing for 3.5 s and B's cut froze both walls.
 */
export function retireVerdict(leg: RetiredLeg): 'park' | 'close' {
  if (leg.lastFrameAt !== null || leg.lastBeatAt !== null) return 'park';
  const pending = leg.connectedAt === null && !leg.addressless && leg.candidatesBothWays;
  return pending ? 'park' : 'close';
}

/**
 * Which parked connection goes when one more must be parked (at most maxSpares): the oldest that
 * never carried anything, else the oldest. One that carried the link before is the likeliest to
 * resume when the link returns: a burst of spares during an outage must not push it out.
 */
export function evictParked(parked: readonly { carried: boolean }[]): number {
  const i = parked.findIndex((p) => !p.carried);
  return i >= 0 ? i : 0;
}

/**
 * The non-initiating end receives a newer offer on a link: it replaces the current connection,
 * unless that one carries something now (a frame or heartbeat within flowingWithinMs); then the
 * new one is set up beside it (parked) and takes over by parkedVerdict once it carries pictures.
 * The initiator offers anew when the other end asked earlier, or on its own retry; an offer made
 * while this end had no address on the link never connects, and replacing a live connection by
 * it left the link with nothing.
 */
export function offerPlacement(cur: LegTimes, now: number, takenAt: number | null = null): 'replace' | 'beside' {
  return carrying(cur, now, takenAt) ? 'beside' : 'replace';
}

/** A connection's pictures after its link came back (see POLICY.keyframeWaitMs). */
export interface RevivalTimes {
  /** When its heartbeats came back after a silence of more than deadAfterMs; null if never silent. */
  revivedAt: number | null;
  lastBeatAt: number | null;
  /** The newest picture rendered over it (set by its owner). */
  lastFrameAt: number | null;
  /** Keyframes asked of the remote since the revival, and the latest ask. */
  asks: number;
  lastAskAt: number | null;
}

/**
 * Whether to ask the remote for a keyframe now: the connection was revived keyframeWaitMs ago or
 * more, carries heartbeats, and has shown no picture since; every keyframeEveryMs, at most
 * keyframeAsks times per revival. A connection that never fell silent is never asked for one
 * (a new connection starts with a keyframe; lossy links have RTCP's own repair).
 */
export function keyframeDue(k: RevivalTimes, now: number): boolean {
  if (k.revivedAt === null || k.lastBeatAt === null || now - k.lastBeatAt > POLICY.flowingWithinMs) return false;
  if (k.lastFrameAt !== null && k.lastFrameAt >= k.revivedAt) return false;
  if (now - k.revivedAt < POLICY.keyframeWaitMs || k.asks >= POLICY.keyframeAsks) return false;
  return k.lastAskAt === null || now - k.lastAskAt >= POLICY.keyframeEveryMs;
}

/**
 * A heartbeat arrives: when the connection counts as revived (its previous heartbeat is older
 * than deadAfterMs). The first heartbeat of a new connection is no revival.
 */
export function revivedBy(lastBeatAt: number | null, now: number): boolean {
  return lastBeatAt !== null && now - lastBeatAt > POLICY.deadAfterMs;
}

/**
 * How long a keyframe asked for now must wait (0: make it now): at most one every
 * keyframeMinGapMs. One asked for sooner is made when the gap ends, not dropped: a sender sends
 * one when its side of the link comes back, and the receiver's ask arriving just after it was
 * dropped; when that first one never got through (the sender's packets on the returned link
 * are held a while longer than the receiver's), the picture waited for the next ask, 400 ms on.
 */
export function keyframeWait(lastKeyframeAt: number, now: number): number {
  return Math.max(0, lastKeyframeAt + POLICY.keyframeMinGapMs - now);
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
  /** Seconds frames spent in the jitter buffer in all, and how many frames left it. */
  jitterBufferDelay: number | null;
  jitterBufferEmitted: number | null;
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
    jitterBufferDelay: null,
    jitterBufferEmitted: null,
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
      if (num(s.jitterBufferDelay) !== null) out.jitterBufferDelay = (out.jitterBufferDelay ?? 0) + num(s.jitterBufferDelay)!;
      if (num(s.jitterBufferEmittedCount) !== null) out.jitterBufferEmitted = (out.jitterBufferEmitted ?? 0) + num(s.jitterBufferEmittedCount)!;
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
  /** Mean jitter-buffer delay of the frames between the two samples, ms: how late this link's pictures are. */
  lateMs: number | null;
}

/** Bitrate and loss between two samples of the same connection; RTT from the newer one. */
export function ratesBetween(prev: StatsSample | null, cur: StatsSample): LinkRates {
  if (!prev || cur.at <= prev.at) return { kbps: null, loss: null, rttMs: cur.rttMs, lateMs: null };
  const seconds = (cur.at - prev.at) / 1000;
  const bytes = cur.videoBytes !== null && prev.videoBytes !== null ? cur.videoBytes - prev.videoBytes : null;
  const got = cur.packetsReceived !== null && prev.packetsReceived !== null ? cur.packetsReceived - prev.packetsReceived : null;
  const lost = cur.packetsLost !== null && prev.packetsLost !== null ? Math.max(0, cur.packetsLost - prev.packetsLost) : null;
  const kbps = bytes !== null && bytes >= 0 ? Math.round((bytes * 8) / 1000 / seconds) : null;
  const loss = got !== null && lost !== null && got + lost > 0 ? lost / (got + lost) : got === 0 && lost === 0 ? 0 : null;
  const emitted = cur.jitterBufferEmitted !== null && prev.jitterBufferEmitted !== null ? cur.jitterBufferEmitted - prev.jitterBufferEmitted : null;
  const delay = cur.jitterBufferDelay !== null && prev.jitterBufferDelay !== null ? cur.jitterBufferDelay - prev.jitterBufferDelay : null;
  const lateMs = emitted !== null && delay !== null && emitted > 0 && delay >= 0 ? Math.round((delay / emitted) * 1000) : null;
  return { kbps, loss, rttMs: cur.rttMs, lateMs };
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
