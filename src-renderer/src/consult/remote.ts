// One remote participant as this endpoint sees it: a connection per link (1+1), a <video> per
// link stacked in one tile, and the policy that keeps the picture moving:
// - show the link whose frames are freshest; when the shown one stalls, switch on the next frame
//   of the other (within about one frame interval);
// - close a connection that has shown nothing for deadAfterMs; the initiator builds a new one
//   (every retryEveryMs while the link stays dead), the other side asks it to. One that has
//   carried pictures or heartbeats is parked rather than closed (retireVerdict), and comes back
//   if its link does first; while the other link carries the call, a spare is built every
//   spareEveryMs beside one still connecting, and parked too (one of them connects when the link
//   answers, or none does); a newer offer that arrives while the link's connection carries
//   something is set up beside it (offerPlacement), not in its place; both ends converge on the
//   newest connection that carries something, a newer one taking over a live one only once it
//   decodes pictures (parkedVerdict);
// - react to a link's return (its address back, its socket reconnected) at once;
// - a connection revived by its link's return that shows no picture asks the remote for a
//   keyframe on its data channel (keyframeDue: the browser's own request comes only after 3 s).
// In "single" mode there is one connection with every candidate (the plain baseline): it is only
// rebuilt once the browser itself gives it up.
import type { LinkStats, MediaMode, PcRef, PeerData, SignalPayload } from '@contract/consult';
import type { Cidr } from './candidates';
import {
  chooseShown,
  flowing,
  FrameClock,
  keyframeDue,
  evictParked,
  legState,
  offerPlacement,
  POLICY,
  ratesBetween,
  rebuildDue,
  parkedVerdict,
  retireVerdict,
  shouldClose,
  spareDue,
  type LegTimes,
  type LinkId,
  type LinkRates,
  withTaken,
} from './link-health';
import { PeerLeg, type Quality } from './peer-leg';

export interface RemoteDeps {
  id: string;
  name: string;
  mode: MediaMode;
  /** This endpoint makes the offers to this remote (the lower participant id does). */
  initiator: boolean;
  mySession: () => string;
  /** The links media runs on, each with the subnet its candidates must lie in. */
  links: { id: LinkId; subnet: Cidr | null }[];
  iceServers: RTCIceServer[];
  now: () => number;
  localStream: () => MediaStream;
  quality: (remote: RemoteParticipant, link: LinkId) => Quality;
  send: (payload: SignalPayload) => void;
  changed: () => void;
  /** A connection on this link gathered no candidate on it: its address is gone (watch for its return). */
  addressless?: (link: LinkId) => void;
  log?: (msg: string) => void;
}

interface Slot {
  link: LinkId;
  subnet: Cidr | null;
  video: HTMLVideoElement;
  clock: FrameClock;
  leg: PeerLeg | null;
  gen: number;
  lastBuildAt: number | null;
  lastAskAt: number | null;
  builds: number;
  rates: LinkRates;
  /** Local address of the connection's selected candidate pair (which network carries it). */
  path: string | null;
  stream: MediaStream | null;
  /**
   * The connection whose stream the <video> shows. A closed connection's video can still render a
   * last frame: it must not count as a sign of life of the new connection.
   */
  streamLeg: PeerLeg | null;
  /** When the current connection was taken from the parked ones (a sign of life, see withTaken). */
  takenAt: number | null;
  /** Candidates that came before their offer (two links can reorder them). */
  early: { pc: PcRef; data: PeerData; at: number }[];
  /**
   * The connection replaced while its link was silent, kept a while (both sides keep theirs): once
   * the link answers again it resumes at once (a connection that has carried media keeps checking
   * its pair), while a connection built during a link-down may never work (see link-health).
   * Whichever of the two carries media first stays.
   */
  parked: Parked[];
}

/**
 * A connection kept aside for its link's return: one replaced while its link was silent after it
 * had carried media, or a spare built during the outage (see POLICY.spareEveryMs).
 */
interface Parked {
  leg: PeerLeg;
  at: number;
  /** Frames decoded when it was parked (null until known). */
  frames: number | null;
  checking: boolean;
  /** Since when a newer current connection carries the link while this one carries something too. */
  outrankedSince: number | null;
}

/**
 * A replaced connection that carried media is kept this long for its link's return. Parked about
 * 1 s into an outage, it must outlast the outage and the 0.3–3 s the link takes to carry
 * heartbeats again on a loaded machine (8 s closed one in the race as they came back).
 */
const PARK_MS = 12_000;

const EMPTY_RATES: LinkRates = { kbps: null, loss: null, rttMs: null, lateMs: null };

export class RemoteParticipant {
  readonly id: string;
  readonly name: string;
  /** The remote endpoint's session; a new one means its page restarted. */
  session: string | null = null;
  /** Which link of ours the remote shows (it tells us), for low-bandwidth mode. */
  remoteShows: LinkId | null = null;
  shown: LinkId | null = null;
  /** When the shown link was last chosen (switches are held apart, see chooseShown). */
  private shownAt = -Infinity;
  firstFrameAt: number | null = null;
  audioLevel: number | null = null;
  readonly element: HTMLDivElement;
  private readonly audio: HTMLAudioElement;
  private readonly slots = new Map<LinkId, Slot>();
  /** Each connection's incoming stream (a parked connection's comes back with it). */
  private readonly streams = new WeakMap<PeerLeg, MediaStream>();
  /** When this endpoint learned that the remote is in the call. */
  readonly since: number;
  private lastShownSent = 0;
  private shownTimer: ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  constructor(private readonly deps: RemoteDeps) {
    this.id = deps.id;
    this.name = deps.name;
    this.since = deps.now();
    this.element = document.createElement('div');
    this.element.className = 'consult-videos';
    this.element.dataset.remote = deps.id;
    this.audio = document.createElement('audio');
    this.audio.autoplay = true;
    this.element.appendChild(this.audio);
    const links = deps.mode === 'single' ? [{ id: 'A' as LinkId, subnet: null }] : deps.links;
    for (const l of links) this.slots.set(l.id, this.makeSlot(l.id, l.subnet));
  }

  get links(): LinkId[] {
    return [...this.slots.keys()];
  }

  /**
   * Builds, closes and asks for connections; called about ten times a second. `judge` is false
   * right after the page itself stalled: silence it did not witness is no reason to act.
   * Only the initiator closes and builds; the other side keeps its connection (frozen or not)
   * until a newer one is offered, and asks for one every retryEveryMs while it receives nothing.
   * One side deciding avoids the two tearing down each other's fresh connections.
   */
  tick(now: number, judge = true): void {
    if (this.destroyed || this.session === null) return;
    // Right after the page itself stalled, heartbeats still queued would count as silence: parked
    // connections are judged once they are counted (one was closed at its 8 s 0.2 s before its
    // heartbeats, already back, were seen).
    if (judge) for (const s of this.slots.values()) this.checkParked(s, now);
    for (const s of this.slots.values()) {
      if (s.leg && keyframeDue(s.leg.revival(), now)) {
        this.deps.log?.(
          `${this.id} link ${s.link} gen ${s.leg.ref.gen}: heartbeats but no picture ${Math.round(now - s.leg.revivedAt!)} ms after they came back, asking for a keyframe`,
        );
        s.leg.askKeyframe();
      }
    }
    for (const s of this.slots.values()) {
      const t = this.times(s);
      const otherFlowing = [...this.slots.values()].some((o) => o !== s && flowing(this.times(o), now));
      const dead = s.leg === null || (this.deps.mode === 'dual' && shouldClose(t, now, otherFlowing));
      if (this.deps.initiator) {
        if (judge && s.leg && dead) {
          this.deps.log?.(`${this.id} link ${s.link}: gen ${s.leg.ref.gen} shows nothing (${this.legNote(s.leg)}), replacing it`);
          this.retire(s, 'no frames');
        } else if (judge && s.leg && this.deps.mode === 'dual' && spareDue(t, now, otherFlowing, s.lastBuildAt)) {
          this.deps.log?.(`${this.id} link ${s.link}: gen ${s.leg.ref.gen} still connecting (${this.legNote(s.leg)}), building a spare`);
          this.retire(s, 'a spare is built beside it');
          this.build(s);
        }
        if (!s.leg && rebuildDue(s.lastBuildAt, now) && !this.holdBack(s, now)) this.build(s);
      } else if (judge && dead && now - this.since >= POLICY.retryEveryMs && rebuildDue(s.lastAskAt, now)) {
        s.lastAskAt = now;
        this.deps.send({ kind: 'rebuild', link: s.link, session: this.deps.mySession() });
      }
    }
  }

  /**
   * At the start, the second link's first connection waits until the first one is connected (or
   * for at most joinStaggerMs): a site joining a mesh sets up many connections at once, and the
   * first picture comes sooner when they do not all compete for the CPU at the same moment.
   */
  private holdBack(s: Slot, now: number): boolean {
    if (s.builds > 0) return false;
    const first = [...this.slots.values()].find((o) => o !== s && o.builds > 0);
    if (!first) return [...this.slots.values()][0] !== s; // the first link goes first
    if (first.leg?.connectedAt != null) return false;
    return now - (first.lastBuildAt ?? now) < POLICY.joinStaggerMs;
  }

  /** The remote's simple-peer signal for one connection. */
  onPeer(pc: PcRef, data: PeerData): void {
    const s = this.slots.get(pc.link);
    if (!s || this.destroyed) return;
    if (this.deps.initiator) {
      // Answers and candidates for connections we offered.
      if (pc.session !== this.deps.mySession()) return;
      const spare = s.parked.find((p) => p.leg.ref.gen === pc.gen);
      if (spare && (!s.leg || s.leg.ref.gen !== pc.gen)) return spare.leg.signal(data);
      if (!s.leg || s.leg.ref.gen !== pc.gen) return;
      if (data.type === 'answer') this.deps.log?.(`${this.id} link ${s.link} gen ${pc.gen}: answer received`);
      s.leg.signal(data);
      return;
    }
    if (pc.session !== this.session) return; // from a session that has been replaced
    if (s.leg && s.leg.ref.gen === pc.gen) return s.leg.signal(data);
    const spare = s.parked.find((p) => p.leg.ref.gen === pc.gen && p.leg.ref.session === pc.session);
    if (spare) return spare.leg.signal(data);
    if (pc.gen <= s.gen) return; // late news about an older connection
    if (data.type !== 'offer') {
      s.early = s.early.filter((e) => this.deps.now() - e.at < 5000).slice(-40);
      s.early.push({ pc, data, at: this.deps.now() });
      return;
    }
    const now = this.deps.now();
    let leg: PeerLeg;
    if (this.deps.mode === 'dual' && s.leg && offerPlacement(this.times(s), now) === 'beside') {
      // Ours carries the link now: the new one is set up beside it and takes over once it carries pictures.
      this.deps.log?.(`${this.id} link ${s.link} gen ${pc.gen}: offer received while gen ${s.leg.ref.gen} carries the link, set up beside it`);
      leg = this.attach(s, pc, false, false);
      this.park(s, leg, now, 'set up beside the current one');
    } else {
      this.deps.log?.(`${this.id} link ${s.link} gen ${pc.gen}: offer received`);
      this.retire(s, 'replaced by a newer connection');
      leg = this.attach(s, pc, false);
    }
    leg.signal(data);
    for (const e of s.early.splice(0)) if (e.pc.gen === pc.gen && e.pc.session === pc.session) leg.signal(e.data);
  }

  /**
   * The remote says its connection on this link is dead. Honoured unless ours was built just
   * now (then its offer is on its way and the request predates it): the remote asks only when it
   * has nothing, or when its link has just come back (a connection built while its address was
   * gone never works, and waiting for the retry interval is what made the race freeze).
   */
  onRebuildRequest(link: LinkId): void {
    const s = this.slots.get(link);
    if (!s || !this.deps.initiator || this.destroyed) return;
    const now = this.deps.now();
    if (s.leg && now - s.leg.createdAt < POLICY.rebuildRequestGraceMs) return;
    if (this.deps.mode === 'dual' && s.leg && offerPlacement(this.times(s), now) === 'beside') {
      // Ours carries the link here (the remote may still be on another of the parked ones, and
      // moves to this one by itself): a new one is built beside it, not in its place. Retiring it
      // swapped a revived connection's picture for nothing while link B was being cut.
      this.deps.log?.(
        `${this.id} link ${s.link}: the remote asked for a new connection while gen ${s.leg.ref.gen} carries the link here, building one beside it`,
      );
      s.gen++;
      this.park(s, this.attach(s, { link: s.link, gen: s.gen, session: this.deps.mySession() }, true, false), now, 'built beside the current one');
      return;
    }
    this.retire(s, 'the remote asked for a new connection');
    this.build(s);
  }

  /**
   * A sign that a link works again: our address on it is back, or our signalling socket on it
   * reconnected. A connection on it that carries nothing is rebuilt now (the initiator) or asked
   * for now (the other side), instead of at the next retry.
   */
  linkBack(link: LinkId, why: string): void {
    const s = this.slots.get(link);
    if (!s || this.destroyed || this.session === null || this.deps.mode !== 'dual') return;
    const now = this.deps.now();
    const t = this.times(s);
    if (s.leg && flowing(t, now)) return;
    const state = legState(t, now);
    // Worth replacing: none, one that can never work, or one found dead. Not one still connecting:
    // the browser sees an interface that came back only seconds later, so a connection built now
    // would have no address on it, while one built before can connect as soon as the link answers.
    const useless = !s.leg || s.leg.addressless || state === 'down';
    if (!useless) return;
    if (this.deps.initiator) {
      if (s.leg && !s.leg.addressless && now - s.leg.createdAt < POLICY.rebuildRequestGraceMs) return;
      this.deps.log?.(`${this.id} link ${s.link}: ${why}, building gen ${s.gen + 1} now`);
      this.retire(s, `link ${s.link} is back`);
      this.build(s);
    } else {
      if (s.lastAskAt !== null && now - s.lastAskAt < POLICY.rebuildRequestGraceMs) return;
      this.deps.log?.(`${this.id} link ${s.link}: ${why}, asking for a new connection`);
      s.lastAskAt = now;
      this.deps.send({ kind: 'rebuild', link: s.link, session: this.deps.mySession() });
    }
  }

  /** A new session of the remote: everything built with the old one is useless. */
  resetSession(session: string): void {
    if (this.session === session) return;
    this.session = session;
    for (const s of this.slots.values()) {
      s.leg?.close('the remote restarted');
      this.dropParked(s, 'the remote restarted');
      if (!this.deps.initiator) s.gen = 0; // the remote's new session counts from the start
      s.lastBuildAt = null;
      s.lastAskAt = null;
    }
    // The initiator offers at once: joining fast is part of the target (first frame within 1 s).
    this.tick(this.deps.now());
    this.deps.changed();
  }

  requalify(): void {
    for (const s of this.slots.values()) s.leg?.setQuality(this.deps.quality(this, s.link));
  }

  async replaceVideo(track: MediaStreamTrack): Promise<void> {
    await Promise.all([...this.slots.values()].map((s) => s.leg?.replaceVideo(track)));
  }

  async replaceAudio(track: MediaStreamTrack): Promise<void> {
    await Promise.all([...this.slots.values()].map((s) => s.leg?.replaceAudio(track)));
  }

  /** Samples getStats of every connection (about once a second). */
  async sampleStats(): Promise<void> {
    await Promise.all(
      [...this.slots.values()].map(async (s) => {
        const r = await s.leg?.stats().catch(() => null);
        if (!r) {
          s.rates = EMPTY_RATES;
          s.path = null;
          return;
        }
        s.rates = ratesBetween(r.prev, r.cur);
        s.clock.lateMs = s.rates.lateMs;
        s.path = r.cur.localAddress;
        if (s.link === this.shown) this.audioLevel = r.cur.audioLevel;
      }),
    );
  }

  linkStats(link: LinkId): LinkStats {
    const s = this.slots.get(link);
    if (!s) return { state: 'off', rttMs: null, kbps: null, loss: null, builds: 0 };
    const state = legState(this.times(s), this.deps.now());
    const live = state === 'up' || state === 'stalled';
    return { state, rttMs: live ? s.rates.rttMs : null, kbps: live ? s.rates.kbps : null, loss: live ? s.rates.loss : null, builds: s.builds };
  }

  /** The local address carrying this link's connection (null before its first stats). */
  path(link: LinkId): string | null {
    return this.slots.get(link)?.path ?? null;
  }

  destroy(): void {
    this.destroyed = true;
    if (this.shownTimer) clearTimeout(this.shownTimer);
    for (const s of this.slots.values()) {
      s.leg?.close('left');
      this.dropParked(s, 'left');
      s.video.srcObject = null;
    }
    this.audio.srcObject = null;
    this.element.remove();
  }

  /** Diagnostics of a connection for the log: candidates each way, ICE. */
  private legNote(leg: PeerLeg): string {
    return `${leg.usableCandidates} local / ${leg.remoteCandidates} remote candidates${leg.addressless ? ', no address' : ''}, ice ${leg.iceState()}`;
  }

  /** The current connection's times, its take from the parked ones counted as a sign of life (withTaken). */
  private times(s: Slot): LegTimes {
    const leg = s.leg;
    const t: LegTimes = {
      createdAt: leg?.createdAt ?? null,
      lastFrameAt: leg?.lastFrameAt ?? null,
      lastBeatAt: leg?.lastBeatAt ?? null,
      candidatesBothWays: !!leg && !leg.addressless && leg.usableCandidates > 0 && leg.remoteCandidates > 0,
    };
    return withTaken(t, s.takenAt);
  }

  private makeSlot(link: LinkId, subnet: Cidr | null): Slot {
    const video = document.createElement('video');
    video.muted = true; // sound comes from the one <audio>, following the shown link
    video.autoplay = true;
    video.playsInline = true;
    video.dataset.link = link;
    video.dataset.shown = '0';
    this.element.appendChild(video);
    const slot: Slot = {
      link,
      subnet,
      video,
      clock: new FrameClock(),
      leg: null,
      gen: 0,
      lastBuildAt: null,
      lastAskAt: null,
      builds: 0,
      rates: EMPTY_RATES,
      path: null,
      stream: null,
      streamLeg: null,
      takenAt: null,
      early: [],
      parked: [],
    };
    const onFrame = (): void => {
      if (this.destroyed) return;
      this.frame(slot, this.deps.now());
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
    return slot;
  }

  private build(s: Slot): void {
    s.gen++;
    this.attach(s, { link: s.link, gen: s.gen, session: this.deps.mySession() }, true);
  }

  /** A new connection on the slot's link: its current one, or (current false) one set up beside it. */
  private attach(s: Slot, ref: PcRef, initiator: boolean, current = true): PeerLeg {
    if (s.builds === 0) this.deps.log?.(`${this.id} link ${s.link}: first connection ${Math.round(this.deps.now() - this.since)} ms after we learned of it`);
    s.gen = ref.gen;
    s.lastBuildAt = this.deps.now();
    s.builds++;
    const leg: PeerLeg = new PeerLeg({
      ref,
      initiator,
      stream: this.deps.localStream(),
      subnet: this.deps.mode === 'dual' ? s.subnet : null,
      iceServers: this.deps.iceServers,
      quality: this.deps.quality(this, s.link),
      now: this.deps.now,
      onSignal: (data) => {
        if (data.type !== 'candidate') this.deps.log?.(`${this.id} link ${s.link} gen ${ref.gen}: ${data.type} sent`);
        this.deps.send({ kind: 'peer', pc: ref, data });
      },
      log: (msg) => this.deps.log?.(`${this.id} link ${s.link} gen ${ref.gen}: ${msg}`),
      onAddressless: () => {
        if (s.leg !== leg) return;
        this.deps.log?.(`${this.id} link ${s.link} gen ${ref.gen}: no address on this link; watching for its return`);
        this.deps.addressless?.(s.link);
      },
      onStream: (stream) => {
        this.streams.set(leg, stream);
        if (s.leg !== leg) return;
        s.stream = stream;
        s.streamLeg = leg;
        s.video.srcObject = stream;
        void s.video.play().catch(() => undefined);
        if (this.shown === s.link) this.playAudio(stream);
      },
      onClose: (why) => {
        s.parked = s.parked.filter((p) => p.leg !== leg);
        if (s.leg !== leg) return;
        this.deps.log?.(`${this.id} link ${s.link} gen ${ref.gen} closed: ${why}`);
        s.leg = null;
        this.deps.changed();
      },
    });
    if (current) {
      s.leg = leg;
      s.takenAt = null;
    }
    this.deps.changed();
    return leg;
  }

  /**
   * The slot's connection goes. In dual mode it is parked (up to POLICY.maxSpares) if it may carry
   * the link again (retireVerdict: it has carried pictures or heartbeats, or it is still
   * connecting with a candidate on the link at both ends); any other is closed. One still
   * carrying is kept too (replaced because the remote receives nothing on it, or offered anew by
   * a starved initiator): it goes back to work if the new one does not carry, and is closed once
   * a newer one does (parkedVerdict).
   */
  private retire(s: Slot, why: string): void {
    const leg = s.leg;
    if (!leg) return;
    s.leg = null;
    const verdict = retireVerdict({
      lastFrameAt: leg.lastFrameAt,
      lastBeatAt: leg.lastBeatAt,
      connectedAt: leg.connectedAt,
      addressless: leg.addressless,
      candidatesBothWays: leg.usableCandidates > 0 && leg.remoteCandidates > 0,
    });
    if (this.deps.mode !== 'dual' || verdict === 'close' || leg.closed) {
      leg.close(why);
      return;
    }
    this.park(s, leg, this.deps.now(), why);
  }

  /** Keeps a connection aside (see Parked), making room first (evictParked). */
  private park(s: Slot, leg: PeerLeg, now: number, why: string): void {
    while (s.parked.length >= POLICY.maxSpares) {
      const i = evictParked(s.parked.map((p) => ({ carried: p.leg.lastFrameAt !== null || p.leg.lastBeatAt !== null })));
      const [gone] = s.parked.splice(i, 1);
      gone.leg.close('a newer one was parked');
    }
    const p: Parked = { leg, at: now, frames: null, checking: false, outrankedSince: null };
    s.parked.push(p);
    void leg.framesDecoded().then((n) => p.frames === null && (p.frames = n ?? 0));
    this.deps.log?.(`${this.id} link ${s.link} gen ${leg.ref.gen} parked: ${why}`);
  }

  private dropParked(s: Slot, why: string): void {
    for (const p of s.parked.splice(0)) p.leg.close(why);
  }

  /** Whether the current connection of a slot carries something, and its generation. */
  private current(s: Slot, now: number): { gen: number; flowing: boolean } | null {
    return s.leg ? { gen: s.leg.ref.gen, flowing: flowing(this.times(s), now) } : null;
  }

  private parkedFlowing(p: Parked, now: number): boolean {
    return flowing({ createdAt: p.leg.createdAt, lastFrameAt: null, lastBeatAt: p.leg.lastBeatAt }, now);
  }

  /**
   * Parked connections (see parkedVerdict): one goes back to work once it decodes pictures, if
   * the current one carries nothing or it is newer; one that carries nothing while the current
   * does, or an outranked one, is closed; each is closed after PARK_MS.
   */
  private checkParked(s: Slot, now: number): void {
    for (const p of [...s.parked]) {
      const cur = this.current(s, now);
      const pf = this.parkedFlowing(p, now);
      p.outrankedSince = cur?.flowing && pf && p.leg.ref.gen < cur.gen ? (p.outrankedSince ?? now) : null;
      const verdict = parkedVerdict(cur, { gen: p.leg.ref.gen, flowing: pf, outrankedSince: p.outrankedSince }, now);
      if (verdict === 'close' || now - p.at > PARK_MS) {
        s.parked = s.parked.filter((x) => x !== p);
        p.leg.close(verdict === 'close' ? `gen ${s.leg?.ref.gen ?? '?'} carries the link` : 'its link did not come back in time');
      } else if (verdict === 'take' && pf) {
        // Heartbeats through it while the current one carries nothing: take it now, its pictures
        // follow (waiting for getStats to show decoded frames cost a poll).
        this.takeParked(s, p, 'carries heartbeats');
      } else if (verdict === 'take' || verdict === 'take-on-pictures') this.checkOneParked(s, p);
    }
  }

  private checkOneParked(s: Slot, p: Parked): void {
    if (p.checking || p.frames === null) return;
    p.checking = true;
    void p.leg
      .framesDecoded()
      .then((n) => {
        p.checking = false;
        if (!s.parked.includes(p) || n === null || n <= p.frames!) return;
        const now = this.deps.now();
        const verdict = parkedVerdict(this.current(s, now), { gen: p.leg.ref.gen, flowing: this.parkedFlowing(p, now), outrankedSince: null }, now);
        if (verdict !== 'take' && verdict !== 'take-on-pictures') return;
        this.takeParked(s, p, 'decodes pictures');
      })
      .catch(() => (p.checking = false));
  }

  /** A parked connection becomes the link's connection (again). */
  private takeParked(s: Slot, p: Parked, why: string): void {
    const now = this.deps.now();
    const cur = s.leg;
    const curFlowing = flowing(this.times(s), now);
    s.parked = s.parked.filter((x) => x !== p);
    s.leg = p.leg;
    s.takenAt = now;
    s.gen = Math.max(s.gen, p.leg.ref.gen);
    // An older one that still carries something stays a moment: the other end may be on it.
    if (cur && curFlowing) s.parked.push({ leg: cur, at: now, frames: null, checking: false, outrankedSince: now });
    else cur?.close(`gen ${p.leg.ref.gen} carries the link`);
    const stream = this.streams.get(p.leg) ?? null;
    s.stream = stream;
    s.streamLeg = p.leg;
    s.video.srcObject = stream;
    void s.video.play().catch(() => undefined);
    if (this.shown === s.link && stream) this.playAudio(stream);
    this.deps.log?.(`${this.id} link ${s.link}: gen ${p.leg.ref.gen} ${why} ${Math.round(now - p.at)} ms after it was parked, taken`);
    this.deps.changed();
  }

  private frame(s: Slot, at: number): void {
    // Only frames of the current connection's own stream count (for the picture and its health).
    if (!s.leg || s.streamLeg !== s.leg) return;
    if (s.leg.lastFrameAt === null)
      this.deps.log?.(`${this.id} link ${s.link} gen ${s.leg.ref.gen}: first frame ${Math.round(at - s.leg.createdAt)} ms after it was made`);
    else if (s.leg.revivedAt !== null && s.leg.lastFrameAt < s.leg.revivedAt)
      this.deps.log?.(`${this.id} link ${s.link} gen ${s.leg.ref.gen}: picture back ${Math.round(at - s.leg.revivedAt)} ms after its heartbeats`);
    s.clock.frame(at);
    s.leg.lastFrameAt = at;
    if (this.firstFrameAt === null) {
      this.firstFrameAt = at;
      this.deps.log?.(`${this.id}: first frame over link ${s.link}, ${Math.round(at - this.since)} ms after we learned of it`);
      this.deps.changed();
    }
    const clocks: Partial<Record<LinkId, FrameClock>> = {};
    for (const x of this.slots.values()) clocks[x.link] = x.clock;
    const next = chooseShown(this.shown, clocks, at, this.shownAt);
    if (next !== this.shown && next !== null) this.show(next);
  }

  private show(link: LinkId): void {
    this.shown = link;
    this.shownAt = this.deps.now();
    for (const x of this.slots.values()) {
      const on = x.link === link;
      x.video.dataset.shown = on ? '1' : '0';
      x.video.classList.toggle('is-shown', on);
    }
    const s = this.slots.get(link);
    if (s?.stream) this.playAudio(s.stream);
    this.tellShown();
    this.deps.changed();
  }

  private playAudio(stream: MediaStream): void {
    const track = stream.getAudioTracks()[0];
    if (!track) return;
    if ((this.audio.srcObject as MediaStream | null)?.getAudioTracks()[0] === track) return;
    this.audio.srcObject = new MediaStream([track]);
    // Autoplay of sound can be refused without a user gesture; the picture does not depend on it.
    void this.audio.play().catch(() => undefined);
  }

  /** Tells the remote which of its links we show, at most every 300 ms (the last word wins). */
  private tellShown(): void {
    if (this.shownTimer) return;
    const wait = Math.max(0, this.lastShownSent + 300 - this.deps.now());
    this.shownTimer = setTimeout(() => {
      this.shownTimer = null;
      this.lastShownSent = this.deps.now();
      this.deps.send({ kind: 'shown', link: this.shown, session: this.deps.mySession() });
    }, wait);
  }
}
