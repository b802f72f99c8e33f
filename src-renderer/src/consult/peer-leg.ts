// One WebRTC connection to one remote participant over one link (a "leg"), built with
// simple-peer. It announces only its link's candidates, beats a heartbeat on an unreliable data
// channel (so liveness does not depend on the remote's camera), and can lower or raise its video
// encoding (low-bandwidth mode keeps the standby link light). When its heartbeats come back after
// a silence (its link returned) it sends a keyframe at once, and another whenever the remote asks
// on the data channel (POLICY.keyframeWaitMs: the receiver's own request comes only after 3 s).
import SimplePeer from 'simple-peer/simplepeer.min.js';
import type { Instance as PeerInstance, SignalData } from 'simple-peer';
import type { PcRef, PeerData } from '@contract/consult';
import { filterSdp, judgeCandidate, type Cidr } from './candidates';
import { keyframeWait, POLICY, revivedBy, sampleStats, type RevivalTimes, type StatsSample } from './link-health';

/** Data channel messages: a heartbeat, and a request for a keyframe (both count as heartbeats). */
const BEAT = 'h';
const KEYFRAME_PLEASE = 'k';

export type Quality = 'high' | 'low';

/** Encodings per quality: low is for a standby link in low-bandwidth mode. */
const ENCODING: Record<Quality, { maxBitrate: number; scaleResolutionDownBy: number; maxFramerate?: number }> = {
  high: { maxBitrate: 1_200_000, scaleResolutionDownBy: 1 },
  low: { maxBitrate: 120_000, scaleResolutionDownBy: 2 },
};

export interface PeerLegOptions {
  ref: PcRef;
  initiator: boolean;
  stream: MediaStream;
  /** Only candidates in this subnet are announced; null announces all (single mode). */
  subnet: Cidr | null;
  iceServers: RTCIceServer[];
  quality: Quality;
  now: () => number;
  onSignal(data: PeerData): void;
  onStream(stream: MediaStream): void;
  onClose(why: string): void;
  onDropped?(candidate: string, why: string): void;
  /**
   * Gathering ended without one candidate on this link (its interface is down or has lost its
   * address): this connection can never carry anything, even once the link is back.
   */
  onAddressless?(): void;
  /** Diagnostics: ICE and gathering as they change (the endpoint's log). */
  log?(msg: string): void;
}

export class PeerLeg {
  readonly ref: PcRef;
  readonly createdAt: number;
  lastBeatAt: number | null = null;
  /** Set by the owner from rendered frames of this leg's stream. */
  lastFrameAt: number | null = null;
  connectedAt: number | null = null;
  closed = false;
  /** Local candidates announced (on this link). */
  usableCandidates = 0;
  /** The remote's candidates received. */
  remoteCandidates = 0;
  /** Gathering ended with no candidate on this link. */
  addressless = false;
  /** When heartbeats came back after a silence of more than deadAfterMs (see POLICY.keyframeWaitMs). */
  revivedAt: number | null = null;
  /** Keyframes asked of the remote since the revival, and the latest ask. */
  keyframeAsks = 0;
  lastKeyframeAskAt: number | null = null;
  private lastKeyframeAt = -Infinity;
  /** A keyframe asked for within keyframeMinGapMs of the last, made when the gap ends (keyframeWait). */
  private keyframeTimer: ReturnType<typeof setTimeout> | null = null;
  /** setParameters calls one after the other (two at once: the second is refused). */
  private params: Promise<void> = Promise.resolve();
  private readonly peer: PeerInstance;
  private readonly beat: ReturnType<typeof setInterval>;
  private quality: Quality;
  private lastSample: StatsSample | null = null;

  constructor(private readonly opts: PeerLegOptions) {
    this.ref = opts.ref;
    this.createdAt = opts.now();
    this.quality = opts.quality;
    this.peer = new SimplePeer({
      initiator: opts.initiator,
      stream: opts.stream,
      trickle: true,
      config: { iceServers: opts.iceServers, bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' },
      // Heartbeats must not queue behind lost ones: unordered, never retransmitted.
      channelConfig: { ordered: false, maxRetransmits: 0 },
      sdpTransform: (sdp) => filterSdp(sdp, opts.subnet),
    });
    this.peer.on('signal', (data: SignalData) => this.outgoing(data));
    this.peer.on('stream', (s: MediaStream) => opts.onStream(s));
    this.peer.on('connect', () => {
      this.connectedAt = opts.now();
      void this.applyQuality();
    });
    this.peer.on('data', (data: unknown) => this.onData(data));
    this.peer.on('error', (err: Error) => this.close(`error: ${err.message}`));
    this.peer.on('close', () => this.close('closed by the remote or the browser'));
    this.pc()?.addEventListener('icegatheringstatechange', () => this.gathered());
    this.pc()?.addEventListener('iceconnectionstatechange', () => {
      const pc = this.pc();
      if (pc && !this.closed) opts.log?.(`ice ${pc.iceConnectionState} after ${Math.round(opts.now() - this.createdAt)} ms`);
    });
    this.beat = setInterval(() => {
      if (!this.peer.connected) return;
      try {
        this.peer.send(BEAT);
      } catch {
        /* the channel is closing; the close event follows */
      }
    }, POLICY.heartbeatMs);
  }

  /** The remote's offer, answer or candidate for this connection. */
  signal(data: PeerData): void {
    if (this.closed) return;
    if (data.type === 'candidate' && data.candidate.candidate.trim() !== '') this.remoteCandidates++;
    try {
      this.peer.signal(data as SignalData);
    } catch (err) {
      this.close(`bad signal: ${String(err)}`);
    }
  }

  setQuality(q: Quality): void {
    if (q === this.quality) return;
    this.quality = q;
    void this.applyQuality();
  }

  /** What the owner needs to judge whether to ask for a keyframe (keyframeDue). */
  revival(): RevivalTimes {
    return {
      revivedAt: this.revivedAt,
      lastBeatAt: this.lastBeatAt,
      lastFrameAt: this.lastFrameAt,
      asks: this.keyframeAsks,
      lastAskAt: this.lastKeyframeAskAt,
    };
  }

  /** Asks the remote for a keyframe on the data channel (unreliable: the owner asks again). */
  askKeyframe(): void {
    this.keyframeAsks++;
    this.lastKeyframeAskAt = this.opts.now();
    if (!this.peer.connected) return;
    try {
      this.peer.send(KEYFRAME_PLEASE);
    } catch {
      /* the channel is closing */
    }
  }

  /**
   * Makes the encoder send a keyframe now: the one encoding made inactive and active again (the
   * only way Chromium 156 offers a page: it has no RTCRtpSender.generateKeyFrame; a new maxBitrate
   * or replaceTrack does not do it, measured with keyFramesEncoded). At most every keyframeMinGapMs:
   * one asked for sooner is made when the gap ends (keyframeWait), and asks meanwhile join it.
   */
  sendKeyframe(why: string): void {
    if (this.closed || this.keyframeTimer) return;
    const now = this.opts.now();
    const wait = keyframeWait(this.lastKeyframeAt, now);
    if (wait > 0) {
      this.keyframeTimer = setTimeout(() => {
        this.keyframeTimer = null;
        this.sendKeyframe(`${why} (held ${Math.round(wait)} ms: one was just made)`);
      }, wait);
      return;
    }
    this.lastKeyframeAt = now;
    this.opts.log?.(`keyframe: ${why}`);
    void this.withParams(async (sender) => {
      for (const active of [false, true]) {
        const p = sender.getParameters();
        if (!p.encodings || p.encodings.length === 0) return;
        p.encodings[0].active = active;
        await sender.setParameters(p);
      }
    });
  }

  /** Swaps the outgoing video (camera change, screen share) without renegotiating. */
  async replaceVideo(track: MediaStreamTrack): Promise<void> {
    const sender = this.pc()
      ?.getSenders()
      .find((s) => s.track?.kind === 'video');
    if (sender) await sender.replaceTrack(track);
  }

  async replaceAudio(track: MediaStreamTrack): Promise<void> {
    const sender = this.pc()
      ?.getSenders()
      .find((s) => s.track?.kind === 'audio');
    if (sender) await sender.replaceTrack(track);
  }

  /**
   * Video frames decoded so far (null if the connection is gone): proof that pictures flow again.
   * Packets are not: after an outage they flow a while before a keyframe makes them decodable.
   */
  async framesDecoded(): Promise<number | null> {
    const pc = this.pc();
    if (!pc || this.closed) return null;
    const report = await pc.getStats();
    let n: number | null = null;
    report.forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video' && typeof s.framesDecoded === 'number') n = (n ?? 0) + s.framesDecoded;
    });
    return n;
  }

  /** Counters since the previous call (null if the connection is gone). */
  async stats(): Promise<{ prev: StatsSample | null; cur: StatsSample } | null> {
    const pc = this.pc();
    if (!pc || this.closed) return null;
    const report = await pc.getStats();
    const cur = sampleStats(report.values() as Iterable<{ type: string }>, this.opts.now());
    const prev = this.lastSample;
    this.lastSample = cur;
    return { prev, cur };
  }

  close(why: string): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.beat);
    if (this.keyframeTimer) clearTimeout(this.keyframeTimer);
    try {
      this.peer.destroy();
    } catch {
      /* already destroyed */
    }
    this.opts.onClose(why);
  }

  private outgoing(data: SignalData): void {
    if (this.closed) return;
    if ('candidate' in data && data.type === 'candidate') {
      const c = data.candidate as { candidate: string; sdpMLineIndex?: number | null; sdpMid?: string | null };
      const verdict = judgeCandidate(c.candidate, this.opts.subnet);
      if (verdict !== 'keep') {
        this.opts.onDropped?.(c.candidate, verdict);
        return;
      }
      if (c.candidate.trim() !== '') this.usableCandidates++;
      this.opts.onSignal({ type: 'candidate', candidate: { candidate: c.candidate, sdpMLineIndex: c.sdpMLineIndex ?? null, sdpMid: c.sdpMid ?? null } });
      return;
    }
    if ('sdp' in data && (data.type === 'offer' || data.type === 'answer') && typeof data.sdp === 'string') {
      this.opts.onSignal({ type: data.type, sdp: data.sdp });
      return;
    }
    // Renegotiation requests never happen here: tracks are swapped with replaceTrack.
    console.warn('[consult] ignoring a simple-peer signal we do not relay', data);
  }

  private gathered(): void {
    const pc = this.pc();
    if (this.closed || !pc || pc.iceGatheringState !== 'complete') return;
    this.opts.log?.(`gathered ${this.usableCandidates} candidates on the link, ${this.remoteCandidates} from the remote so far`);
    if (this.usableCandidates > 0 || this.addressless) return;
    this.addressless = true;
    this.opts.onAddressless?.();
  }

  /** A heartbeat or a keyframe request on the data channel. */
  private onData(data: unknown): void {
    const now = this.opts.now();
    if (revivedBy(this.lastBeatAt, now)) {
      this.opts.log?.(`heartbeats back after ${Math.round(now - this.lastBeatAt!)} ms of silence`);
      this.revivedAt = now;
      this.keyframeAsks = 0;
      this.lastKeyframeAskAt = null;
      // The remote shows nothing of ours until a keyframe (what was lost is not retransmitted).
      this.sendKeyframe('the link is back');
    }
    this.lastBeatAt = now;
    const first = typeof data === 'string' ? data[0] : data instanceof Uint8Array ? String.fromCharCode(data[0] ?? 0) : '';
    if (first === KEYFRAME_PLEASE) this.sendKeyframe('the remote asked for one');
  }

  /** Runs one change of the video sender's parameters after the previous one has finished. */
  private withParams(change: (sender: RTCRtpSender) => Promise<void>): Promise<void> {
    this.params = this.params.then(async () => {
      const sender = this.pc()
        ?.getSenders()
        .find((s) => s.track?.kind === 'video');
      if (!sender || this.closed) return;
      try {
        await change(sender);
      } catch (err) {
        console.warn('[consult] could not set the video encoding', err);
      }
    });
    return this.params;
  }

  private applyQuality(): Promise<void> {
    return this.withParams(async (sender) => {
      const params = sender.getParameters();
      if (!params.encodings || params.encodings.length === 0) return;
      const e = ENCODING[this.quality];
      params.encodings[0].maxBitrate = e.maxBitrate;
      params.encodings[0].scaleResolutionDownBy = e.scaleResolutionDownBy;
      await sender.setParameters(params);
    });
  }

  /** The ICE connection state (for the log). */
  iceState(): string {
    return this.pc()?.iceConnectionState ?? 'none';
  }

  /** simple-peer keeps its RTCPeerConnection in `_pc`; stats and senders need it. */
  private pc(): RTCPeerConnection | null {
    return (this.peer as unknown as { _pc?: RTCPeerConnection })._pc ?? null;
  }
}
