// One link of an sfu consultation: this site's socket to the district hub on the link, its
// publisher (the camera and microphone once, feed `<me>.<link>`) and its subscribers (every
// other site's feed on the same link, several in one connection), all restricted to the link's
// candidates (candidates.ts), ours and the engine's, as the mesh's connections are. The hub relays every handshake to
// the media engine (Janus) and pushes the room's feeds (media.sfuFeeds): a new feed is
// subscribed to (feeds heard of within SUBSCRIBE_BATCH_MS in one connection), a gone one
// dropped, and a new epoch (Janus restarted, the room made again) makes everything again, the
// next publisher's offer made ready while the room is being remade.
import type { Consultation, ControlMessage, Presence } from '@contract/consult';
import type { SfuFeed, SfuRoom } from '@contract/media';
import type { SocketState } from '../client/dual-hub';
import { SfuHub } from '../state/consult/sfu-hub';
import { filterSdp, type Cidr } from './candidates';
import { sampleStats, type LinkId } from './link-health';
import type { SfuRemote } from './sfu-remote';

// Twin in shape of src-main/core/media/supervisor.ts's constants (a block of named delays): an SFU link's republish, resubscribe and retry
// clocks here, Janus's restart back-off there, kept apart on purpose.
/** Our feed still not listed this long after the engine answered our offer (its connection never came up): publish again. */
const REPUBLISH_AFTER_MS = 5000;
/** Feeds heard of within this long of each other are subscribed to in one connection. */
const SUBSCRIBE_BATCH_MS = 120;
/**
 * A subscription that shows no picture this long after its handshake finished is made again (at
 * most this often per feed). The handshake itself is not counted: under load the media engine's
 * offer and start took 1.5–4.5 s each, and a clock started at the request made every subscription
 * of a busy room "silent" before it could show anything, so they were torn down and made again in
 * a loop (e2e consult-sfu, s5).
 */
const RESUBSCRIBE_AFTER_MS = 3000;
/** A subscription that failed (refused, timed out) is tried again after this long, not at the next tick. */
const RETRY_FAILED_MS = 1000;
/** A tick this late means the page itself was not running: frames may still be queued, so silence is not judged for a while. */
const PAGE_STALL_MS = 1000;
/** An offer or answer goes once ICE gathering is complete (no trickle through the hub), or after this long with what it has. */
const GATHER_MAX_MS = 1500;
/** The camera's encoding towards the engine: up to 18 sites receive it. */
const PUBLISH_MAX_BITRATE = 800_000;

export interface SfuLinkDeps {
  link: LinkId;
  url: string;
  subnet: Cidr | null;
  me: string;
  iceServers: RTCIceServer[];
  now: () => number;
  consultation: () => Consultation;
  session: () => string;
  localStream: () => MediaStream | null;
  /** The tile of another site (made on first sight). */
  remote: (participantId: string) => SfuRemote;
  socket: (link: LinkId, state: SocketState) => void;
  /** This link's socket opened: the other link's may stop waiting out its back-off. */
  opened: (link: LinkId) => void;
  changed: (c: Consultation) => void;
  control: (m: ControlMessage) => void;
  presence: (p: Presence) => void;
  /** The room as this link last heard it (for the view). */
  room: (link: LinkId, room: SfuRoom) => void;
  log: (msg: string) => void;
}

interface Sub {
  feeds: Map<string, string>; // feed → participant
  pc: RTCPeerConnection | null;
  id: string | null;
  closed: boolean;
  /** When the media engine acknowledged our answer (null: the handshake is still going). */
  startedAt: number | null;
  /** mid → feed (each feed has a video and an audio stream). */
  mids: Map<string, string>;
}

async function gathered(pc: RTCPeerConnection): Promise<string> {
  if (pc.iceGatheringState !== 'complete') {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, GATHER_MAX_MS);
      pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && (clearTimeout(t), resolve()));
    });
  }
  return pc.localDescription!.sdp;
}

export class SfuLink {
  readonly link: LinkId;
  readonly hub: SfuHub;
  state: SocketState = 'off';
  epoch = 0;
  /** Taking part: the socket joins the room whenever it opens. */
  private active = false;
  private pub: RTCPeerConnection | null = null;
  private publishing = false;
  private publishedAt = 0;
  private spare: Promise<{ pc: RTCPeerConnection; sdp: string }> | null = null;
  private readonly subs = new Map<string, Sub>();
  private readonly pending = new Map<string, string>();
  private readonly lastTry = new Map<string, number>();
  /** Feeds whose last subscription failed: not tried again before this time. */
  private readonly retryAt = new Map<string, number>();
  private lastTick: number | null = null;
  /** Silence is judged only from this time on (after the page stalled). */
  private judgeAfter = 0;
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  private feeds: SfuFeed[] = [];
  private lastRoom: SfuRoom | null = null;
  private joining: Promise<void> | null = null;
  private disposed = false;

  constructor(private readonly d: SfuLinkDeps) {
    this.link = d.link;
    this.hub = new SfuHub(d.url, {
      socket: (s) => {
        this.state = s;
        d.socket(d.link, s);
      },
      opened: () => {
        d.opened(d.link);
        // Everything bound to the old socket went with it on the hub: made again on this one.
        if (this.active) {
          this.closeAll();
          this.epoch = 0;
          void this.joinRoom();
        }
      },
      feeds: (room) => room.consultationId === this.cid() && this.onRoom(room),
      changed: d.changed,
      control: d.control,
      presence: d.presence,
    });
  }

  private cid(): string {
    return this.d.consultation().id;
  }

  /** Makes the publisher's offer ready now (the camera is on), so joining sends it at once. */
  prepareOffer(): void {
    if (this.d.localStream()) this.spare ??= this.prepare();
  }

  /** Into the call on this link: joins now if the socket is open, else when it opens. */
  enter(): Promise<void> {
    this.active = true;
    return this.state === 'open' ? this.joinRoom() : Promise.resolve();
  }

  /** Out of the call: every connection closed; `leave` also tells the hub (the operator left). */
  async exit(leave: boolean): Promise<void> {
    const was = this.active;
    this.active = false;
    this.closeAll();
    this.epoch = 0;
    if (!was || !leave || this.state !== 'open') return;
    const site = { consultationId: this.cid(), participantId: this.d.me };
    await Promise.all([this.hub.sfuLeave(site).catch(() => undefined), this.hub.leave({ ...site, session: this.d.session() }).catch(() => undefined)]);
  }

  dispose(): void {
    this.disposed = true;
    this.active = false;
    this.closeAll();
    if (this.spare) void this.spare.then(({ pc }) => pc.close()).catch(() => undefined);
    this.spare = null;
    this.hub.dispose();
  }

  /** Checks what no push says: our publisher never came up, a subscription that shows nothing. */
  tick(): void {
    if (!this.active || this.epoch === 0) return;
    if (this.lastRoom) this.onRoom({ ...this.lastRoom, epoch: this.epoch, ready: true, feeds: this.feeds });
    const now = this.d.now();
    // After the page itself stalled (a busy main thread), frames that did arrive are still queued: judge nobody yet.
    if (this.lastTick !== null && now - this.lastTick > PAGE_STALL_MS) this.judgeAfter = now + PAGE_STALL_MS;
    this.lastTick = now;
    if (now < this.judgeAfter) return;
    for (const [feed, sub] of this.subs) {
      if (!sub.pc || sub.closed) continue;
      const r = this.d.remote(sub.feeds.get(feed)!);
      const failed = sub.pc.connectionState === 'failed' || sub.pc.connectionState === 'closed';
      const silent =
        sub.startedAt !== null &&
        now - sub.startedAt > RESUBSCRIBE_AFTER_MS &&
        !r.fresh(this.link, RESUBSCRIBE_AFTER_MS) &&
        !r.receiving(this.link, RESUBSCRIBE_AFTER_MS);
      if ((failed || silent) && now - (this.lastTry.get(feed) ?? 0) > RESUBSCRIBE_AFTER_MS) {
        this.d.log(`link ${this.link}: ${feed} ${failed ? 'connection failed' : 'shows nothing'}: subscribing again`);
        this.dropFeed(feed);
      }
    }
  }

  /** The picture each subscription brings (getStats, cut to each feed's streams). */
  async sample(): Promise<void> {
    const seen = new Set<Sub>();
    for (const sub of this.subs.values()) {
      if (seen.has(sub) || !sub.pc || sub.closed) continue;
      seen.add(sub);
      const report = await sub.pc.getStats().catch(() => null);
      if (!report) continue;
      const all = [...report.values()] as { type: string; mid?: string; [k: string]: unknown }[];
      for (const [feed, participant] of sub.feeds) {
        if (this.subs.get(feed) !== sub) continue;
        const mine = all.filter((s) => s.type !== 'inbound-rtp' || (typeof s.mid === 'string' && sub.mids.get(s.mid) === feed));
        this.d.remote(participant).sample(this.link, sampleStats(mine, this.d.now()));
      }
    }
  }

  /** Swaps an outgoing track (camera change, screen share) without a new handshake. */
  async replace(track: MediaStreamTrack): Promise<void> {
    const sender = this.pub?.getSenders().find((s) => s.track?.kind === track.kind);
    if (sender) await sender.replaceTrack(track);
  }

  // ---- the room -------------------------------------------------------------------------------
  private joinRoom(): Promise<void> {
    this.joining ??= (async () => {
      const site = { consultationId: this.cid(), participantId: this.d.me };
      try {
        const [, room] = await Promise.all([this.hub.join({ ...site, session: this.d.session(), link: this.link }), this.hub.sfuJoin(site)]);
        if (this.active) this.onRoom(room);
      } catch (err) {
        this.d.log(`link ${this.link}: joining the room failed: ${String(err)}`);
        throw err;
      } finally {
        this.joining = null;
      }
    })();
    return this.joining;
  }

  private onRoom(room: SfuRoom): void {
    if (this.disposed || !this.active) return;
    this.lastRoom = room;
    this.d.room(this.link, room);
    if (!room.ready || room.epoch !== this.epoch) {
      if (room.ready || this.epoch !== 0) this.d.log(`link ${this.link}: room ${room.ready ? `epoch ${room.epoch}` : 'gone'} (${room.feeds.length} feeds)`);
      // The room went (the engine restarting) or was made again: everything made on the old one is dead.
      if (this.epoch !== 0 || !room.ready) this.closeAll();
      this.epoch = room.ready ? room.epoch : 0;
      if (!room.ready) {
        this.feeds = [];
        return this.prepareOffer();
      }
    }
    this.feeds = room.feeds;
    const listed = new Set(room.feeds.map((f) => f.feed));
    const mine = `${this.d.me}.${this.link}`;
    const state = this.pub?.connectionState;
    if (
      !listed.has(mine) &&
      !this.publishing &&
      (this.pub === null || state === 'failed' || state === 'closed' || this.d.now() - this.publishedAt > REPUBLISH_AFTER_MS)
    )
      void this.publish();
    const now = this.d.now();
    for (const f of room.feeds) {
      if (f.participantId === this.d.me || f.link !== this.link || this.subs.has(f.feed) || now < (this.retryAt.get(f.feed) ?? 0)) continue;
      this.pending.set(f.feed, f.participantId);
    }
    for (const feed of [...this.pending.keys()]) if (!listed.has(feed)) this.pending.delete(feed);
    if (this.pending.size > 0) this.flushTimer ??= setTimeout(() => this.flush(), SUBSCRIBE_BATCH_MS);
    for (const feed of [...this.subs.keys()]) if (!listed.has(feed)) this.dropFeed(feed, true);
  }

  // ---- publishing -------------------------------------------------------------------------------
  private async prepare(): Promise<{ pc: RTCPeerConnection; sdp: string }> {
    const stream = this.d.localStream();
    if (!stream) throw new Error('the camera is not on');
    const pc = new RTCPeerConnection({ iceServers: this.d.iceServers, bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    for (const track of stream.getTracks()) {
      const t = pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
      if (track.kind === 'video') {
        const p = t.sender.getParameters();
        if (p.encodings?.[0]) {
          p.encodings[0].maxBitrate = PUBLISH_MAX_BITRATE;
          await t.sender.setParameters(p).catch(() => undefined);
        }
      }
    }
    const t0 = this.d.now();
    await pc.setLocalDescription(await pc.createOffer());
    const sdp = filterSdp(await gathered(pc), this.d.subnet);
    this.d.log(`link ${this.link}: offer ready in ${Math.round(this.d.now() - t0)} ms (gathering ${pc.iceGatheringState})`);
    return { pc, sdp };
  }

  private async publish(): Promise<void> {
    this.d.log(`link ${this.link}: publishing (epoch ${this.epoch}, offer ${this.spare ? 'made ready' : 'to make'})`);
    this.publishing = true;
    const epoch = this.epoch;
    this.pub?.close();
    this.pub = null;
    const spare = this.spare ?? this.prepare();
    this.spare = null;
    let made: { pc: RTCPeerConnection; sdp: string };
    try {
      made = await spare;
    } catch (err) {
      this.publishing = false;
      this.d.log(`link ${this.link}: offer: ${String(err)}`);
      return;
    }
    const { pc, sdp } = made;
    if (!this.active || epoch !== this.epoch) {
      this.publishing = false;
      pc.close();
      return;
    }
    this.pub = pc;
    try {
      const t0 = this.d.now();
      const r = await this.hub.publish({ consultationId: this.cid(), participantId: this.d.me, link: this.link, offer: { type: 'offer', sdp } });
      if (this.pub !== pc || r.epoch !== this.epoch) return void pc.close();
      await pc.setRemoteDescription(this.onThisLink(r.answer));
      this.publishedAt = this.d.now();
      this.d.log(`link ${this.link}: publishing ${r.feed} (epoch ${r.epoch}), answered in ${Math.round(this.publishedAt - t0)} ms`);
    } catch (err) {
      this.d.log(`link ${this.link}: publish (epoch ${epoch}): ${String(err)}`);
      if (this.pub === pc) this.pub = null;
      pc.close();
    } finally {
      this.publishing = false;
    }
  }

  /**
   * The engine's offer or answer with only its candidates on this link: Janus lists every address
   * it has (both links), and a connection told of the other link's address used it (ICE found the
   * pair through our other interface), so a feed "on link A" went on over link B when A was cut
   * and the two links were not two paths any more (namespace bench, s13: the district kept
   * rendering a street's link-A feed through a 3 s cut of that street's link A).
   */
  private onThisLink<T extends { type: 'offer' | 'answer'; sdp: string }>(d: T): T {
    return { ...d, sdp: filterSdp(d.sdp, this.d.subnet) };
  }

  // ---- subscribing ------------------------------------------------------------------------------
  private flush(): void {
    this.flushTimer = null;
    const batch = [...this.pending];
    this.pending.clear();
    if (batch.length > 0 && this.active) void this.subscribe(batch);
  }

  private async subscribe(batch: [feed: string, participant: string][]): Promise<void> {
    const now = this.d.now();
    const sub: Sub = { feeds: new Map(batch), pc: null, id: null, closed: false, startedAt: null, mids: new Map() };
    for (const [feed, participant] of batch) {
      this.subs.set(feed, sub);
      this.lastTry.set(feed, now);
      this.d.remote(participant).pending(this.link, true);
    }
    const feeds = batch.map(([f]) => f);
    const epoch = this.epoch;
    this.d.log(`link ${this.link}: subscribing ${feeds.join(',')} (epoch ${epoch})`);
    try {
      const r = await this.hub.subscribe({ consultationId: this.cid(), participantId: this.d.me, feeds });
      sub.id = r.subscriptionId;
      this.d.log(`link ${this.link}: offer for ${feeds.join(',')} in ${Math.round(this.d.now() - now)} ms`);
      if (sub.closed || r.epoch !== this.epoch) {
        sub.closed = true;
        return void this.hub.unsubscribe(r.subscriptionId).catch(() => undefined);
      }
      for (const s of r.streams) sub.mids.set(s.mid, s.feed);
      const pc = new RTCPeerConnection({ iceServers: this.d.iceServers, bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
      sub.pc = pc;
      pc.ontrack = (ev) => {
        const feed = sub.mids.get(ev.transceiver.mid ?? '') ?? (feeds.length === 1 ? feeds[0] : undefined);
        const participant = feed ? sub.feeds.get(feed) : undefined;
        if (!feed || !participant || sub.closed || this.subs.get(feed) !== sub) return;
        const remote = this.d.remote(participant);
        remote.setTrack(this.link, ev.track);
        if (ev.track.kind === 'video') remote.pending(this.link, false);
      };
      await pc.setRemoteDescription(this.onThisLink(r.offer));
      await pc.setLocalDescription(await pc.createAnswer());
      const sdp = filterSdp(await gathered(pc), this.d.subnet);
      if (sub.closed) return;
      await this.hub.answer({ subscriptionId: r.subscriptionId, answer: { type: 'answer', sdp } });
      sub.startedAt = this.d.now();
      this.d.log(`link ${this.link}: subscribed ${feeds.join(',')} in ${Math.round(sub.startedAt - now)} ms`);
    } catch (err) {
      this.d.log(`link ${this.link}: subscribe ${feeds.join(',')}: ${String(err)}`);
      for (const f of feeds) {
        if (this.subs.get(f) !== sub) continue;
        this.retryAt.set(f, this.d.now() + RETRY_FAILED_MS);
        this.dropFeed(f);
      }
    }
  }

  /** A feed gone or not showing: its subscription ends once it carries nothing we still want; `gone`: its tile is cleared. */
  private dropFeed(feed: string, gone = false): void {
    const s = this.subs.get(feed);
    if (!s) return;
    this.subs.delete(feed);
    const participant = s.feeds.get(feed)!;
    const remote = this.d.remote(participant);
    remote.pending(this.link, !gone && this.active);
    if (gone) remote.clear(this.link);
    if ([...s.feeds.keys()].some((f) => this.subs.get(f) === s)) return;
    s.closed = true;
    s.pc?.close();
    if (s.id) void this.hub.unsubscribe(s.id).catch(() => undefined);
  }

  private closeAll(): void {
    this.retryAt.clear();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    this.pending.clear();
    for (const feed of [...this.subs.keys()]) this.dropFeed(feed);
    this.pub?.close();
    this.pub = null;
    this.publishing = false;
  }
}
