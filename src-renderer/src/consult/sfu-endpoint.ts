// This site in an sfu consultation (the whole district through the media engine): the camera
// and microphone published once per link, every other site's feed received on the same link,
// each site's tile showing the freshest of its links' pictures (sfu-remote.ts). One SfuLink per
// configured link (sfu-link.ts: its own socket, publisher and subscribers, restricted to the
// link's candidates). A Janus restart (a new epoch of the room) makes everything again; the
// console's commands, presence and the status report go through the same sockets. It runs for
// one consultation: when that one ends it says so (`onEnded`) and whoever runs it goes back to
// the mesh endpoint. Its view is the mesh endpoint's (endpoint-view.ts), so the stage shows both.
import { RecentIds, SFU_MAX_SITES, type Consultation, type ControlCommand, type ControlMessage, type Presence } from '@contract/consult';
import type { SfuRoom } from '@contract/media';
import type { SocketState } from '../client/dual-hub';
import type { Capture, EndpointLink } from './endpoint-config';
import { initialView, type EndpointCore, type EndpointView, type RemoteView } from './endpoint-view';
import { SpeakerPicker, type LinkId } from './link-health';
import { statusReport, STATS_EVERY_MS } from './link-report';
import { LocalMedia } from './local-media';
import type { RemoteParticipant } from './remote';
import { SfuLink } from './sfu-link';
import { SfuRemote } from './sfu-remote';
import { EndpointCommands } from './control-command';

/** A site whose feed has not been listed on any link for this long has left: its tile goes. */
const GONE_AFTER_MS = 10_000;
/** The links' clocks: republish and resubscribe checks, the tiles' states. */
const TICK_MS = 250;

export interface SfuEndpointOptions {
  me: string;
  links: EndpointLink[];
  capture: Capture;
  /** The sfu consultation this endpoint takes part in (live, inviting `me`). */
  consultation: Consultation;
  iceServers?: RTCIceServer[];
  onView?: (view: EndpointView) => void;
  /** The consultation ended (or this endpoint cannot go on): run the mesh endpoint again. */
  onEnded?: () => void;
  now?: () => number;
  log?: (msg: string) => void;
}

function randomId(n = 12): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...crypto.getRandomValues(new Uint8Array(n))].map((b) => abc[b % abc.length]).join('');
}

export class SfuEndpoint {
  readonly me: string;
  private state: EndpointView;
  private readonly now: () => number;
  private readonly media: LocalMedia;
  private readonly links: SfuLink[];
  private readonly remotes = new Map<string, SfuRemote>();
  private readonly listedAt = new Map<string, number>();
  private readonly seen = new RecentIds(1024, 120_000);
  private readonly speaker = new SpeakerPicker();
  private session = randomId();
  /** Who the media engine hears loudest (the room's own judgement, where the hub gives it). */
  private roomSpeaker: string | null = null;
  private joinStartedAt: number | null = null;
  private readonly commands: EndpointCommands;
  private timers: ReturnType<typeof setInterval>[] = [];
  private ended = false;
  private disposed = false;

  constructor(private readonly opts: SfuEndpointOptions) {
    this.me = opts.me;
    this.now = opts.now ?? (() => performance.now());
    this.state = { ...initialView(), consultation: opts.consultation, room: null };
    const core: EndpointCore = { me: this.me, now: () => this.now(), view: () => this.state, set: (p) => this.set(p), log: (m) => this.log(m) };
    // LocalMedia swaps a new camera, microphone or screen share into every connection that sends it: here, each link's publisher.
    const publishers = {
      replaceVideo: (t: MediaStreamTrack) => Promise.all(this.links.map((l) => l.replace(t))).then(() => undefined),
      replaceAudio: (t: MediaStreamTrack) => Promise.all(this.links.map((l) => l.replace(t))).then(() => undefined),
    };
    this.media = new LocalMedia(core, opts.capture, () => [publishers as unknown as RemoteParticipant]);
    this.commands = new EndpointCommands({ core, media: this.media, leave: () => this.hangUp('left') });
    const linkIds = opts.links.filter((l) => l.url).map((l) => l.id);
    this.links = opts.links
      .filter((l) => l.url)
      .map(
        (l) =>
          new SfuLink({
            link: l.id,
            url: l.url!,
            subnet: l.subnet,
            me: this.me,
            iceServers: opts.iceServers ?? [],
            now: () => this.now(),
            consultation: () => this.state.consultation ?? opts.consultation,
            session: () => this.session,
            localStream: () => this.media.stream,
            remote: (id) => this.remote(id, linkIds),
            socket: (link, s) => this.onSocket(link, s),
            opened: (link) => this.onOpened(link),
            changed: (c) => this.onChanged(c),
            control: (m) => this.onControl(m),
            presence: (p) => this.onPresence(p),
            room: (link, room) => this.onRoom(link, room),
            log: (m) => this.log(m),
          }),
      );
  }

  view(): EndpointView {
    return this.state;
  }

  start(): void {
    this.timers.push(
      setInterval(() => this.tick(), TICK_MS),
      setInterval(() => void this.sample(), STATS_EVERY_MS),
    );
    void this.join();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    await this.hangUp('closed');
    this.disposed = true;
    for (const t of this.timers) clearInterval(t);
    for (const l of this.links) l.dispose();
  }

  remoteElement(id: string): HTMLElement | null {
    return this.remotes.get(id)?.element ?? null;
  }

  setConserve(active: boolean): void {
    this.commands.setConserve(active);
  }

  command(c: ControlCommand): Promise<void> {
    return this.commands.command(c);
  }

  async rejoin(): Promise<void> {
    const c = this.state.consultation;
    if (this.state.phase === 'left' && c && c.endedAt === null) await this.join();
  }

  share(on: boolean): Promise<void> {
    return this.media.share(on);
  }

  // ---- joining and leaving ---------------------------------------------------------------------
  private async join(): Promise<void> {
    this.set({ phase: 'joining', error: null });
    this.joinStartedAt = this.now();
    try {
      await this.media.ensure();
      if (this.disposed || this.ended) return;
      // The offers are made while the sockets join: sent the moment the room answers.
      for (const l of this.links) l.prepareOffer();
      this.set({ phase: 'in-call' });
      await Promise.any(this.links.map((l) => l.enter()));
      this.log(`in sfu consultation ${this.opts.consultation.id} ${Math.round(this.now() - this.joinStartedAt)} ms after joining`);
    } catch (err) {
      const msg = err instanceof AggregateError ? String(err.errors[0]) : String(err);
      // A socket not open yet joins when it opens; only a camera that cannot start is an error here.
      if (this.state.phase === 'joining') this.set({ phase: 'error', error: msg });
      this.log(`joining ${this.opts.consultation.id}: ${msg}`);
    }
  }

  /** `ended`: the consultation is over. `left`: the operator left (the hub is told). `closed`: this page or panel goes. */
  private async hangUp(why: 'ended' | 'left' | 'closed'): Promise<void> {
    await Promise.all(this.links.map((l) => l.exit(why === 'left')));
    for (const r of this.remotes.values()) r.destroy();
    this.remotes.clear();
    this.listedAt.clear();
    this.media.stop();
    this.session = randomId();
    this.set({ phase: why === 'left' ? 'left' : 'waiting', remotes: [], localStream: null, sharing: false, presence: null, room: null });
  }

  // ---- what the hub says -----------------------------------------------------------------------
  private onSocket(link: LinkId, s: SocketState): void {
    this.set({ signalling: { ...this.state.signalling, [link]: s } });
  }

  private onOpened(link: LinkId): void {
    for (const l of this.links) if (l.link !== link) l.hub.reconnectNow();
    // An end missed while the socket was down: the record says so.
    const l = this.links.find((x) => x.link === link);
    void l?.hub
      .list()
      .then((r) => {
        const mine = [r.live, ...r.recent].find((c) => c?.id === this.opts.consultation.id);
        if (mine) this.onChanged(mine);
      })
      .catch(() => undefined);
  }

  private onChanged(c: Consultation): void {
    const cur = this.state.consultation;
    if (c.id !== this.opts.consultation.id || (cur && c.rev < cur.rev)) return;
    this.set({ consultation: c });
    if (c.endedAt !== null && !this.ended) {
      this.ended = true;
      void this.hangUp('ended').then(() => this.opts.onEnded?.());
    }
  }

  private onControl(m: ControlMessage): void {
    if (m.consultationId !== this.opts.consultation.id || m.to !== this.me || !this.seen.firstTime(`c:${m.msgId}`, Date.now())) return;
    void this.command(m.command);
  }

  private onPresence(p: Presence): void {
    const cur = this.state.presence;
    if (p.consultationId !== this.opts.consultation.id) return;
    if (cur && (p.epoch < cur.epoch || (p.epoch === cur.epoch && p.seq <= cur.seq))) return;
    this.set({ presence: p });
  }

  private onRoom(_link: LinkId, room: SfuRoom): void {
    const now = this.now();
    for (const f of room.feeds) if (f.participantId !== this.me) this.listedAt.set(f.participantId, now);
    for (const f of room.feeds)
      if (f.participantId !== this.me && f.link === _link)
        this.remote(
          f.participantId,
          this.links.map((l) => l.link),
        );
    this.roomSpeaker = room.activeSpeaker && room.activeSpeaker !== this.me ? room.activeSpeaker : null;
    const r = this.state.room;
    if (!r || r.ready !== room.ready || r.epoch !== room.epoch) this.set({ room: { ready: room.ready, epoch: room.epoch } });
  }

  // ---- the tiles -------------------------------------------------------------------------------
  private remote(id: string, links: LinkId[]): SfuRemote {
    let r = this.remotes.get(id);
    if (r) return r;
    const name = this.state.consultation?.participants.find((p) => p.id === id)?.name ?? id;
    r = new SfuRemote(
      id,
      name,
      links,
      () => this.now(),
      () => this.refresh(),
    );
    this.remotes.set(id, r);
    this.listedAt.set(id, this.now());
    this.refresh();
    return r;
  }

  private tick(): void {
    if (this.state.phase !== 'in-call') return;
    for (const l of this.links) l.tick();
    const now = this.now();
    const ready = this.state.room?.ready ?? false;
    for (const [id, r] of this.remotes) {
      if (!ready || now - (this.listedAt.get(id) ?? 0) < GONE_AFTER_MS) continue;
      r.destroy();
      this.remotes.delete(id);
    }
    this.refresh();
  }

  private async sample(): Promise<void> {
    if (this.state.phase !== 'in-call') return;
    await Promise.all(this.links.map((l) => l.sample()));
    const levels = new Map<string, number | null>();
    for (const r of this.remotes.values()) levels.set(r.id, r.audioLevel);
    const heard = this.speaker.update(levels, this.now());
    this.set({ activeSpeaker: this.roomSpeaker ?? heard });
    this.commands.requalify();
    this.refresh();
    this.report();
  }

  private refresh(): void {
    if (this.disposed) return;
    const order = new Map((this.state.consultation?.participants ?? []).map((p, i) => [p.id, i]));
    const remotes: RemoteView[] = [...this.remotes.values()]
      .sort((a, b) => (order.get(a.id) ?? 99) - (order.get(b.id) ?? 99))
      .map((r) => ({
        id: r.id,
        name: r.name,
        shown: r.shown,
        A: r.linkStats('A'),
        B: r.linkStats('B'),
        firstFrameMs:
          r.firstFrameAt !== null && this.joinStartedAt !== null ? Math.max(0, Math.round(r.firstFrameAt - Math.max(this.joinStartedAt, r.since))) : null,
        paths: { A: null, B: null },
        state: r.tileState(),
      }));
    const same =
      remotes.length === this.state.remotes.length &&
      remotes.every((x, i) => {
        const y = this.state.remotes[i];
        return (
          x.id === y.id &&
          x.state === y.state &&
          x.shown === y.shown &&
          x.firstFrameMs === y.firstFrameMs &&
          x.A.state === y.A.state &&
          x.B.state === y.B.state &&
          x.A.kbps === y.A.kbps &&
          x.B.kbps === y.B.kbps
        );
      });
    if (!same) this.set({ remotes });
  }

  private report(): void {
    const status = statusReport(this.state, this.me, this.session, Date.now());
    if (!status) return;
    const full = {
      ...status,
      remotes: this.state.remotes.slice(0, SFU_MAX_SITES - 1).map((r) => ({ id: r.id, shown: r.shown, A: r.A, B: r.B })),
    };
    const l = this.links.find((x) => x.state === 'open');
    void l?.hub.report(full).catch(() => undefined);
  }

  private set(patch: Partial<EndpointView>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    this.opts.onView?.(this.state);
  }

  private log(msg: string): void {
    (this.opts.log ?? ((m: string) => console.info(`[consult:sfu] ${m}`)))(msg);
  }
}
