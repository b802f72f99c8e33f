// A synthetic site of an sfu consultation: a Node WebRTC peer (werift, pure TypeScript) that joins
// the room through the hub's JSON-RPC (media.sfuJoin), publishes a pre-encoded VP8 test clip once
// (media.sfuPublish) and subscribes to the other sites it wants (media.sfuSubscribe/sfuAnswer; the
// feeds heard of within 150 ms of each other in one connection),
// counting what it receives per remote: RTP packets, frames (marker bit) and keyframes (VP8
// payload header). A remote counts as "showing" once a keyframe has arrived on the current
// subscription (a real decoder could draw from then on). It follows media.sfuFeeds: a new epoch
// (the room made again after a Janus restart) makes it publish and subscribe again.
//
// The clip: one ffmpeg (lavfi testsrc2, libvpx realtime, 320×240 at 15 fps, a keyframe every
// half second) sending RTP to a UDP port on loopback; `RtpClip` fans each packet out to every site's
// track (werift rewrites SSRC, payload type and sequence numbers per sender). One encoder for all
// sites keeps the CPU for the SFU and the peers.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import WebSocket from 'ws';
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, RtpPacket, useAudioLevelIndication } from 'werift';

// ---- the clip ---------------------------------------------------------------------------------
/** What a site sends: RTP packets as they come (a live encoder, or a recorded clip played again). */
export interface ClipSource {
  subscribe(l: (packet: Buffer) => void): () => void;
  stop(): Promise<void>;
}

export class RtpClip implements ClipSource {
  private readonly listeners = new Set<(packet: Buffer) => void>();
  packets = 0;
  private constructor(
    private readonly sock: Socket,
    private readonly ffmpeg: ChildProcess,
  ) {
    sock.on('message', (buf) => {
      this.packets++;
      for (const l of this.listeners) l(buf);
    });
  }

  /**
   * `seconds`: the encoder stops by itself after this long (default 900), even if its owner was killed.
   * `kind: 'audio'`: an Opus tone instead (lavfi sine, 440 Hz, 48 kHz mono, 20 ms packets, payload type 111).
   */
  static async start(opts: { fps?: number; size?: string; kbps?: number; seconds?: number; kind?: 'video' | 'audio' } = {}): Promise<RtpClip> {
    const sock = createSocket('udp4');
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', r));
    const port = sock.address().port;
    const fps = opts.fps ?? 15;
    // A keyframe about every half second: a browser answers the SFU's PLI with one at once, a shared
    // encoder cannot, so a new subscriber waits for the next one (0.27 s on average).
    const gop = Math.max(1, Math.round(fps / 2));
    const audio = [
      ...['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
      ...['-c:a', 'libopus', '-b:a', '32k', '-application', 'voip', '-frame_duration', '20', '-ac', '1'],
      ...['-t', String(opts.seconds ?? 900), '-vn', '-f', 'rtp', '-payload_type', '111', '-ssrc', '4321', `rtp://127.0.0.1:${port}?pkt_size=1200`],
    ];
    const ffmpeg = spawn(
      'ffmpeg',
      opts.kind === 'audio'
        ? audio
        : [
            ...['-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', `testsrc2=size=${opts.size ?? '320x240'}:rate=${fps}`],
            ...['-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', `${opts.kbps ?? 300}k`, '-g', String(gop), '-keyint_min', String(gop)],
            ...['-t', String(opts.seconds ?? 900), '-an', '-f', 'rtp', '-payload_type', '96', '-ssrc', '1234', `rtp://127.0.0.1:${port}?pkt_size=1200`],
          ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    const clip = new RtpClip(sock, ffmpeg);
    // The first packet: the encoder is running.
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('ffmpeg sent no RTP within 10 s')), 10_000);
      const first = (): void => (clearTimeout(t), clip.listeners.delete(first), resolve());
      clip.listeners.add(first);
      ffmpeg.once('exit', (code) => (clearTimeout(t), reject(new Error(`ffmpeg exited (${code})`))));
    });
    return clip;
  }

  subscribe(l: (packet: Buffer) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /**
   * Records `seconds` of a fresh encoder's RTP (from its first keyframe, whole frames) into `file`
   * (one line per packet: ms from the start, then the packet in base64), for ReplayClip: sites
   * that play it spend no CPU on encoding (eighteen encoders do not fit two cores).
   */
  static async record(file: string, seconds = 4, opts: { fps?: number; size?: string; kbps?: number } = {}): Promise<void> {
    const clip = await RtpClip.start({ ...opts, seconds: seconds + 3 });
    const lines: string[] = [];
    let t0 = 0;
    await new Promise<void>((resolve) => {
      const stop = clip.subscribe((buf) => {
        const p = RtpPacket.deSerialize(buf);
        if (lines.length === 0 && !isVp8KeyframeStart(p.payload)) return;
        const now = performance.now();
        if (lines.length === 0) t0 = now;
        // Ends on a frame's last packet once the time is up.
        lines.push(`${(now - t0).toFixed(1)} ${buf.toString('base64')}`);
        if (now - t0 >= seconds * 1000 && p.header.marker) (stop(), resolve());
      });
    });
    await clip.stop();
    writeFileSync(file, lines.join('\n') + '\n');
  }

  async stop(): Promise<void> {
    this.listeners.clear();
    if (this.ffmpeg.exitCode === null && this.ffmpeg.signalCode === null) {
      const gone = new Promise((r) => this.ffmpeg.once('exit', r));
      this.ffmpeg.kill('SIGKILL');
      await gone;
    }
    this.sock.close();
  }
}

/**
 * A clip recorded by RtpClip.record, played in a loop at its own pace: sequence numbers run on,
 * RTP timestamps continue across the loop (a receiver sees one endless stream starting on a keyframe).
 */
export class ReplayClip implements ClipSource {
  private readonly listeners = new Set<(packet: Buffer) => void>();
  private readonly packets: { at: number; raw: Buffer; ts: number }[];
  private readonly spanMs: number;
  private readonly tsSpan: number;
  private timer: NodeJS.Timeout | null = null;
  private seq = Math.floor(Math.random() * 30000);
  sent = 0;

  constructor(file: string) {
    this.packets = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const [at, b64] = l.split(' ');
        const raw = Buffer.from(b64, 'base64');
        return { at: Number(at), raw, ts: RtpPacket.deSerialize(raw).header.timestamp };
      });
    if (this.packets.length === 0) throw new Error(`${file}: no packets`);
    const first = this.packets[0].ts;
    const last = this.packets.at(-1)!.ts;
    const frameTs = 90000 / 15;
    this.tsSpan = (last - first + frameTs) >>> 0;
    this.spanMs = (this.tsSpan / 90000) * 1000;
    const start = performance.now();
    let i = 0;
    let loop = 0;
    const step = (): void => {
      const now = performance.now() - start;
      while (loop * this.spanMs + this.packets[i].at <= now) {
        const out = RtpPacket.deSerialize(this.packets[i].raw);
        out.header.sequenceNumber = this.seq;
        out.header.timestamp = (out.header.timestamp + loop * this.tsSpan) >>> 0;
        this.seq = (this.seq + 1) & 0xffff;
        const buf = out.serialize();
        this.sent++;
        for (const l of this.listeners) l(buf);
        if (++i === this.packets.length) ((i = 0), loop++);
      }
      this.timer = setTimeout(step, 5);
    };
    step();
  }

  subscribe(l: (packet: Buffer) => void): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  async stop(): Promise<void> {
    this.listeners.clear();
    if (this.timer) clearTimeout(this.timer);
    await Promise.resolve();
  }
}

// ---- JSON-RPC to the hub ---------------------------------------------------------------------------
export interface SiteRpc {
  call(method: string, params: object): Promise<any>;
  on(event: string, listener: (payload: any) => void): void;
  close(): void;
}

/** A JSON-RPC client over the hub's WebSocket (`ws://host:port/rpc?token=…`); an error reply rejects with its message. */
export function wsRpc(url: string): Promise<SiteRpc> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    let nextId = 1;
    const pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
    const listeners = new Map<string, ((p: any) => void)[]>();
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      if (msg.id === undefined && msg.method) {
        for (const l of listeners.get(msg.method) ?? []) l(msg.params);
        return;
      }
      const p = pending.get(msg.id);
      if (!p) return;
      pending.delete(msg.id);
      if (msg.error) p.reject(Object.assign(new Error(msg.error.message), { code: msg.error.code }));
      else p.resolve(msg.result);
    });
    ws.on('close', () => {
      for (const p of pending.values()) p.reject(new Error('socket closed'));
      pending.clear();
    });
    ws.once('error', reject);
    ws.once('open', () =>
      resolve({
        call(method, params) {
          const id = nextId++;
          return new Promise((res, rej) => {
            pending.set(id, { resolve: res, reject: rej });
            ws.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
          });
        },
        on(event, listener) {
          listeners.set(event, [...(listeners.get(event) ?? []), listener]);
        },
        close: () => ws.close(),
      }),
    );
  });
}

// ---- the site ---------------------------------------------------------------------------------
/** Our feed still not listed this long after Janus answered our offer (it hung up, or never connected): publish again. */
const REPUBLISH_AFTER_MS = 6000;
/** Feeds heard of within this long of each other are subscribed to in one connection (Janus multistream). */
const SUBSCRIBE_BATCH_MS = 150;
const vp8 = (): RTCRtpCodecParameters =>
  new RTCRtpCodecParameters({
    mimeType: 'video/VP8',
    clockRate: 90000,
    payloadType: 96,
    rtcpFeedback: [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }, { type: 'goog-remb' }],
  });

const opus = (): RTCRtpCodecParameters => new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2, payloadType: 111 });

/**
 * With `audio`, Opus is offered and answered too, with the audio-level header extension (RFC 6464) Janus reads for its talking events.
 * With `iceAddress`, ICE gathers on that local address only (one link's, as the page's connections announce only their link's candidates).
 */
const newPc = (audio = false, iceAddress?: string): RTCPeerConnection =>
  new RTCPeerConnection({
    iceServers: [],
    ...(iceAddress ? { iceInterfaceAddresses: { udp4: iceAddress }, iceUseIpv6: false } : {}),
    codecs: { video: [vp8()], audio: audio ? [opus()] : [] },
    ...(audio ? { headerExtensions: { audio: [useAudioLevelIndication()] } } : {}),
  });

/** The SDP with only the candidates whose address starts with `prefix` (the link's subnet); every candidate without one. */
export function keepCandidates<T extends { sdp: string }>(desc: T, prefix: string | undefined): T {
  if (!prefix) return desc;
  const sdp = desc.sdp
    .split('\r\n')
    .filter((l) => !l.startsWith('a=candidate:') || (l.split(' ')[4] ?? '').startsWith(prefix))
    .join('\r\n');
  return { ...desc, sdp };
}

/** The id the SDP gives the audio-level extension, if any. */
function audioLevelExtId(sdp: string): number | null {
  const m = /a=extmap:(\d+)(?:\/\w+)? urn:ietf:params:rtp-hdrext:ssrc-audio-level/.exec(sdp);
  return m ? Number(m[1]) : null;
}

async function gathered(pc: RTCPeerConnection): Promise<string> {
  if (pc.iceGatheringState !== 'complete') {
    await new Promise<void>((resolve) => {
      const { unSubscribe } = pc.iceGatheringStateChange.subscribe((s) => s === 'complete' && (unSubscribe(), resolve()));
      if (pc.iceGatheringState === 'complete') (unSubscribe(), resolve());
    });
  }
  return pc.localDescription!.sdp;
}

/** Whether a VP8 RTP payload starts a keyframe (RFC 7741 payload descriptor, then the VP8 header's P bit). */
export function isVp8KeyframeStart(payload: Buffer): boolean {
  if (payload.length < 2) return false;
  const b0 = payload[0];
  const start = (b0 & 0x10) !== 0 && (b0 & 0x07) === 0;
  if (!start) return false;
  let i = 1;
  if (b0 & 0x80) {
    const x = payload[i++];
    if (x & 0x80) i += payload[i] & 0x80 ? 2 : 1; // PictureID
    if (x & 0x40) i++; // TL0PICIDX
    if (x & 0x30) i++; // TID/KEYIDX
  }
  return i < payload.length && (payload[i] & 0x01) === 0;
}

export interface RemoteCount {
  participantId: string;
  feed: string;
  packets: number;
  frames: number;
  keyframes: number;
  bytes: number;
  /** performance.now() of the first keyframe on the current subscription; null: not showing. */
  showingSince: number | null;
  lastPacketAt: number | null;
  subscriptions: number;
  /** Audio (Opus) RTP packets received from it. */
  audioPackets: number;
}

interface Sub {
  /** The feeds it was made for (one connection carries them all). */
  feeds: string[];
  pc: RTCPeerConnection | null;
  id: string | null;
  closed: boolean;
}

export interface SiteOptions {
  rpc: SiteRpc;
  /** The link this site publishes and subscribes on (feed `<participant>.<link>`; default A): a dual-link site is two SyntheticSites. */
  link?: 'A' | 'B';
  /** ICE on this local address only (the link's). */
  iceAddress?: string;
  /** Only the engine's candidates whose address starts with this (the link's subnet, e.g. "10.231.1.") are used. */
  remotePrefix?: string;
  /** The consultation; empty: the site waits for one that invites it (`awaitInvitation`). */
  consultationId: string;
  participantId: string;
  clip: ClipSource;
  /** Which feeds to receive (default: every other site's on this site's link). */
  wants?: (feed: { feed: string; participantId: string; link?: string }) => boolean;
  log?: (line: string) => void;
  /** Each step with its time (performance.now()), for finding where a join spends its time. */
  trace?: (participantId: string, step: string) => void;
  /** An Opus clip (RtpClip.start({ kind: 'audio' })): the site publishes sound beside its picture, and subscribes to the others' sound. */
  audioClip?: ClipSource;
  /** Every received frame's end (the marker bit) of a remote's picture, as it arrives. */
  onFrame?: (participantId: string) => void;
  /** The level the site claims in each audio packet (RFC 6464: 0 loudest … 127 silence, dBov); read on every packet. Default 127. */
  audioLevel?: () => number;
}

export class SyntheticSite {
  readonly counts = new Map<string, RemoteCount>();
  epoch = 0;
  /** performance.now() when our publisher's PeerConnection was last connected; null while not. */
  publishingSince: number | null = null;
  bytesSent = 0;
  publishes = 0;
  /** While true, nothing is sent (the picture freezes at every receiver; to show a test sees a freeze). */
  paused = false;
  private pub: RTCPeerConnection | null = null;
  private publishing = false;
  private readonly subs = new Map<string, Sub>();
  private closed = false;
  private readonly track = new MediaStreamTrack({ kind: 'video' });
  private readonly audioTrack = new MediaStreamTrack({ kind: 'audio' });
  private readonly stopClip: () => void;
  private readonly stopAudio: () => void;
  /** The audio-level extension id of the current publisher (null: not negotiated). */
  private levelExt: number | null = null;
  audioBytesSent = 0;
  private readonly myFeed: string;
  private lastFeeds: { feed: string; participantId: string; link?: string }[] = [];
  private retry: NodeJS.Timeout | null = null;
  private publishedAt = 0;
  private tick: NodeJS.Timeout | null = null;
  private spare: Promise<{ pc: RTCPeerConnection; sdp: string }> | null = null;
  /** Feeds to subscribe to in the next batch (feed → participant). */
  private readonly pending = new Map<string, string>();
  private flushTimer: NodeJS.Timeout | null = null;

  constructor(readonly o: SiteOptions) {
    this.myFeed = `${o.participantId}.${o.link ?? 'A'}`;
    this.stopClip = o.clip.subscribe((buf) => {
      if (this.publishingSince === null || this.paused) return;
      this.bytesSent += buf.length;
      this.track.writeRtp(buf);
    });
    this.stopAudio =
      o.audioClip?.subscribe((buf) => {
        if (this.publishingSince === null) return;
        this.audioBytesSent += buf.length;
        if (this.levelExt === null) return this.audioTrack.writeRtp(buf);
        const rtp = RtpPacket.deSerialize(buf);
        const level = Math.max(0, Math.min(127, Math.round(this.o.audioLevel?.() ?? 127)));
        // One byte: the voice-activity bit, then the level.
        rtp.header.extension = true;
        rtp.header.extensions = [{ id: this.levelExt, payload: Buffer.from([(level < 127 ? 0x80 : 0) | level]) }];
        this.audioTrack.writeRtp(rtp);
      }) ?? (() => undefined);
  }

  /**
   * Like a street's page left open: its publisher's offer made ready now, and the site joins the
   * first live sfu consultation that invites it (consult.changed) as soon as it hears of it.
   */
  awaitInvitation(): Promise<void> {
    this.spare ??= this.prepare();
    return new Promise((resolve, reject) => {
      this.o.rpc.on('consult.changed', (c: { id: string; mode: string; endedAt: number | null; participants: { id: string }[] }) => {
        if (this.o.consultationId || c.mode !== 'sfu' || c.endedAt !== null || !c.participants.some((p) => p.id === this.o.participantId)) return;
        this.o.consultationId = c.id;
        this.start().then(resolve, reject);
      });
    });
  }

  async start(): Promise<void> {
    this.o.rpc.on('media.sfuFeeds', (room) => room.consultationId === this.o.consultationId && this.onRoom(room));
    const room = await this.o.rpc.call('media.sfuJoin', { consultationId: this.o.consultationId, participantId: this.o.participantId });
    this.onRoom(room);
    // What no push will say (our feed never listed after publishing): looked at again every second.
    this.tick = setInterval(() => this.epoch !== 0 && this.onRoom({ epoch: this.epoch, ready: true, feeds: this.lastFeeds }), 1000);
  }

  /** Remotes showing video now (a keyframe on the current subscription, a packet within `freshMs`). */
  showing(freshMs = 1500): string[] {
    const now = performance.now();
    return [...this.counts.values()]
      .filter((c) => c.showingSince !== null && c.lastPacketAt !== null && now - c.lastPacketAt <= freshMs)
      .map((c) => c.participantId);
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    if (this.tick) clearInterval(this.tick);
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.stopClip();
    this.stopAudio();
    await this.closeAll();
    if (this.spare) await (await this.spare).pc.close().catch(() => undefined);
    this.o.rpc.close();
  }

  private onRoom(room: { epoch: number; ready: boolean; feeds: { feed: string; participantId: string; link?: string }[] }): void {
    if (this.closed) return;
    if (this.o.trace && (room.ready !== (this.epoch !== 0) || room.epoch !== this.epoch || room.feeds.length !== this.lastFeeds.length))
      this.o.trace(this.o.participantId, `room: epoch ${room.epoch} ready ${room.ready} feeds ${room.feeds.length}`);
    if (!room.ready || room.epoch !== this.epoch) {
      // The room went (Janus restarting) or was made again: everything made on the old one is dead.
      void this.closeAll();
      this.epoch = room.ready ? room.epoch : 0;
      // While the room is being made again, our next offer is made ready (sent the moment it is).
      if (!room.ready) return void (this.spare ??= this.prepare());
    }
    this.lastFeeds = room.feeds;
    const feeds = new Set(room.feeds.map((f) => f.feed));
    // Our feed is listed once our connection with Janus is up; missing for long after that, it went (hung up): publish again.
    const pubState = this.pub?.connectionState;
    if (
      !feeds.has(this.myFeed) &&
      !this.publishing &&
      (this.pub === null || pubState === 'failed' || pubState === 'closed' || performance.now() - this.publishedAt > REPUBLISH_AFTER_MS)
    )
      void this.publish();
    const link = this.o.link ?? 'A';
    const wants = this.o.wants ?? ((f) => f.participantId !== this.o.participantId && (f.link ?? link) === link);
    for (const f of room.feeds) if (wants(f) && !this.subs.has(f.feed)) this.pending.set(f.feed, f.participantId);
    for (const feed of [...this.pending.keys()]) if (!feeds.has(feed)) this.pending.delete(feed);
    if (this.pending.size > 0) this.flushTimer ??= setTimeout(() => this.flush(), SUBSCRIBE_BATCH_MS);
    for (const feed of [...this.subs.keys()]) if (!feeds.has(feed)) this.dropFeed(feed);
  }

  private later(): void {
    if (this.retry || this.closed) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.onRoom({ epoch: this.epoch, ready: this.epoch !== 0, feeds: this.lastFeeds });
    }, 300);
  }

  private async publish(): Promise<void> {
    this.publishing = true;
    const epoch = this.epoch;
    this.pub?.close().catch(() => undefined);
    this.publishingSince = null;
    const spare = this.spare ?? this.prepare();
    this.spare = null;
    let made: { pc: RTCPeerConnection; sdp: string };
    try {
      made = await spare;
    } catch (err) {
      this.publishing = false;
      this.o.log?.(`${this.o.participantId}: offer: ${(err as Error).message}`);
      return this.later();
    }
    const { pc, sdp } = made;
    this.pub = pc;
    try {
      this.o.trace?.(this.o.participantId, 'publish: offer ready');
      const r = await this.o.rpc.call('media.sfuPublish', {
        consultationId: this.o.consultationId,
        participantId: this.o.participantId,
        link: this.o.link ?? 'A',
        offer: { type: 'offer', sdp },
      });
      if (this.pub !== pc || r.epoch !== this.epoch) return void pc.close().catch(() => undefined);
      pc.connectionStateChange.subscribe((s) => {
        if (this.pub !== pc) return;
        if (s === 'connected') ((this.publishingSince = performance.now()), this.o.trace?.(this.o.participantId, 'publish: connected'));
        if (s === 'failed' || s === 'closed') this.publishingSince = null;
      });
      this.o.trace?.(this.o.participantId, 'publish: answered');
      await pc.setRemoteDescription(keepCandidates(r.answer, this.o.remotePrefix));
      this.levelExt = this.o.audioClip ? audioLevelExtId(r.answer.sdp) : null;
      this.publishedAt = performance.now();
      this.publishes++;
    } catch (err) {
      this.o.log?.(`${this.o.participantId}: publish (epoch ${epoch}): ${(err as Error).message}`);
      this.o.trace?.(this.o.participantId, `publish: failed: ${(err as Error).message}`);
      if (this.pub === pc) this.pub = null;
      void pc.close().catch(() => undefined);
      this.later();
    } finally {
      this.publishing = false;
    }
  }

  /** A publisher's connection with its complete offer, not sent yet. */
  private async prepare(): Promise<{ pc: RTCPeerConnection; sdp: string }> {
    const pc = newPc(this.o.audioClip !== undefined, this.o.iceAddress);
    pc.addTransceiver(this.track, { direction: 'sendonly' });
    if (this.o.audioClip) pc.addTransceiver(this.audioTrack, { direction: 'sendonly' });
    await pc.setLocalDescription(await pc.createOffer());
    return { pc, sdp: await gathered(pc) };
  }

  /** Subscribes to every wanted feed heard of in the last SUBSCRIBE_BATCH_MS in one connection. */
  private flush(): void {
    this.flushTimer = null;
    const batch = [...this.pending];
    this.pending.clear();
    if (batch.length > 0 && !this.closed) void this.subscribe(batch);
  }

  private countFor(feed: string, participantId: string): RemoteCount {
    const count: RemoteCount = this.counts.get(participantId) ?? {
      participantId,
      feed,
      packets: 0,
      frames: 0,
      keyframes: 0,
      bytes: 0,
      showingSince: null,
      lastPacketAt: null,
      subscriptions: 0,
      audioPackets: 0,
    };
    count.feed = feed;
    count.showingSince = null;
    this.counts.set(participantId, count);
    return count;
  }

  private async subscribe(batch: [feed: string, participantId: string][]): Promise<void> {
    const feeds = batch.map(([f]) => f);
    const sub: Sub = { feeds, pc: null, id: null, closed: false };
    const byFeed = new Map(batch.map(([feed, pid]) => [feed, this.countFor(feed, pid)]));
    for (const f of feeds) this.subs.set(f, sub);
    try {
      this.o.trace?.(this.o.participantId, `subscribe ${feeds.join(',')}: request`);
      const r = await this.o.rpc.call('media.sfuSubscribe', { consultationId: this.o.consultationId, participantId: this.o.participantId, feeds });
      sub.id = r.subscriptionId;
      this.o.trace?.(this.o.participantId, `subscribe ${feeds.join(',')}: offer`);
      if (sub.closed) return void this.o.rpc.call('media.sfuUnsubscribe', { subscriptionId: r.subscriptionId }).catch(() => undefined);
      const midToFeed = new Map<string, string>((r.streams as { mid: string; feed: string }[]).map((x) => [x.mid, x.feed]));
      const pc = newPc(this.o.audioClip !== undefined, this.o.iceAddress);
      sub.pc = pc;
      pc.ontrack = (ev) => {
        const feed = midToFeed.get(ev.transceiver.mid ?? '') ?? (feeds.length === 1 ? feeds[0] : undefined);
        const count = feed ? byFeed.get(feed) : undefined;
        if (!feed || !count) return;
        const audio = ev.track.kind === 'audio';
        ev.track.onReceiveRtp.subscribe((rtp: RtpPacket) => {
          if (sub.closed || this.subs.get(feed) !== sub) return;
          if (audio) return void count.audioPackets++;
          const now = performance.now();
          count.packets++;
          count.bytes += rtp.payload.length + 12;
          count.lastPacketAt = now;
          if (rtp.header.marker) (count.frames++, this.o.onFrame?.(count.participantId));
          if (isVp8KeyframeStart(rtp.payload)) {
            count.keyframes++;
            if (count.showingSince === null) this.o.trace?.(this.o.participantId, `subscribe ${feed}: keyframe`);
            count.showingSince ??= now;
          }
        });
      };
      await pc.setRemoteDescription(keepCandidates(r.offer, this.o.remotePrefix));
      await pc.setLocalDescription(await pc.createAnswer());
      const sdp = await gathered(pc);
      if (sub.closed) return;
      this.o.trace?.(this.o.participantId, `subscribe ${feeds.join(',')}: answer ready`);
      await this.o.rpc.call('media.sfuAnswer', { subscriptionId: r.subscriptionId, answer: { type: 'answer', sdp } });
      this.o.trace?.(this.o.participantId, `subscribe ${feeds.join(',')}: started`);
      for (const c of byFeed.values()) c.subscriptions++;
    } catch (err) {
      this.o.log?.(`${this.o.participantId}: subscribe ${feeds.join(',')}: ${(err as Error).message}`);
      this.o.trace?.(this.o.participantId, `subscribe ${feeds.join(',')}: failed: ${(err as Error).message}`);
      for (const f of feeds) if (this.subs.get(f) === sub) this.dropFeed(f);
      this.later();
    }
  }

  /** A feed is no longer wanted or gone: its subscription ends once it carries no feed we still want. */
  private dropFeed(feed: string): void {
    const s = this.subs.get(feed);
    if (!s) return;
    this.subs.delete(feed);
    const c = [...this.counts.values()].find((x) => x.feed === feed);
    if (c) c.showingSince = null;
    if (s.feeds.some((f) => this.subs.get(f) === s)) return;
    s.closed = true;
    void s.pc?.close().catch(() => undefined);
    if (s.id) void this.o.rpc.call('media.sfuUnsubscribe', { subscriptionId: s.id }).catch(() => undefined);
  }

  private async closeAll(): Promise<void> {
    const pub = this.pub;
    this.pub = null;
    this.publishingSince = null;
    this.pending.clear();
    for (const feed of [...this.subs.keys()]) this.dropFeed(feed);
    await pub?.close().catch(() => undefined);
  }
}

// ---- as a process of its own (the district's machine in `npm run bench -- consult`) ----------------
/**
 * `node --import tsx tests/support/synthetic-site.ts run WS_URL PARTICIPANT`: one site with its own
 * encoder (its own ffmpeg, as a machine has its own camera), waiting for a consultation that
 * invites it. Prints `{"ready":true}` once armed, then a JSON line whenever what it shows changes
 * and every second: the time, epoch, remotes showing, bytes received and sent, frames per remote.
 */
async function runAsProcess(url: string, participantId: string): Promise<void> {
  const clip = await RtpClip.start();
  const trace = process.env.SFU_TRACE;
  const site = new SyntheticSite({
    rpc: await wsRpc(url),
    consultationId: '',
    participantId,
    clip,
    log: (l) => console.error(l),
    trace: trace ? (who, step) => appendFileSync(trace, `${Date.now()} ${who} ${step}\n`) : undefined,
  });
  let last = '';
  const report = (force: boolean): void => {
    const showing = site.showing().sort();
    const key = `${site.epoch}|${site.publishingSince !== null}|${showing.join(',')}`;
    if (!force && key === last) return;
    last = key;
    const counts = [...site.counts.values()];
    console.log(
      JSON.stringify({
        t: Date.now(),
        epoch: site.epoch,
        publishing: site.publishingSince !== null,
        showing,
        rxBytes: counts.reduce((n, c) => n + c.bytes, 0),
        txBytes: site.bytesSent,
        frames: Object.fromEntries(counts.map((c) => [c.participantId, c.frames])),
      }),
    );
  };
  const wait = site.awaitInvitation();
  console.log(JSON.stringify({ ready: true, pid: process.pid }));
  await wait;
  setInterval(() => report(false), 20);
  setInterval(() => report(true), 1000);
  process.on(
    'SIGTERM',
    () =>
      void site
        .stop()
        .then(() => clip.stop())
        .finally(() => process.exit(0)),
  );
}

if (process.argv[1]?.endsWith('synthetic-site.ts') && process.argv[2] === 'run') {
  runAsProcess(process.argv[3], process.argv[4]).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}

/** What a site in its own process last said (runAsProcess's JSON lines). */
export interface SiteReport {
  t: number;
  epoch: number;
  publishing: boolean;
  showing: string[];
  rxBytes: number;
  txBytes: number;
  frames: Record<string, number>;
}

/** A site started as a process of its own (its pid for CPU figures, its reports as they come). */
export class SiteProcess {
  last: SiteReport | null = null;
  private readonly waiters = new Set<() => void>();
  private constructor(readonly child: ChildProcess) {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        try {
          const msg = JSON.parse(line);
          if (typeof msg.t === 'number') this.last = msg as SiteReport;
        } catch {
          continue;
        }
        for (const w of [...this.waiters]) w();
      }
    });
  }

  /** Starts it and resolves once it is armed (waiting for an invitation). */
  static start(url: string, participantId: string, log: (l: string) => void = () => undefined): Promise<SiteProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', __filename, 'run', url, participantId], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stderr!.on('data', (d: Buffer) => log(d.toString().trim()));
    const site = new SiteProcess(child);
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`site ${participantId} not armed within 30 s`)), 30_000);
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('"ready":true') && (clearTimeout(t), resolve(site)));
      child.once('exit', (code) => (clearTimeout(t), reject(new Error(`site ${participantId} exited (${code})`))));
    });
  }

  /** Resolves with the first report satisfying ok (checked on every line). */
  until(ok: (r: SiteReport) => boolean, ms: number, what: string): Promise<SiteReport> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!this.last || !ok(this.last)) return;
        clearTimeout(t);
        this.waiters.delete(check);
        resolve(this.last);
      };
      const t = setTimeout(() => (this.waiters.delete(check), reject(new Error(`${what}: not within ${ms} ms (last ${JSON.stringify(this.last)})`))), ms);
      this.waiters.add(check);
      check();
    });
  }

  stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
      setTimeout(() => this.child.kill('SIGKILL'), 3000).unref();
    });
  }
}
