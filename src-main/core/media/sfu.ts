// The whole-district consultation through the SFU: one Janus VideoRoom room per live consultation
// in mode "sfu" (room id = consultation id; its secret and pin made here and never given out),
// made again after every Janus restart (a new epoch) and destroyed when the consultation ends.
// Every handshake of a site goes through here over janode: its publisher (its complete offer in,
// Janus's answer out) and its subscriber handles, each carrying one or more feeds in one
// connection (Janus's offer out, its answer in), so a site never talks to Janus. The room's feeds are pushed to the joined connections
// (`media.sfuFeeds`) on every change. Everything held on a Janus goes when that Janus goes.
import { randomBytes } from 'node:crypto';
import type { Log } from '../capability';
import type { ConnectionRegistry } from '../connections';
import { SFU_MAX_SITES, STREET_PARTICIPANTS, type Consultation } from '../contract/consult';
import { RefusedError, RpcCode, RpcError } from '../contract/errors';
import type { SfuFeed, SfuRoom } from '../contract/media';
import type { ConsultationsView } from '../shared/links';

type Session = import('janode').JanodeSession;
type Handle = import('janode').JanodeHandle;
type JanusMessage = import('janode').JanusMessage;
type VideoRoomPlugin = (typeof import('janode/plugins/videoroom'))['default'];

/** How long one request to Janus may take. */
const STEP_TIMEOUT_MS = 5000;
/** A request to Janus slower than this is logged (where a recovery spends its time under load). */
const SLOW_STEP_MS = 1000;
/** Subscriptions one connection may hold (every other site on both links). */
const MAX_SUBSCRIPTIONS_PER_CONNECTION = 2 * SFU_MAX_SITES;
/** The publishers' bitrate cap (REMB), bits/s. */
const PUBLISHER_BITRATE = 1_500_000;

const HANDLE_GONE = ['handle_hangup', 'handle_detached'] as const;
/**
 * VideoRoom handles attached in advance on the standby Janus, per invited site of the live sfu
 * consultations (a publisher and a subscription on each of two links), at most HANDLE_POOL_MAX.
 * When Janus is killed every site publishes and subscribes again at once; each attach then waited
 * 1.2–1.3 s on the new Janus (18 streets, load 20), before the join itself.
 */
const HANDLES_PER_SITE = 4;
const HANDLE_POOL_MAX = 4 * SFU_MAX_SITES;
/** janode's VideoRoom event for Janus's talking / stopped-talking (audiolevel_event). */
const TALKING = 'videoroom_talking';
/** Janus's talking judgement: the average level (dBov, 0 loud … 127 silent) over this many audio packets (20 ms each) … */
const AUDIO_ACTIVE_PACKETS = 25;
/** … below this is talking. */
const AUDIO_LEVEL_AVERAGE = 40;

/** The mid of a publisher offer's audio section, if it has one (the stream the host's mute names). */
function audioMid(sdp: string): string | null {
  const section = sdp.split(/\r?\n(?=m=)/).find((x) => x.startsWith('m=audio'));
  return section ? (/\na=mid:(\S+)/.exec(section)?.[1] ?? null) : null;
}

export function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} got no answer from the media engine within ${ms / 1000} s`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}

const secret = (): string => randomBytes(18).toString('base64url');
/** Janus is down (restarting): every handshake is refused until the room is made again. */
const ENGINE_DOWN_REMAKING = {
  zh: '本 hub 的媒体引擎（Janus）未运行：会商室正在重建',
  en: 'the media engine (Janus) is not running on this hub: the consultation’s room is being made again',
};
/** The registry key of the connections joined to a room. */
export const sfuKey = (consultationId: string): string => `sfu:${consultationId}`;

interface Publisher extends SfuFeed {
  handle: Handle;
  connectionId: string;
  /** Its PeerConnection with Janus is up: only then can it be subscribed to (before, Janus says "no such feed"). */
  live: boolean;
  /** Its audio stream's mid (for the host's mute); null: it sends no sound. */
  audioMid: string | null;
}

interface Room {
  id: string;
  secret: string;
  pin: string;
  epoch: number;
  ready: boolean;
  making: Promise<void> | null;
  publishers: Map<string, Publisher>;
  /** Feeds Janus says are talking, with their average level (dBov: lower is louder). */
  talking: Map<string, number>;
  /** Participants the host muted (applied again to every new publisher of theirs). */
  muted: Set<string>;
  /** The active speaker last pushed (a push only when it changes). */
  speaker: string | null;
}

/** A room made in advance on the standby Janus (its secret and pin taken over with it). */
interface SpareRoom {
  secret: string;
  pin: string;
  /** Whether it was made (or since set) to record. */
  record: boolean;
  /** Resolves true once Janus made it, false if the request failed. */
  made: Promise<boolean>;
  /** The last request failed (it is made again, with the same secret, at the next chance). */
  failed: boolean;
}

/** The hub's VideoRoom admin handle on the standby Janus and the live consultations' rooms made on it. */
interface Spare {
  session: Session;
  admin: Handle;
  adminKey: string;
  rooms: Map<string, SpareRoom>;
  /** VideoRoom handles attached in advance (HANDLES_PER_SITE), taken by publishes and subscriptions after the takeover. */
  handles: Handle[];
  /** Handles being attached now. */
  attaching: number;
  VideoRoom: VideoRoomPlugin;
}

interface Subscription {
  id: string;
  handle: Handle;
  consultationId: string;
  /** The feeds it still carries (a feed that left is taken out; the last one out ends it). */
  feeds: Set<string>;
  connectionId: string;
  epoch: number;
}

export interface SfuDeps {
  log: Log;
  connections: ConnectionRegistry;
  consultations: ConsultationsView;
  now: () => number;
  /** Recording (recording.ts, index.ts): whether a consultation's room records, where, and its end (the files then made playable). */
  recordings?: {
    wanted(consultationId: string): boolean;
    folder(consultationId: string): string;
    roomGone(consultationId: string): void;
  };
}

const blankRoom = (consultationId: string): Room => ({
  id: consultationId,
  secret: '',
  pin: '',
  epoch: 0,
  ready: false,
  making: null,
  publishers: new Map(),
  talking: new Map(),
  muted: new Set(),
  speaker: null,
});

/** The participant a street machine may act as (CallContext.street is the street's name). */
function streetParticipant(street: string): string | undefined {
  return STREET_PARTICIPANTS.find((s) => s.name === street || s.id === street || s.nameEn === street)?.id;
}

export class SfuRooms {
  private session: Session | null = null;
  private admin: Handle | null = null;
  private adminKey: string | null = null;
  private VideoRoom: VideoRoomPlugin | null = null;
  private readonly rooms = new Map<string, Room>();
  private readonly subs = new Map<string, Subscription>();
  /** connection id → the "consultation\nparticipant" pairs it joined as. */
  private readonly joined = new Map<string, Set<string>>();
  private epochs: number;
  /** The standby Janus, its rooms made (prepare): taken over by `up` on its session. */
  private spare: Spare | null = null;
  /** Handles attached in advance on the running Janus's session (the standby's, taken over with it). */
  private pool: Handle[] = [];

  constructor(private readonly deps: SfuDeps) {
    this.epochs = deps.now();
  }

  get running(): boolean {
    return this.admin !== null;
  }

  /** Janus is up (the engine connected): make the room of every live sfu consultation. */
  async up(session: Session, adminKey: string, VideoRoom: VideoRoomPlugin): Promise<void> {
    // The standby's session, pre-opened (prepare): its admin handle and rooms are taken as they are.
    const spare = this.spare?.session === session ? this.spare : null;
    this.spare = null;
    const admin = spare?.admin ?? (await session.attach(VideoRoom));
    this.session = session;
    this.admin = admin;
    this.adminKey = adminKey;
    this.VideoRoom = VideoRoom;
    this.pool = spare?.handles ?? [];
    if (spare) this.deps.log.info(`[media] ${this.pool.length} VideoRoom handles taken with the standby (attached in advance)`);
    const live = new Set(this.deps.consultations.liveSfu().map((c) => c.id));
    for (const id of this.rooms.keys()) if (!live.has(id)) this.forget(id);
    // Rooms made on the standby for consultations that have ended since: destroyed (nobody waits on it).
    for (const [id, pre] of spare?.rooms ?? []) if (!live.has(id)) void this.destroyOn(admin, id, pre.secret);
    await Promise.all(
      [...live].map((id) => {
        const pre = spare?.rooms.get(id);
        const made = pre ? this.adopt(id, pre, admin) : Promise.resolve(false);
        return made
          .then(async (ok) => {
            if (ok) return;
            // Not made on the standby (or its request timed out and may have made it after all): made anew.
            if (pre) await this.destroyOn(admin, id, pre.secret, true);
            await this.ensureRoom(id);
          })
          .catch((err: Error) => this.deps.log.warn(`[media] room ${id}: ${err.message}`));
      }),
    );
  }

  /**
   * A standby Janus answers (the engine's connection and session on it are open): the room of
   * every live sfu consultation is made on it now, while the running one serves the call, so that
   * `up` on this session only swaps pointers and announces the new epoch.
   */
  async prepare(session: Session, adminKey: string, VideoRoom: VideoRoomPlugin): Promise<void> {
    const admin = await session.attach(VideoRoom);
    const spare: Spare = { session, admin, adminKey, rooms: new Map(), handles: [], attaching: 0, VideoRoom };
    this.spare = spare;
    for (const c of this.deps.consultations.liveSfu()) this.spareRoom(spare, c.id);
    await Promise.all([...spare.rooms.values()].map((r) => r.made));
    // Not awaited: a takeover must not wait for them (one taken meanwhile gets the rest as they come).
    void this.fillPool(spare);
  }

  /** Handles attached in advance on the standby, as many as the live sfu consultations' sites may take at once (HANDLES_PER_SITE). */
  private async fillPool(spare: Spare): Promise<void> {
    const sites = this.deps.consultations.liveSfu().reduce((n, c) => n + c.participants.length, 0);
    const want = Math.min(HANDLE_POOL_MAX, sites * HANDLES_PER_SITE) - spare.handles.length - spare.attaching;
    if (want <= 0) return;
    spare.attaching += want;
    await Promise.all(
      Array.from({ length: want }, async () => {
        try {
          const h = await withTimeout(spare.session.attach(spare.VideoRoom), STEP_TIMEOUT_MS, 'attaching to the VideoRoom in advance');
          if (this.spare === spare) spare.handles.push(h);
          else if (this.session === spare.session) this.pool.push(h);
          else void h.detach().catch(() => undefined);
        } catch {
          /* fewer in advance: the rest are attached when asked for */
        } finally {
          spare.attaching--;
        }
      }),
    );
  }

  /** The standby went (or its pre-opening failed): what was made on it is forgotten with it. */
  dropSpare(session: Session): void {
    if (this.spare?.session === session) this.spare = null;
  }

  /**
   * Makes a consultation's room on the standby (unless made or being made). A failed one is tried
   * again with the same secret: a request that timed out may still have made it, and only its
   * secret can destroy it.
   */
  private spareRoom(spare: Spare, consultationId: string): void {
    const known = spare.rooms.get(consultationId);
    if (known && !known.failed) return;
    const record = this.deps.recordings?.wanted(consultationId) ?? false;
    const pre: SpareRoom = known ?? { secret: secret(), pin: secret(), record, made: Promise.resolve(false), failed: false };
    pre.record = record;
    pre.failed = false;
    spare.rooms.set(consultationId, pre);
    pre.made = withTimeout(
      spare.admin.message(this.createRequest(consultationId, spare.adminKey, pre.secret, pre.pin, record)),
      STEP_TIMEOUT_MS,
      'making the room on the standby',
    ).then(
      () => true,
      (err: Error) => {
        this.deps.log.warn(`[media] room ${consultationId} on the standby Janus: ${err.message}`);
        pre.failed = true;
        return false;
      },
    );
  }

  /** The standby's room taken as the consultation's room on the running Janus: a new epoch, at once. */
  private async adopt(consultationId: string, pre: SpareRoom, admin: Handle): Promise<boolean> {
    if (!(await pre.made)) return false;
    const wanted = this.deps.recordings?.wanted(consultationId) ?? false;
    // The switch changed since it was made (setRecording failed on the standby): set now, before anyone publishes.
    if (wanted !== pre.record) {
      const set = await withTimeout(
        admin.message({ request: 'enable_recording', room: consultationId, secret: pre.secret, record: wanted }),
        STEP_TIMEOUT_MS,
        'media.setRecording',
      ).then(
        () => true,
        () => false,
      );
      if (!set) return false;
    }
    const c = this.deps.consultations.get(consultationId);
    if (this.admin !== admin || !c?.live || c.mode !== 'sfu') return false;
    const room = this.rooms.get(consultationId) ?? blankRoom(consultationId);
    if (room.ready || room.making) return true;
    this.rooms.set(consultationId, room);
    room.secret = pre.secret;
    room.pin = pre.pin;
    room.epoch = this.epochs = Math.max(this.epochs + 1, this.deps.now());
    room.ready = true;
    room.publishers.clear();
    room.talking.clear();
    this.deps.log.info(`[media] room ${consultationId} made (epoch ${room.epoch}, made on the standby before it was taken)`);
    this.push(room);
    return true;
  }

  /** Destroys a room on one Janus; `quiet`: a room that is not there is no news. */
  private async destroyOn(admin: Handle, consultationId: string, roomSecret: string, quiet = false): Promise<void> {
    await withTimeout(admin.message({ request: 'destroy', room: consultationId, secret: roomSecret }), STEP_TIMEOUT_MS, 'destroying the room').catch(
      (err: Error) => (quiet && /no such room/i.test(err.message)) || this.deps.log.warn(`[media] destroying room ${consultationId}: ${err.message}`),
    );
  }

  /** Janus went away: its rooms, publishers and subscribers went with it (made again on the next `up`). */
  down(): void {
    this.session = this.admin = null;
    this.pool = [];
    this.adminKey = null;
    this.subs.clear();
    for (const room of this.rooms.values()) {
      room.ready = false;
      room.making = null;
      room.publishers.clear();
      room.talking.clear();
      this.push(room);
    }
  }

  /** consult.changed: a new sfu consultation gets its room at once; an ended one loses it. */
  consultationChanged(c: Consultation): void {
    if (c.mode !== 'sfu') return;
    const spare = this.spare;
    if (c.endedAt !== null) {
      void this.close(c.id);
      // Its room on the standby too.
      const pre = spare?.rooms.get(c.id);
      if (spare && pre) (spare.rooms.delete(c.id), void pre.made.then(() => this.destroyOn(spare.admin, c.id, pre.secret, true)));
      return;
    }
    if (this.running && !this.rooms.get(c.id)?.ready)
      void this.ensureRoom(c.id).catch((err: Error) => this.deps.log.warn(`[media] room ${c.id}: ${err.message}`));
    if (spare) {
      this.spareRoom(spare, c.id);
      void this.fillPool(spare);
    }
  }

  connectionClosed(connectionId: string): void {
    this.joined.delete(connectionId);
    for (const s of [...this.subs.values()]) if (s.connectionId === connectionId) this.endSub(s.id);
    for (const room of this.rooms.values()) {
      let changed = false;
      for (const p of [...room.publishers.values()]) {
        if (p.connectionId !== connectionId) continue;
        room.publishers.delete(p.feed);
        void p.handle.detach().catch(() => undefined);
        changed = true;
      }
      if (changed) this.push(room);
    }
  }

  view(consultationId: string): SfuRoom {
    const room = this.rooms.get(consultationId);
    const feeds = room ? [...room.publishers.values()].filter((p) => p.live).map(({ feed, participantId, link }) => ({ feed, participantId, link })) : [];
    feeds.sort((a, b) => a.feed.localeCompare(b.feed));
    return {
      consultationId,
      epoch: room?.epoch ?? 0,
      ready: room?.ready ?? false,
      feeds,
      activeSpeaker: room ? this.speaker(room) : null,
      muted: [...(room?.muted ?? [])].sort(),
      recording: this.deps.recordings?.wanted(consultationId) ?? false,
    };
  }

  /** Checks the invitation (and a street machine's own street), binds the connection to the room's pushes. */
  async join(connectionId: string | undefined, street: string | undefined, consultationId: string, participantId: string): Promise<SfuRoom> {
    if (!connectionId)
      throw new RefusedError({
        zh: 'media.sfuJoin 需要一个在线连接（hub 套接字或窗口）：会商室的视频流通过它推送',
        en: 'media.sfuJoin needs a live connection (a hub socket or a window): the room’s feeds are pushed to it',
      });
    const c = this.deps.consultations.get(consultationId);
    if (!c)
      throw new RefusedError({ zh: `consultationId：没有编号为 ${consultationId} 的会商`, en: `consultationId: no consultation with id ${consultationId}` });
    if (c.mode !== 'sfu')
      throw new RefusedError({
        zh: `会商 ${consultationId} 为 ${c.mode} 模式（点对点），在媒体引擎上没有会商室`,
        en: `consultation ${consultationId} is in mode ${c.mode} (a mesh): it has no room on the media engine`,
      });
    if (!c.live) throw new RefusedError({ zh: `会商 ${consultationId} 已结束`, en: `consultation ${consultationId} has ended` });
    if (!c.participants.includes(participantId))
      throw new RefusedError({
        zh: `participantId：${participantId} 不是会商 ${consultationId} 的参会方（受邀：${c.participants.join('、')}）`,
        en: `participantId: ${participantId} is not a participant of consultation ${consultationId} (invited: ${c.participants.join(', ')})`,
      });
    if (street !== undefined && streetParticipant(street) !== participantId)
      throw new RpcError(RpcCode.Forbidden, `forbidden: a machine of ${street} takes part only as its own street, not as ${participantId} (仅限本街道)`, {
        street,
        participantId,
        text: {
          zh: `禁止：${street}的终端只能以本街道身份参会，不能以 ${participantId} 身份参会（仅限本街道）`,
          en: `forbidden: a machine of ${street} takes part only as its own street, not as ${participantId}`,
        },
      });
    if (!this.deps.connections.bind(connectionId, sfuKey(consultationId)))
      throw new RefusedError({ zh: `连接 ${connectionId} 已关闭`, en: `connection ${connectionId} is closed` });
    const mine = this.joined.get(connectionId) ?? new Set<string>();
    mine.add(`${consultationId}\n${participantId}`);
    this.joined.set(connectionId, mine);
    if (this.running && !this.rooms.get(consultationId)?.ready) await this.ensureRoom(consultationId).catch(() => undefined);
    return this.view(consultationId);
  }

  async publish(
    connectionId: string | undefined,
    p: { consultationId: string; participantId: string; link: 'A' | 'B'; offer: { type: 'offer'; sdp: string } },
  ): Promise<{ feed: string; epoch: number; answer: { type: 'answer'; sdp: string } }> {
    const conn = this.mustHaveJoined(connectionId, p.consultationId, p.participantId);
    const room = await this.readyRoom(p.consultationId);
    const feed = `${p.participantId}.${p.link}`;
    const old = room.publishers.get(feed);
    if (old) {
      room.publishers.delete(feed);
      await withTimeout(old.handle.detach(), STEP_TIMEOUT_MS, 'media.sfuPublish').catch(() => undefined);
    }
    const handle = await this.attach();
    try {
      const r: JanusMessage = await this.step(
        handle.message(
          { request: 'joinandconfigure', ptype: 'publisher', room: room.id, pin: room.pin, id: feed, display: p.participantId, bitrate: PUBLISHER_BITRATE },
          p.offer,
        ),
        'media.sfuPublish',
      );
      if (r.jsep?.type !== 'answer') throw new Error('Janus answered the offer without an answer');
      if (this.rooms.get(room.id) !== room || !room.ready) throw new Error('the room was made again meanwhile: publish again');
      const pub: Publisher = { feed, participantId: p.participantId, link: p.link, handle, connectionId: conn, live: false, audioMid: audioMid(p.offer.sdp) };
      room.publishers.set(feed, pub);
      handle.once('handle_webrtcup', () => {
        if (room.publishers.get(feed) !== pub) return;
        pub.live = true;
        // A muted site stays muted through a new publisher of its own.
        if (room.muted.has(pub.participantId))
          void this.moderate(room, pub, true).catch((err: Error) => this.deps.log.warn(`[media] muting ${feed}: ${err.message}`));
        this.push(room);
      });
      // Janus tells every publisher of the room (the hub holds them all): the same change arrives once per publisher.
      handle.on(TALKING, (d: { feed?: string | number; talking?: boolean; audio_level?: number }) => this.heard(room, d));
      const gone = (): void => {
        if (room.publishers.get(feed) !== pub) return;
        room.publishers.delete(feed);
        room.talking.delete(feed);
        for (const s of [...this.subs.values()]) {
          if (s.consultationId !== room.id || !s.feeds.delete(feed)) continue;
          if (s.feeds.size === 0) this.endSub(s.id);
        }
        void handle.detach().catch(() => undefined);
        this.push(room);
      };
      for (const e of HANDLE_GONE) handle.once(e, gone);
      if (old) this.push(room);
      return { feed, epoch: room.epoch, answer: { type: 'answer', sdp: r.jsep.sdp } };
    } catch (err) {
      void handle.detach().catch(() => undefined);
      throw err instanceof RpcError
        ? err
        : new RefusedError({ zh: `发布 ${feed} 失败：${(err as Error).message}`, en: `publishing ${feed}: ${(err as Error).message}` });
    }
  }

  async subscribe(
    connectionId: string | undefined,
    p: { consultationId: string; participantId: string; feeds: string[] },
  ): Promise<{ subscriptionId: string; epoch: number; offer: { type: 'offer'; sdp: string }; streams: { mid: string; feed: string }[] }> {
    const conn = this.mustHaveJoined(connectionId, p.consultationId, p.participantId);
    const room = await this.readyRoom(p.consultationId);
    const feeds = [...new Set(p.feeds)];
    const absent = feeds.filter((f) => !room.publishers.get(f)?.live);
    if (absent.length > 0)
      throw new RefusedError(
        {
          zh: `feeds：${absent.join('、')} 目前未在会商 ${p.consultationId} 中发布`,
          en: `feeds: feed ${absent.join(', ')} is not published in consultation ${p.consultationId} now`,
        },
        { feeds: absent },
      );
    if ([...this.subs.values()].filter((s) => s.connectionId === conn).length >= MAX_SUBSCRIPTIONS_PER_CONNECTION)
      throw new RefusedError({
        zh: `每个连接最多持有 ${MAX_SUBSCRIPTIONS_PER_CONNECTION} 个订阅`,
        en: `a connection may hold at most ${MAX_SUBSCRIPTIONS_PER_CONNECTION} subscriptions`,
      });
    const handle = await this.attach();
    try {
      const r: JanusMessage = await this.step(
        // autoupdate off: a feed that leaves just stops (no renegotiation the site would have to answer).
        handle.message({ request: 'join', ptype: 'subscriber', room: room.id, pin: room.pin, streams: feeds.map((feed) => ({ feed })), autoupdate: false }),
        'media.sfuSubscribe',
      );
      if (r.jsep?.type !== 'offer') throw new Error('Janus answered without an offer');
      if (this.rooms.get(room.id) !== room || !room.ready) throw new Error('the room was made again meanwhile: subscribe again');
      const id = `sub-${randomBytes(9).toString('hex')}`;
      const streams = ((r.plugindata?.data.streams as { mid?: string; feed_id?: string | number }[] | undefined) ?? [])
        .filter((x) => typeof x.mid === 'string' && x.feed_id !== undefined)
        .map((x) => ({ mid: x.mid!, feed: String(x.feed_id) }));
      this.subs.set(id, { id, handle, consultationId: room.id, feeds: new Set(feeds), connectionId: conn, epoch: room.epoch });
      for (const e of HANDLE_GONE) handle.once(e, () => this.subs.get(id)?.handle === handle && this.endSub(id));
      return { subscriptionId: id, epoch: room.epoch, offer: { type: 'offer', sdp: r.jsep.sdp }, streams };
    } catch (err) {
      void handle.detach().catch(() => undefined);
      throw err instanceof RpcError
        ? err
        : new RefusedError({
            zh: `订阅 ${feeds.join('、')} 失败：${(err as Error).message}`,
            en: `subscribing to ${feeds.join(', ')}: ${(err as Error).message}`,
          });
    }
  }

  async answer(connectionId: string | undefined, subscriptionId: string, answer: { type: 'answer'; sdp: string }): Promise<void> {
    const s = this.subs.get(subscriptionId);
    if (!s || s.connectionId !== connectionId)
      throw new RefusedError({
        zh: `subscriptionId：没有订阅 ${subscriptionId}（已结束，或媒体引擎已重启）：请重新订阅`,
        en: `subscriptionId: no subscription ${subscriptionId} (it ended, or the media engine restarted): subscribe again`,
      });
    try {
      await this.step(s.handle.message({ request: 'start' }, answer), 'media.sfuAnswer');
    } catch (err) {
      this.endSub(subscriptionId);
      throw new RefusedError({ zh: `订阅 ${subscriptionId} 失败：${(err as Error).message}`, en: `subscription ${subscriptionId}: ${(err as Error).message}` });
    }
  }

  /** Ends a subscription of this connection; one already gone (its feed left, Janus restarted) is no error. */
  unsubscribe(connectionId: string | undefined, subscriptionId: string): void {
    const s = this.subs.get(subscriptionId);
    if (s && s.connectionId === connectionId) this.endSub(subscriptionId);
  }

  /** The site leaves: its publishers (any connection's) and this connection's subscriptions in the room end. */
  leave(connectionId: string | undefined, consultationId: string, participantId: string): void {
    const conn = this.mustHaveJoined(connectionId, consultationId, participantId);
    for (const s of [...this.subs.values()]) if (s.connectionId === conn && s.consultationId === consultationId) this.endSub(s.id);
    const room = this.rooms.get(consultationId);
    if (room) {
      for (const p of [...room.publishers.values()]) {
        if (p.participantId !== participantId) continue;
        room.publishers.delete(p.feed);
        void p.handle.detach().catch(() => undefined);
      }
      this.push(room);
    }
    this.joined.get(conn)?.delete(`${consultationId}\n${participantId}`);
    this.deps.connections.unbind(conn, sfuKey(consultationId));
  }

  /** How many subscriptions are held (tests). */
  get subscriptionCount(): number {
    return this.subs.size;
  }

  /** One request to Janus, bounded by STEP_TIMEOUT_MS; a slow one is logged with its time. */
  private async step<T>(p: Promise<T>, what: string): Promise<T> {
    const t0 = Date.now();
    try {
      return await withTimeout(p, STEP_TIMEOUT_MS, what);
    } finally {
      const ms = Date.now() - t0;
      if (ms > SLOW_STEP_MS) this.deps.log.warn(`[media] ${what}: the media engine took ${ms} ms`);
    }
  }

  private mustHaveJoined(connectionId: string | undefined, consultationId: string, participantId: string): string {
    if (!connectionId || !this.joined.get(connectionId)?.has(`${consultationId}\n${participantId}`))
      throw new RefusedError({
        zh: `此连接尚未以 ${participantId} 身份加入会商 ${consultationId}：请先在此连接上调用 media.sfuJoin`,
        en: `this connection has not joined consultation ${consultationId} as ${participantId}: call media.sfuJoin on it first`,
      });
    return connectionId;
  }

  private async attach(): Promise<Handle> {
    if (!this.session || !this.VideoRoom) throw new RefusedError(ENGINE_DOWN_REMAKING);
    const ready = this.pool.pop();
    if (ready) return ready;
    return this.step(this.session.attach(this.VideoRoom), 'attaching to the VideoRoom');
  }

  private async readyRoom(consultationId: string): Promise<Room> {
    if (!this.running) throw new RefusedError(ENGINE_DOWN_REMAKING);
    await this.ensureRoom(consultationId);
    const room = this.rooms.get(consultationId);
    if (!room?.ready)
      throw new RefusedError({
        zh: `会商 ${consultationId} 目前在媒体引擎上没有会商室`,
        en: `consultation ${consultationId} has no room on the media engine now`,
      });
    return room;
  }

  /** Makes the room on the running Janus unless it is there (one making at a time per room). */
  private ensureRoom(consultationId: string): Promise<void> {
    const existing = this.rooms.get(consultationId);
    if (existing?.ready) return Promise.resolve();
    if (existing?.making) return existing.making;
    const c = this.deps.consultations.get(consultationId);
    if (!c || c.mode !== 'sfu' || !c.live)
      return Promise.reject(
        new RefusedError({ zh: `会商 ${consultationId} 不是进行中的全区会商`, en: `consultation ${consultationId} is not a live sfu consultation` }),
      );
    const admin = this.admin;
    const key = this.adminKey;
    if (!admin || !key)
      return Promise.reject(new RefusedError({ zh: '本 hub 的媒体引擎（Janus）未运行', en: 'the media engine (Janus) is not running on this hub' }));
    const room = existing ?? blankRoom(consultationId);
    this.rooms.set(consultationId, room);
    room.secret = secret();
    room.pin = secret();
    const making = (async () => {
      try {
        const record = this.deps.recordings?.wanted(consultationId) ?? false;
        await withTimeout(admin.message(this.createRequest(consultationId, key, room.secret, room.pin, record)), STEP_TIMEOUT_MS, 'making the room');
        if (this.admin !== admin || this.rooms.get(consultationId) !== room) return;
        room.epoch = this.epochs = Math.max(this.epochs + 1, this.deps.now());
        room.ready = true;
        room.publishers.clear();
        room.talking.clear();
        this.deps.log.info(`[media] room ${consultationId} made (epoch ${room.epoch})`);
        this.push(room);
      } finally {
        room.making = null;
      }
    })();
    room.making = making;
    return making;
  }

  /** Janus's request making a consultation's room (on the running Janus, or in advance on the standby). */
  private createRequest(consultationId: string, adminKey: string, roomSecret: string, pin: string, record: boolean): Record<string, unknown> {
    const rec = this.deps.recordings;
    return {
      request: 'create',
      admin_key: adminKey,
      room: consultationId,
      description: consultationId,
      // Every site on both links.
      publishers: 2 * SFU_MAX_SITES,
      secret: roomSecret,
      pin,
      is_private: true,
      permanent: false,
      bitrate: PUBLISHER_BITRATE,
      fir_freq: 10,
      videocodec: 'vp8,h264',
      audiocodec: 'opus',
      // Active speaker: Janus judges each publisher's audio-level extension.
      audiolevel_event: true,
      audio_active_packets: AUDIO_ACTIVE_PACKETS,
      audio_level_average: AUDIO_LEVEL_AVERAGE,
      // Recording: every publisher's streams as .mjr in the consultation's folder (switched with enable_recording).
      ...(rec ? { record, rec_dir: rec.folder(consultationId) } : {}),
    };
  }

  /** The consultation ended: its room, publishers and subscribers go, its connections are let go. */
  private async close(consultationId: string): Promise<void> {
    const room = this.rooms.get(consultationId);
    this.forget(consultationId);
    const admin = this.admin;
    if (room?.ready && admin) {
      await withTimeout(admin.message({ request: 'destroy', room: consultationId, secret: room.secret }), STEP_TIMEOUT_MS, 'destroying the room').catch(
        (err: Error) => this.deps.log.warn(`[media] destroying room ${consultationId}: ${err.message}`),
      );
    }
    // Janus has closed the room's recorders: its files can be made playable.
    this.deps.recordings?.roomGone(consultationId);
  }

  /** The room records from now on (or stops); a room not made yet takes it when made. */
  async setRecording(consultationId: string, recording: boolean): Promise<void> {
    const room = this.rooms.get(consultationId);
    const admin = this.admin;
    if (room?.ready && admin) {
      await withTimeout(
        admin.message({ request: 'enable_recording', room: consultationId, secret: room.secret, record: recording }),
        STEP_TIMEOUT_MS,
        'media.setRecording',
      );
    }
    // The standby's room follows (if it fails there, the switch is set again when it is taken over).
    const spare = this.spare;
    const pre = spare?.rooms.get(consultationId);
    if (spare && pre)
      void pre.made
        .then(async (ok) => {
          if (!ok) return;
          const set = { request: 'enable_recording', room: consultationId, secret: pre.secret, record: recording };
          await withTimeout(spare.admin.message(set), STEP_TIMEOUT_MS, 'media.setRecording');
          pre.record = recording;
        })
        .catch((err: Error) => this.deps.log.warn(`[media] recording on the standby's room ${consultationId}: ${err.message}`));
    if (room) this.push(room);
  }

  /** The host mutes (or unmutes) a site: Janus's `moderate` on the audio stream of each of its publishers. */
  async mute(consultationId: string, participantId: string, muted: boolean): Promise<string[]> {
    const c = this.deps.consultations.get(consultationId);
    if (!c?.live || c.mode !== 'sfu')
      throw new RefusedError({ zh: `会商 ${consultationId} 不是进行中的全区会商`, en: `consultation ${consultationId} is not a live sfu consultation` });
    if (!c.participants.includes(participantId))
      throw new RefusedError({
        zh: `site：${participantId} 不是会商 ${consultationId} 的参会方`,
        en: `site: ${participantId} is not a participant of consultation ${consultationId}`,
      });
    const room = await this.readyRoom(consultationId);
    if (muted) room.muted.add(participantId);
    else room.muted.delete(participantId);
    const pubs = [...room.publishers.values()].filter((p) => p.participantId === participantId && p.live);
    await Promise.all(pubs.map((p) => this.moderate(room, p, muted)));
    if (muted) for (const p of pubs) room.talking.delete(p.feed);
    this.push(room);
    return [...room.muted].sort();
  }

  private async moderate(room: Room, p: Publisher, mute: boolean): Promise<void> {
    const admin = this.admin;
    if (!admin || !p.audioMid) return;
    await withTimeout(
      admin.message({ request: 'moderate', room: room.id, secret: room.secret, id: p.feed, mid: p.audioMid, mute }),
      STEP_TIMEOUT_MS,
      'media.sfuMute',
    );
  }

  /** A talking / stopped-talking event: pushed only when the room's active speaker changes. */
  private heard(room: Room, d: { feed?: string | number; talking?: boolean; audio_level?: number }): void {
    if (this.rooms.get(room.id) !== room || d.feed === undefined) return;
    const feed = String(d.feed);
    const pub = room.publishers.get(feed);
    if (d.talking && pub && !room.muted.has(pub.participantId)) room.talking.set(feed, typeof d.audio_level === 'number' ? d.audio_level : 127);
    else room.talking.delete(feed);
    if (this.speaker(room) !== room.speaker) this.push(room);
  }

  /** The loudest talking site (lowest average dBov), or null. */
  private speaker(room: Room): string | null {
    let best: [string, number] | null = null;
    for (const [feed, level] of room.talking) if (!best || level < best[1]) best = [feed, level];
    return best ? (room.publishers.get(best[0])?.participantId ?? null) : null;
  }

  private forget(consultationId: string): void {
    const room = this.rooms.get(consultationId);
    this.rooms.delete(consultationId);
    for (const s of [...this.subs.values()]) if (s.consultationId === consultationId) this.endSub(s.id);
    for (const p of room?.publishers.values() ?? []) void p.handle.detach().catch(() => undefined);
    for (const [conn, pairs] of this.joined) {
      for (const pair of [...pairs]) if (pair.startsWith(`${consultationId}\n`)) pairs.delete(pair);
      this.deps.connections.unbind(conn, sfuKey(consultationId));
    }
  }

  private endSub(id: string): void {
    const s = this.subs.get(id);
    if (!s) return;
    this.subs.delete(id);
    void s.handle.detach().catch(() => undefined);
  }

  private push(room: Room): void {
    room.speaker = this.speaker(room);
    this.deps.connections.pushTo(sfuKey(room.id), 'media.sfuFeeds', this.view(room.id));
  }
}
