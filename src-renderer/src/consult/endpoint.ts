// A consultation endpoint: this centre's camera and microphone in, every other participant's
// video out, over both links. It joins the live consultation this centre is invited to, keeps a
// RemoteParticipant (two connections) per other site, obeys the console's commands, and reports
// its state to the hub about once a second. Plain TypeScript: it tells its view to `onView`
// (the endpoint slice, state/consult/endpoint-slice.ts, keeps it for React).
// Its parts, one job each: local-media.ts (camera, microphone, screen share), signalling.ts
// (the two hubs: join, leave, signals, the early-signal queue), mesh.ts (the remotes and the
// signals between us), link-report.ts (clocks, stats, the status report), control-command.ts (the
// console's commands and low-bandwidth mode, shared with the SFU endpoint).
import type { Consultation, ControlCommand, Presence, SignalMessage } from '@contract/consult';
import type { Capture, EndpointLink } from './endpoint-config';
import { initialView, type EndpointCore, type EndpointView } from './endpoint-view';
import { remoteViews, StallGuard, StatsSampler, statusReport, STATS_EVERY_MS, TICK_EVERY_MS } from './link-report';
import type { LinkId } from './link-health';
import { LocalMedia } from './local-media';
import { Mesh } from './mesh';
import { Signalling } from './signalling';
import { EndpointCommands } from './control-command';

export interface EndpointOptions {
  me: string;
  links: EndpointLink[];
  capture: Capture;
  iceServers?: RTCIceServer[];
  /** Hears the whole view after every change (not after dispose). */
  onView?: (view: EndpointView) => void;
  now?: () => number;
  log?: (msg: string) => void;
}

export class ConsultEndpoint {
  readonly me: string;
  private state: EndpointView = initialView();
  private readonly now: () => number;
  private readonly media: LocalMedia;
  private readonly mesh: Mesh;
  private readonly signalling: Signalling;
  private readonly stall = new StallGuard();
  private readonly stats = new StatsSampler();
  private joinStartedAt: number | null = null;
  private readonly socketLost: Partial<Record<LinkId, { at: number; attempts: number }>> = {};
  private leftId: string | null = null;
  private readonly commands: EndpointCommands;
  private timers: ReturnType<typeof setInterval>[] = [];
  private disposed = false;

  constructor(private readonly opts: EndpointOptions) {
    this.me = opts.me;
    this.now = opts.now ?? (() => performance.now());
    const core: EndpointCore = { me: this.me, now: () => this.now(), view: () => this.state, set: (p) => this.set(p), log: (m) => this.log(m) };
    this.media = new LocalMedia(core, opts.capture, () => this.mesh.all());
    this.mesh = new Mesh(core, {
      links: opts.links,
      iceServers: opts.iceServers ?? [],
      session: () => this.signalling.session,
      localStream: () => this.media.stream ?? new MediaStream(),
      send: (to, payload) => this.signalling.sendTo(to, payload),
      changed: () => this.refresh(),
    });
    this.commands = new EndpointCommands({ core, media: this.media, leave: () => this.hangUp('left'), requalified: () => this.mesh.requalify() });
    // Last: its sockets tell their state at once.
    this.signalling = new Signalling(core, opts.links, {
      signal: (m) => this.onSignal(m),
      control: (m) => m.consultationId === this.current()?.id && void this.command(m.command),
      changed: (c) => this.onChanged(c),
      presence: (p) => this.onPresence(p),
      opened: (link) => void this.onOpened(link),
      socket: (link, state) => this.onSocket(link, state),
    });
  }

  /** The view now (what onView was last told). */
  view(): EndpointView {
    return this.state;
  }

  start(): void {
    this.set({ phase: 'waiting' });
    this.timers.push(
      setInterval(() => this.tick(), TICK_EVERY_MS),
      setInterval(() => void this.sample(), STATS_EVERY_MS),
    );
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    await this.hangUp('closed').catch(() => undefined);
    this.disposed = true;
    for (const t of this.timers) clearInterval(t);
    this.signalling.dispose();
  }

  /** The tile of one remote (two stacked videos); the view mounts it. */
  remoteElement(id: string): HTMLElement | null {
    return this.mesh.element(id);
  }

  /** This centre's power.conserve (the power slice's): low-bandwidth mode unless the console overrides it. */
  setConserve(active: boolean): void {
    this.commands.setConserve(active);
  }

  // ---- commands (from the console through the hub, or from buttons on the endpoint) -------
  command(c: ControlCommand): Promise<void> {
    return this.commands.command(c);
  }

  /** Back into the consultation this endpoint left (a button on the endpoint's own screen). */
  async rejoin(): Promise<void> {
    this.leftId = null;
    const c = this.current();
    if (c && c.endedAt === null) await this.consider(c);
  }

  /** Screen or window share in place of the camera (needs a click on this page: a user gesture). */
  share(on: boolean): Promise<void> {
    return this.media.share(on);
  }

  // ---- joining ----------------------------------------------------------------------------
  private current(): Consultation | null {
    return this.state.consultation;
  }

  private inCallOrJoining(): boolean {
    return this.state.phase === 'in-call' || this.state.phase === 'joining';
  }

  private async onOpened(link: LinkId): Promise<void> {
    if (this.disposed) return;
    const c = this.current();
    if (this.inCallOrJoining()) {
      // A reconnected socket must be bound again, or signals for us would not reach it.
      if (c) await this.signalling.joinOn(link, c).catch((err) => this.log(`join on link ${link} failed: ${String(err)}`));
      // The link answers again: a connection on it that carries nothing is rebuilt now, not at its next retry.
      if (this.state.phase === 'in-call') this.mesh.linkBack(link, 'its signalling socket reconnected');
      return;
    }
    try {
      const live = await this.signalling.live(link);
      if (live) this.onChanged(live);
      else if (!this.current()) this.set({ phase: 'waiting' });
    } catch (err) {
      this.log(`consult.list on link ${link} failed: ${String(err)}`);
    }
  }

  private onChanged(c: Consultation): void {
    const cur = this.current();
    if (cur && cur.id !== c.id && c.endedAt !== null) return; // another consultation, already over
    this.signalling.accept(c);
    this.set({ consultation: c });
    void this.consider(c);
  }

  /** Joins a live consultation that invites us, leaves one that ended. */
  private async consider(c: Consultation | null): Promise<void> {
    const busy = this.inCallOrJoining();
    if (!c) return;
    if (c.endedAt !== null) {
      if (busy) await this.hangUp('ended');
      this.set({ phase: 'waiting' });
      return;
    }
    // An sfu consultation is the SFU endpoint's (state/consult/endpoint-slice.ts runs it instead).
    if (c.mode === 'sfu') return;
    if (!c.participants.some((p) => p.id === this.me)) return;
    if (this.leftId === c.id) return this.set({ phase: 'left' });
    if (busy) return;
    await this.join(c);
  }

  private async join(c: Consultation): Promise<void> {
    this.set({ phase: 'joining', error: null });
    this.signalling.dropEarly();
    this.joinStartedAt = this.now();
    try {
      // Media and the sockets' joins in parallel: both are needed before the first offer.
      const t0 = this.now();
      const media = this.media.ensure().then((m) => (this.log(`camera ready in ${Math.round(this.now() - t0)} ms`), m));
      const joins = this.signalling.joinOpen(c);
      await media;
      await Promise.any(joins.length > 0 ? joins : [Promise.reject(new Error('no link to the district hub is open'))]);
      this.log(`joined ${c.id} in ${Math.round(this.now() - t0)} ms`);
      this.set({ phase: 'in-call' });
      const presence = this.state.presence;
      if (presence) this.onPresence(presence);
      for (const m of this.signalling.takeEarly()) this.onSignal(m);
      for (const p of presence?.present ?? [])
        if (p.id !== this.me) this.signalling.sendTo(p.id, { kind: 'hello', session: this.signalling.session, mode: c.mode });
    } catch (err) {
      const msg = err instanceof AggregateError ? String(err.errors[0]) : String(err);
      this.signalling.dropEarly();
      this.set({ phase: 'error', error: msg });
      this.log(`joining ${c.id} failed: ${msg}`);
    }
  }

  /**
   * Leaves the call here. `ended`: the consultation is over (the hub has let everyone go: no
   * goodbyes). `left`: the operator left (goodbyes, and the leave is recorded). `closed`: this
   * page or panel goes away (goodbyes only; the others rebuild when it comes back).
   */
  private async hangUp(why: 'ended' | 'left' | 'closed'): Promise<void> {
    const c = this.current();
    if (c && this.inCallOrJoining() && why !== 'ended') {
      for (const id of this.mesh.ids()) this.signalling.sendTo(id, { kind: 'bye', session: this.signalling.session });
      if (why === 'left') {
        this.leftId = c.id;
        await this.signalling.leave(c);
      }
    }
    this.mesh.clear();
    this.media.stop();
    // A later join is a new session: the others forget this one's connections.
    this.signalling.newSession();
    this.set({ phase: why === 'left' ? 'left' : 'waiting', remotes: [], localStream: null, sharing: false, presence: null });
  }

  // ---- what the hubs bring ----------------------------------------------------------------
  /** Each link's socket: shown in the view; a socket back after a loss says how long it was away. */
  private onSocket(link: LinkId, state: EndpointView['signalling'][LinkId]): void {
    const now = this.now();
    const lost = this.socketLost[link];
    if (state === 'open' && lost) {
      this.log(`signalling on link ${link} open again after ${Math.round(now - lost.at)} ms (${lost.attempts} attempts)`);
      delete this.socketLost[link];
    } else if (state === 'closed' && this.state.signalling[link] === 'open') this.socketLost[link] = { at: now, attempts: 0 };
    else if (state === 'connecting' && lost) lost.attempts++;
    this.set({ signalling: { ...this.state.signalling, [link]: state } });
  }

  private onPresence(p: Presence): void {
    const c = this.current();
    if (!c || p.consultationId !== c.id) return;
    this.set({ presence: p });
    if (this.state.phase !== 'in-call') return;
    this.mesh.present(p);
  }

  private onSignal(m: SignalMessage): void {
    const c = this.current();
    if (!c || m.consultationId !== c.id || m.to !== this.me) return;
    // The others hear of us as soon as one socket has joined, while our camera may still be
    // starting: keep what they send until we can answer, or the first offer is lost.
    if (this.state.phase === 'joining') {
      this.signalling.keepEarly(m);
      return;
    }
    if (this.state.phase !== 'in-call') return;
    this.mesh.onSignal(m, c);
  }

  // ---- clocks, stats (low-bandwidth mode: control-command.ts) -----------------------------
  private tick(): void {
    const now = this.now();
    const judge = this.stall.judge(now);
    if (this.state.phase !== 'in-call') return;
    this.mesh.tick(now, judge);
  }

  private async sample(): Promise<void> {
    if (this.state.phase !== 'in-call') return;
    const activeSpeaker = await this.stats.sample(() => this.mesh.all(), this.now);
    this.set({ activeSpeaker });
    this.commands.requalify();
    this.refresh();
    this.report();
  }

  private refresh(): void {
    this.set({ remotes: remoteViews(this.mesh.all(), this.joinStartedAt) });
  }

  private report(): void {
    const status = statusReport(this.state, this.me, this.signalling.session, Date.now());
    if (status) this.signalling.report(status);
  }

  private set(patch: Partial<EndpointView>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...patch };
    this.opts.onView?.(this.state);
  }

  private log(msg: string): void {
    (this.opts.log ?? ((m: string) => console.info(`[consult] ${m}`)))(msg);
  }
}
