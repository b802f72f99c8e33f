// The hub's side of the running Janus, through Meetecho's janode: one connection and session, an
// admin handle of the streaming plugin that keeps one mountpoint per RTSP camera (made again after
// every Janus restart), and one streaming handle per viewer (a wall tile), relayed through the
// contract so the page never talks to Janus; and, through `sfu` (sfu.ts), the consultations' VideoRoom
// rooms on the same session. Everything here is dropped when Janus goes away.
import { randomBytes } from 'node:crypto';
import type { Log } from '../capability';
import { RefusedError, RpcError } from '../contract/errors';
import type { SfuRooms } from './sfu';
import type { JanusEndpoint } from './supervisor';

type JanodeModule = typeof import('janode');
type Janode = JanodeModule['default'];
type Connection = Awaited<ReturnType<Janode['connect']>>;
type Session = Awaited<ReturnType<Connection['create']>>;
type StreamingModule = typeof import('janode/plugins/streaming');
type VideoRoomModule = typeof import('janode/plugins/videoroom');
type StreamingHandle = import('janode/plugins/streaming').StreamingHandle;
type JanusMessage = import('janode').JanusMessage;
type Modules = { Janode: Janode; Streaming: StreamingModule['default']; VideoRoom: VideoRoomModule['default'] };

/** The hub's side of one Janus: its connection, session and streaming admin handle. */
interface Opened {
  endpoint: JanusEndpoint;
  conn: Connection;
  session: Session;
  admin: StreamingHandle;
}

/** An RTSP camera as the engine needs it (the password never leaves the hub but to Janus). */
export interface RtspMount {
  id: string;
  name: string;
  url: string;
  user?: string;
  password?: string;
}

/** How long a viewer's handshake with Janus may take. */
const WATCH_TIMEOUT_MS = 5000;
/** Viewer sessions one connection may hold (a 16-tile wall page has 16). */
const MAX_WATCHES_PER_CONNECTION = 32;

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} got no answer from the media engine within ${ms / 1000} s`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e instanceof Error ? e : new Error(String(e)))),
    );
  });
}

const same = (a: RtspMount, b: RtspMount): boolean => a.url === b.url && a.user === b.user && a.password === b.password && a.name === b.name;

interface Watch {
  handle: StreamingHandle;
  cameraId: string;
  connectionId: string | undefined;
}

export class MediaEngine {
  private conn: Connection | null = null;
  private session: Session | null = null;
  private admin: StreamingHandle | null = null;
  private endpoint: JanusEndpoint | null = null;
  private modules: Promise<Modules> | null = null;
  /** The mountpoints wanted (all enabled RTSP cameras), and those made on the running Janus. */
  private wanted = new Map<string, RtspMount>();
  private readonly made = new Map<string, RtspMount>();
  private readonly watches = new Map<string, Watch>();
  /** Called when the connection to a running Janus closes unexpectedly (the supervisor starts the next at once). */
  onLost: (() => void) | null = null;
  /**
   * The hub's connection, session and admin handles on the standby Janus, opened while it waits
   * (and the consultations' rooms made on it, sfu.ts): taking the standby over is then a swap of
   * pointers, not a connection, a session, two attaches and a room per consultation made while
   * every site waits (1.1 s of a 1.9 s recovery at load 17).
   */
  private standby: { endpoint: JanusEndpoint; opened: Promise<Opened | null>; conn: Connection | null; session: Session | null; taken: boolean } | null = null;
  /** Reconciliations run one at a time, in order. */
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly log: Log,
    private readonly changed: () => void,
    private readonly onError: (message: string) => void,
    /** The consultations' rooms (sfu.ts): made on every Janus that comes up, dropped with it. */
    private readonly sfu?: SfuRooms,
  ) {}

  get mountpoints(): { ready: number; wanted: number } {
    return { ready: [...this.made.keys()].filter((id) => this.wanted.has(id)).length, wanted: this.wanted.size };
  }

  get running(): boolean {
    return this.admin !== null;
  }

  private loadModules(): Promise<Modules> {
    this.modules ??= Promise.all([import('janode'), import('janode/plugins/streaming'), import('janode/plugins/videoroom')]).then(([j, s, v]) => {
      j.default.Logger.setLevel('warn');
      return { Janode: j.default, Streaming: s.default, VideoRoom: v.default };
    });
    return this.modules;
  }

  /**
   * The hub's connection to a Janus: its session and the streaming admin handle. Its loss is the
   * running Janus's loss (onLost) or, while it is the standby's, the standby's pre-opening dropped.
   */
  private async open(endpoint: JanusEndpoint): Promise<Opened> {
    const { Janode, Streaming } = await this.loadModules();
    const conn = await Janode.connect({ address: { url: endpoint.url, apisecret: endpoint.apiSecret }, retry_time_secs: 1, max_retries: 0 });
    const lost = (): void => {
      if (this.conn === conn) {
        this.drop();
        this.onLost?.();
      } else if (this.standby?.conn === conn && !this.standby.taken) this.dropStandby(endpoint);
    };
    conn.once(Janode.EVENT.CONNECTION_CLOSED, lost);
    conn.on(
      Janode.EVENT.CONNECTION_ERROR,
      (e: Error) => (this.conn === conn || this.standby?.conn === conn) && (this.log.warn(`[media] janus connection: ${e.message}`), lost()),
    );
    if (this.standby?.endpoint === endpoint) this.standby.conn = conn;
    try {
      const session = await conn.create(15);
      if (this.standby?.conn === conn) this.standby.session = session;
      const admin = await session.attach(Streaming);
      return { endpoint, conn, session, admin };
    } catch (err) {
      void conn.close().catch(() => undefined);
      throw err;
    }
  }

  /**
   * A standby Janus answers (the supervisor keeps one beside the running one): the hub's connection
   * to it is opened now and the live consultations' rooms made on it, so that taking it over costs
   * no step on Janus.
   */
  prepareStandby(endpoint: JanusEndpoint): void {
    if (this.standby) this.dropStandby(this.standby.endpoint);
    const standby: NonNullable<MediaEngine['standby']> = { endpoint, opened: Promise.resolve(null), conn: null, session: null, taken: false };
    this.standby = standby;
    const t0 = Date.now();
    standby.opened = (async () => {
      try {
        const opened = await this.open(endpoint);
        if (this.standby !== standby) return (void opened.conn.close().catch(() => undefined), null);
        const { VideoRoom } = await this.loadModules();
        await this.sfu?.prepare(opened.session, endpoint.adminKey, VideoRoom);
        if (this.standby !== standby) return (this.sfu?.dropSpare(opened.session), void opened.conn.close().catch(() => undefined), null);
        this.log.info(`[media] the standby Janus pre-opened (connection, session, rooms) in ${Date.now() - t0} ms`);
        return opened;
      } catch (err) {
        if (this.standby === standby) {
          this.log.warn(`[media] pre-opening the standby Janus: ${(err as Error).message}`);
          this.standby = null;
        }
        if (standby.session) this.sfu?.dropSpare(standby.session);
        if (standby.conn && standby.conn !== this.conn) void standby.conn.close().catch(() => undefined);
        return null;
      }
    })();
  }

  /** The standby went (it exited, or is no longer wanted): its pre-opened connection is closed. */
  dropStandby(endpoint: JanusEndpoint): void {
    const standby = this.standby;
    if (!standby || standby.taken || standby.endpoint.url !== endpoint.url) return;
    this.standby = null;
    const conn = standby.conn;
    if (standby.session) this.sfu?.dropSpare(standby.session);
    if (conn && conn !== this.conn) void conn.close().catch(() => undefined);
  }

  /** Connects to a Janus that answers (the standby's pre-opened connection when it is that one); mountpoints are made at once. */
  async connect(endpoint: JanusEndpoint): Promise<void> {
    const { VideoRoom } = await this.loadModules();
    const standby = this.standby?.endpoint.url === endpoint.url ? this.standby : null;
    if (standby) standby.taken = true;
    // Still being pre-opened: the rest of it is awaited (it is under way already).
    const ready = standby ? await standby.opened : null;
    if (this.standby === standby) this.standby = null;
    if (standby?.session && !ready) this.sfu?.dropSpare(standby.session);
    const { conn, session, admin } = ready ?? (await this.open(endpoint));
    this.conn = conn;
    this.session = session;
    this.admin = admin;
    this.endpoint = endpoint;
    this.made.clear();
    await Promise.all([this.reconcile(), this.sfu?.up(session, endpoint.adminKey, VideoRoom)]);
  }

  /** Janus went away: its mountpoints and viewers went with it. */
  drop(): void {
    const conn = this.conn;
    this.conn = this.session = this.admin = null;
    this.endpoint = null;
    this.made.clear();
    this.watches.clear();
    this.sfu?.down();
    this.changed();
    if (conn) void conn.close().catch(() => undefined);
  }

  /** The RTSP cameras that should have a mountpoint (every enabled one); made, changed or removed on Janus. */
  setMounts(mounts: RtspMount[]): Promise<void> {
    this.wanted = new Map(mounts.map((m) => [m.id, m]));
    this.changed();
    return this.reconcile();
  }

  private reconcile(): Promise<void> {
    const run = async (): Promise<void> => {
      const admin = this.admin;
      const key = this.endpoint?.adminKey;
      if (!admin || !key) return;
      for (const [id, m] of [...this.made]) {
        const want = this.wanted.get(id);
        if (want && same(want, m)) continue;
        await this.destroy(admin, id);
        if (this.admin !== admin) return;
      }
      for (const [id, m] of this.wanted) {
        if (this.made.has(id)) continue;
        try {
          await admin.message({
            request: 'create',
            type: 'rtsp',
            admin_key: key,
            id,
            name: id,
            description: m.name,
            url: m.url,
            ...(m.user ? { rtsp_user: m.user } : {}),
            ...(m.password ? { rtsp_pwd: m.password } : {}),
            audio: false,
            video: true,
            // Made even while the camera is unreachable; Janus keeps trying it.
            // The latest keyframe goes to a new viewer at once (a camera cannot be asked for one):
            // the first frame in ~0.2–0.4 s instead of up to a GOP later (e2e cameras-rtsp).
            videobufferkf: true,
            rtsp_failcheck: false,
            rtsp_reconnect_delay: 2,
            rtsp_conn_timeout: 3,
            rtsp_timeout: 5,
          });
          if (this.admin !== admin) return;
          this.made.set(id, m);
          this.changed();
        } catch (err) {
          // The message names the camera, never its password (Janus does not echo it).
          this.onError(`camera ${id}: the media engine refused its mountpoint (${(err as Error).message})`);
        }
      }
    };
    this.chain = this.chain.then(run, run);
    return this.chain;
  }

  private async destroy(admin: StreamingHandle, id: string): Promise<void> {
    for (const [wid, w] of this.watches) if (w.cameraId === id) this.endWatch(wid);
    try {
      await admin.message({ request: 'destroy', id });
    } catch (err) {
      if (!/not found|No such mountpoint/i.test((err as Error).message)) this.log.warn(`[media] destroying mountpoint ${id}: ${(err as Error).message}`);
    }
    this.made.delete(id);
    this.changed();
  }

  /** A viewer starts: Janus's complete offer for the camera's mountpoint. */
  async watch(cameraId: string, connectionId: string | undefined): Promise<{ watchId: string; offer: { type: 'offer'; sdp: string } }> {
    const session = this.session;
    const admin = this.admin;
    if (!session || !admin || !this.modules)
      throw new RefusedError({
        zh: '本 hub 的媒体引擎（Janus）未运行：暂时无法观看 RTSP 摄像机',
        en: 'the media engine (Janus) is not running on this hub: RTSP cameras cannot be watched now',
      });
    if (!this.wanted.has(cameraId))
      throw new RefusedError({ zh: `cameraId：摄像机 ${cameraId} 不是已启用的 RTSP 摄像机`, en: `cameraId: camera ${cameraId} is not an enabled RTSP camera` });
    if (!this.made.has(cameraId))
      throw new RefusedError({ zh: `摄像机 ${cameraId} 在媒体引擎上还没有挂载点`, en: `camera ${cameraId} has no mountpoint on the media engine yet` });
    if (connectionId && [...this.watches.values()].filter((w) => w.connectionId === connectionId).length >= MAX_WATCHES_PER_CONNECTION)
      throw new RefusedError({
        zh: `每个连接最多同时观看 ${MAX_WATCHES_PER_CONNECTION} 路摄像机`,
        en: `a connection may watch at most ${MAX_WATCHES_PER_CONNECTION} cameras at once`,
      });
    let handle: StreamingHandle | null = null;
    try {
      // Until Janus has heard the camera describe its stream it would offer an empty SDP.
      const info: JanusMessage = await withTimeout(admin.message({ request: 'info', id: cameraId }), WATCH_TIMEOUT_MS, 'cameras.watch');
      const media = (info.plugindata?.data.info as { media?: unknown[] } | undefined)?.media;
      if (!media || media.length === 0)
        throw new RefusedError({
          zh: `摄像机 ${cameraId} 尚未向媒体引擎发送画面（其 RTSP 服务器还没有应答）`,
          en: `camera ${cameraId} is not sending a picture to the media engine (its RTSP server does not answer yet)`,
        });
      const { Streaming } = await this.modules;
      handle = await session.attach(Streaming);
      const r = await withTimeout(handle.watch({ id: cameraId, audio: false, video: true, data: false }), WATCH_TIMEOUT_MS, 'cameras.watch');
      if (!r.jsep || r.jsep.type !== 'offer') throw new Error('Janus answered without an offer');
      const watchId = `w-${randomBytes(9).toString('hex')}`;
      this.watches.set(watchId, { handle, cameraId, connectionId });
      return { watchId, offer: { type: 'offer', sdp: r.jsep.sdp } };
    } catch (err) {
      if (handle) void handle.detach().catch(() => undefined);
      throw err instanceof RpcError
        ? err
        : new RefusedError({ zh: `摄像机 ${cameraId}：${(err as Error).message}`, en: `camera ${cameraId}: ${(err as Error).message}` });
    }
  }

  async answer(watchId: string, sdp: string, connectionId: string | undefined): Promise<void> {
    const w = this.ownWatch(watchId, connectionId);
    if (!w)
      throw new RefusedError({
        zh: `watchId：没有观看会话 ${watchId}（已结束，或媒体引擎已重启）：请重新观看`,
        en: `watchId: no viewer session ${watchId} (it ended, or the media engine restarted): watch again`,
      });
    try {
      await withTimeout(w.handle.start({ jsep: { type: 'answer', sdp } }), WATCH_TIMEOUT_MS, 'cameras.answerWatch');
    } catch (err) {
      this.endWatch(watchId);
      throw new RefusedError({ zh: `观看会话 ${watchId} 失败：${(err as Error).message}`, en: `viewer session ${watchId}: ${(err as Error).message}` });
    }
  }

  stopWatch(watchId: string, connectionId: string | undefined): void {
    if (this.ownWatch(watchId, connectionId)) this.endWatch(watchId);
  }

  /** A connection closed: its viewer sessions end. */
  connectionClosed(connectionId: string): void {
    for (const [id, w] of this.watches) if (w.connectionId === connectionId) this.endWatch(id);
  }

  get watchCount(): number {
    return this.watches.size;
  }

  private ownWatch(watchId: string, connectionId: string | undefined): Watch | undefined {
    const w = this.watches.get(watchId);
    return w && (w.connectionId === undefined || w.connectionId === connectionId) ? w : undefined;
  }

  private endWatch(watchId: string): void {
    const w = this.watches.get(watchId);
    if (!w) return;
    this.watches.delete(watchId);
    void w.handle.detach().catch(() => undefined);
  }
}
