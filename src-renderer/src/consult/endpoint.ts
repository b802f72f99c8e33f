// A consultation endpoint: this centre's camera and microphone in, every other participant's
// video out, over both links. It joins the live consultation this centre is invited to, keeps a
// RemoteParticipant (two connections) per other site, obeys the console's commands, and reports
// its state to the hub about once a second. Plain TypeScript; React only reads its store.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '@contract/api';
import type {
  Consultation,
  ControlCommand,
  EndpointStatus,
  Layout,
  LinkStats,
  MediaMode,
  Presence,
  SignalMessage,
  SignalPayload,
} from '@contract/consult';
import type { Capture, EndpointLink } from './endpoint-config';
import { DualHub, type SocketState } from './dual-hub';
import { SpeakerPicker, type LinkId } from './link-health';
import type { Quality } from './peer-leg';
import { RemoteParticipant } from './remote';

export type Phase = 'idle' | 'waiting' | 'joining' | 'in-call' | 'left' | 'error';

export interface RemoteView {
  id: string;
  name: string;
  shown: LinkId | null;
  A: LinkStats;
  B: LinkStats;
  /** Milliseconds from joining (ours, or the remote's if it came later) to this remote's first frame. */
  firstFrameMs: number | null;
  /** Local address carrying each link's connection (in single mode: whichever network ICE chose). */
  paths: Record<LinkId, string | null>;
}

export interface Device {
  id: string;
  label: string;
}

export interface EndpointView {
  phase: Phase;
  consultation: Consultation | null;
  presence: Presence | null;
  signalling: Record<LinkId, SocketState>;
  remotes: RemoteView[];
  muted: boolean;
  cameraOff: boolean;
  sharing: boolean;
  layout: Layout;
  focus: string | null;
  activeSpeaker: string | null;
  /** Effective: the consultation's setting, the console's override, or power.conserve. */
  lowBandwidth: boolean;
  conserve: boolean;
  cameras: Device[];
  mics: Device[];
  cameraId: string | null;
  micId: string | null;
  localStream: MediaStream | null;
  error: string | null;
}

export interface EndpointOptions {
  me: string;
  links: EndpointLink[];
  capture: Capture;
  iceServers?: RTCIceServer[];
  /** This centre's own services (the power capability's power.conserve event). */
  local?: ApiClient | null;
  now?: () => number;
  log?: (msg: string) => void;
}

const STATS_EVERY_MS = 1000;
const TICK_EVERY_MS = 100;
/** A timer that fires this late means the page was not running: give queued events time to land. */
const STALL_GRACE_MS = 300;

function randomId(n = 12): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  return [...bytes].map((b) => abc[b % abc.length]).join('');
}

export class ConsultEndpoint {
  readonly store: StoreApi<EndpointView>;
  readonly me: string;
  private readonly hub: DualHub;
  private readonly remotes = new Map<string, RemoteParticipant>();
  private readonly speaker = new SpeakerPicker();
  private readonly now: () => number;
  private session = randomId();
  private msgSeq = 0;
  private joinStartedAt: number | null = null;
  private leftId: string | null = null;
  private lowOverride: boolean | null = null;
  private out: MediaStream | null = null;
  private camera: MediaStreamTrack | null = null;
  private screen: MediaStreamTrack | null = null;
  private timers: ReturnType<typeof setInterval>[] = [];
  private offs: (() => void)[] = [];
  private disposed = false;
  private lastTick = 0;
  private judgeAfter = 0;
  /** Signals that came while joining, handled once in the call. */
  private early: SignalMessage[] = [];

  constructor(private readonly opts: EndpointOptions) {
    this.me = opts.me;
    this.now = opts.now ?? (() => performance.now());
    this.store = createStore<EndpointView>()(() => ({
      phase: 'idle',
      consultation: null,
      presence: null,
      signalling: { A: 'off', B: 'off' },
      remotes: [],
      muted: false,
      cameraOff: false,
      sharing: false,
      layout: 'grid',
      focus: null,
      activeSpeaker: null,
      lowBandwidth: false,
      conserve: false,
      cameras: [],
      mics: [],
      cameraId: null,
      micId: null,
      localStream: null,
      error: null,
    }));
    const urls: Partial<Record<LinkId, string>> = {};
    for (const l of opts.links) if (l.url) urls[l.id] = l.url;
    this.hub = new DualHub(
      { urls },
      {
        signal: (m) => this.onSignal(m),
        control: (m) => m.consultationId === this.current()?.id && void this.command(m.command),
        changed: (c) => this.onChanged(c),
        presence: (p) => this.onPresence(p),
        opened: (link) => void this.onOpened(link),
        socket: (link, state) => this.set({ signalling: { ...this.view().signalling, [link]: state } }),
      },
    );
  }

  start(): void {
    this.set({ phase: 'waiting' });
    this.timers.push(
      setInterval(() => this.tick(), TICK_EVERY_MS),
      setInterval(() => void this.sample(), STATS_EVERY_MS),
    );
    this.watchPower();
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    await this.hangUp('closed').catch(() => undefined);
    this.disposed = true;
    for (const t of this.timers) clearInterval(t);
    for (const off of this.offs) off();
    this.hub.dispose();
  }

  /** The tile of one remote (two stacked videos); the view mounts it. */
  remoteElement(id: string): HTMLElement | null {
    return this.remotes.get(id)?.element ?? null;
  }

  // ---- commands (from the console through the hub, or from buttons on the endpoint) -------
  async command(c: ControlCommand): Promise<void> {
    switch (c.cmd) {
      case 'mute':
        this.out?.getAudioTracks().forEach((t) => (t.enabled = !c.on));
        return this.set({ muted: c.on });
      case 'camera':
        this.out?.getVideoTracks().forEach((t) => (t.enabled = !c.on));
        return this.set({ cameraOff: c.on });
      case 'layout':
        return this.set({ layout: c.layout, focus: c.focus });
      case 'devices':
        return this.useDevices(c.cameraId, c.micId);
      case 'lowBandwidth':
        this.lowOverride = c.on;
        return this.requalify();
      case 'leave':
        return this.hangUp('left');
    }
  }

  /** Back into the consultation this endpoint left (a button on the endpoint's own screen). */
  async rejoin(): Promise<void> {
    this.leftId = null;
    const c = this.current();
    if (c && c.endedAt === null) await this.consider(c);
  }

  /** Screen or window share in place of the camera (needs a click on this page: a user gesture). */
  async share(on: boolean): Promise<void> {
    if (!on) return this.stopShare();
    const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
    const track = display.getVideoTracks()[0];
    if (!track) return;
    this.screen = track;
    track.onended = () => void this.stopShare();
    await this.swapVideo(track);
    this.set({ sharing: true });
  }

  // ---- joining ----------------------------------------------------------------------------
  private current(): Consultation | null {
    return this.view().consultation;
  }

  private async onOpened(link: LinkId): Promise<void> {
    if (this.disposed) return;
    const c = this.current();
    if (this.view().phase === 'in-call' || this.view().phase === 'joining') {
      // A reconnected socket must be bound again, or signals for us would not reach it.
      if (c) await this.joinOn(link, c).catch((err) => this.log(`join on link ${link} failed: ${String(err)}`));
      return;
    }
    try {
      const r = await this.hub.callOn(link, 'consult.list', { limit: 1 });
      if (r.live) this.onChanged(r.live);
      else if (!this.current()) this.set({ phase: 'waiting' });
    } catch (err) {
      this.log(`consult.list on link ${link} failed: ${String(err)}`);
    }
  }

  private onChanged(c: Consultation): void {
    const cur = this.current();
    if (cur && cur.id !== c.id && c.endedAt !== null) return; // another consultation, already over
    this.hub.acceptConsultation(c);
    this.set({ consultation: c });
    void this.consider(c);
  }

  /** Joins a live consultation that invites us, leaves one that ended. */
  private async consider(c: Consultation | null): Promise<void> {
    const phase = this.view().phase;
    if (!c) return;
    if (c.endedAt !== null) {
      if (phase === 'in-call' || phase === 'joining') await this.hangUp('ended');
      this.set({ phase: 'waiting' });
      return;
    }
    if (!c.participants.some((p) => p.id === this.me)) return;
    if (this.leftId === c.id) return this.set({ phase: 'left' });
    if (phase === 'in-call' || phase === 'joining') return;
    await this.join(c);
  }

  private async join(c: Consultation): Promise<void> {
    this.set({ phase: 'joining', error: null });
    this.early = [];
    this.joinStartedAt = this.now();
    try {
      // Media and the sockets' joins in parallel: both are needed before the first offer.
      const t0 = this.now();
      const media = this.ensureMedia().then((m) => (this.log(`camera ready in ${Math.round(this.now() - t0)} ms`), m));
      const joins = this.hub.links.filter((l) => this.hub.state(l) === 'open').map((l) => this.joinOn(l, c));
      await media;
      await Promise.any(joins.length > 0 ? joins : [Promise.reject(new Error('no link to the district hub is open'))]);
      this.log(`joined ${c.id} in ${Math.round(this.now() - t0)} ms`);
      this.set({ phase: 'in-call' });
      const presence = this.view().presence;
      if (presence) this.onPresence(presence);
      for (const m of this.early.splice(0)) this.onSignal(m);
      for (const p of presence?.present ?? []) if (p.id !== this.me) this.sendTo(p.id, { kind: 'hello', session: this.session, mode: c.mode });
    } catch (err) {
      const msg = err instanceof AggregateError ? String(err.errors[0]) : String(err);
      this.early = [];
      this.set({ phase: 'error', error: msg });
      this.log(`joining ${c.id} failed: ${msg}`);
    }
  }

  private async joinOn(link: LinkId, c: Consultation): Promise<void> {
    const r = await this.hub.callOn(link, 'consult.join', { consultationId: c.id, participantId: this.me, session: this.session, link });
    if (this.hub.acceptPresence(r.presence)) this.onPresence(r.presence);
  }

  /**
   * Leaves the call here. `ended`: the consultation is over (the hub has let everyone go: no
   * goodbyes). `left`: the operator left (goodbyes, and the leave is recorded). `closed`: this
   * page or panel goes away (goodbyes only; the others rebuild when it comes back).
   */
  private async hangUp(why: 'ended' | 'left' | 'closed'): Promise<void> {
    const c = this.current();
    const phase = this.view().phase;
    if (c && (phase === 'in-call' || phase === 'joining') && why !== 'ended') {
      for (const id of this.remotes.keys()) this.sendTo(id, { kind: 'bye', session: this.session });
      if (why === 'left') {
        this.leftId = c.id;
        await this.hub.call('consult.leave', { consultationId: c.id, participantId: this.me, session: this.session }).catch(() => undefined);
      }
    }
    for (const r of this.remotes.values()) r.destroy();
    this.remotes.clear();
    this.out?.getTracks().forEach((t) => t.stop());
    this.screen?.stop();
    this.out = this.camera = this.screen = null;
    // A later join is a new session: the others forget this one's connections.
    this.session = randomId();
    this.set({ phase: why === 'left' ? 'left' : 'waiting', remotes: [], localStream: null, sharing: false, presence: null });
  }

  // ---- local media -----------------------------------------------------------------------
  private async ensureMedia(): Promise<MediaStream> {
    if (this.out) return this.out;
    const { width, height, frameRate, audio } = this.opts.capture;
    const v = this.view();
    const video = { width: { ideal: width }, height: { ideal: height }, frameRate: { ideal: frameRate }, ...(v.cameraId ? { deviceId: { exact: v.cameraId } } : {}) };
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video, audio: audio ? (v.micId ? { deviceId: { exact: v.micId } } : true) : false });
    } catch (err) {
      // No microphone (or it is busy): take part with the picture alone rather than not at all.
      if (!audio) throw err;
      this.log(`no microphone (${String(err)}): joining with video only`);
      stream = await navigator.mediaDevices.getUserMedia({ video, audio: false });
    }
    this.out = stream;
    this.camera = stream.getVideoTracks()[0] ?? null;
    stream.getAudioTracks().forEach((t) => (t.enabled = !v.muted));
    stream.getVideoTracks().forEach((t) => (t.enabled = !v.cameraOff));
    this.set({ localStream: stream, cameraId: this.camera?.getSettings().deviceId ?? null, micId: stream.getAudioTracks()[0]?.getSettings().deviceId ?? null });
    void this.listDevices();
    return stream;
  }

  private async listDevices(): Promise<void> {
    const all = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    const pick = (kind: MediaDeviceKind): Device[] =>
      all.filter((d) => d.kind === kind).slice(0, 16).map((d, i) => ({ id: d.deviceId, label: (d.label || `${kind} ${i + 1}`).slice(0, 200) }));
    this.set({ cameras: pick('videoinput'), mics: pick('audioinput') });
  }

  private async useDevices(cameraId: string | null, micId: string | null): Promise<void> {
    const v = this.view();
    if (!this.out) return this.set({ cameraId, micId });
    if (cameraId && cameraId !== v.cameraId) {
      const { width, height, frameRate } = this.opts.capture;
      const s = await navigator.mediaDevices.getUserMedia({ video: { deviceId: { exact: cameraId }, width: { ideal: width }, height: { ideal: height }, frameRate: { ideal: frameRate } } });
      const track = s.getVideoTracks()[0];
      track.enabled = !v.cameraOff;
      const old = this.camera;
      this.camera = track;
      if (!this.screen) await this.swapVideo(track);
      old?.stop();
      this.set({ cameraId });
    }
    if (micId && micId !== v.micId) {
      const s = await navigator.mediaDevices.getUserMedia({ audio: { deviceId: { exact: micId } } });
      const track = s.getAudioTracks()[0];
      track.enabled = !v.muted;
      const old = this.out.getAudioTracks()[0];
      if (old) this.out.removeTrack(old);
      this.out.addTrack(track);
      await Promise.all([...this.remotes.values()].map((r) => r.replaceAudio(track)));
      old?.stop();
      this.set({ micId });
    }
  }

  private async swapVideo(track: MediaStreamTrack): Promise<void> {
    if (!this.out) return;
    const old = this.out.getVideoTracks()[0];
    if (old) this.out.removeTrack(old);
    this.out.addTrack(track);
    await Promise.all([...this.remotes.values()].map((r) => r.replaceVideo(track)));
  }

  private async stopShare(): Promise<void> {
    const s = this.screen;
    this.screen = null;
    s?.stop();
    if (this.camera) await this.swapVideo(this.camera);
    this.set({ sharing: false });
  }

  // ---- signalling ------------------------------------------------------------------------
  private sendTo(to: string, payload: SignalPayload): void {
    const c = this.current();
    if (!c) return;
    const msg = { consultationId: c.id, from: this.me, to, msgId: `${this.session}.${++this.msgSeq}`, payload };
    this.hub.callAll('consult.signal', msg).catch((err) => this.log(`signal to ${to} not sent: ${String(err)}`));
  }

  private onPresence(p: Presence): void {
    const c = this.current();
    if (!c || p.consultationId !== c.id) return;
    this.set({ presence: p });
    if (this.view().phase !== 'in-call') return;
    for (const x of p.present) {
      if (x.id === this.me) continue;
      // Absence from presence does not end a remote: its media may well still flow (hub gone).
      this.remote(x.id).resetSession(x.session);
    }
  }

  private onSignal(m: SignalMessage): void {
    const c = this.current();
    if (!c || m.consultationId !== c.id || m.to !== this.me) return;
    // The others hear of us as soon as one socket has joined, while our camera may still be
    // starting: keep what they send until we can answer, or the first offer is lost.
    if (this.view().phase === 'joining') {
      this.early.push(m);
      return;
    }
    if (this.view().phase !== 'in-call') return;
    const p = m.payload;
    switch (p.kind) {
      case 'hello': {
        const r = this.remote(m.from);
        const isNew = r.session !== p.session;
        r.resetSession(p.session);
        // Answer a new session once, so it learns ours even if presence was missed.
        if (isNew) this.sendTo(m.from, { kind: 'hello', session: this.session, mode: c.mode });
        return;
      }
      case 'bye': {
        const r = this.remotes.get(m.from);
        if (r && r.session === p.session) {
          r.destroy();
          this.remotes.delete(m.from);
          this.refresh();
        }
        return;
      }
      case 'peer': {
        const r = this.remote(m.from);
        // An offer from a session we have not heard of yet: it is the remote's current one.
        if (!r.session && !this.initiatorFor(m.from) && p.data.type === 'offer') r.resetSession(p.pc.session);
        r.onPeer(p.pc, p.data);
        return;
      }
      case 'rebuild': {
        const r = this.remotes.get(m.from);
        if (r && r.session === p.session) r.onRebuildRequest(p.link);
        return;
      }
      case 'shown': {
        const r = this.remotes.get(m.from);
        if (r && r.session === p.session) {
          r.remoteShows = p.link;
          r.requalify();
        }
        return;
      }
    }
  }

  private initiatorFor(remoteId: string): boolean {
    return this.me < remoteId;
  }

  private remote(id: string): RemoteParticipant {
    let r = this.remotes.get(id);
    if (r) return r;
    const c = this.current()!;
    const mode: MediaMode = c.mode;
    r = new RemoteParticipant({
      id,
      name: c.participants.find((p) => p.id === id)?.name ?? id,
      mode,
      initiator: this.initiatorFor(id),
      mySession: () => this.session,
      links: this.opts.links.map((l) => ({ id: l.id, subnet: l.subnet })),
      iceServers: this.opts.iceServers ?? [],
      now: this.now,
      localStream: () => this.out ?? new MediaStream(),
      quality: (remote, link) => this.quality(remote, link),
      send: (payload) => this.sendTo(id, payload),
      changed: () => this.refresh(),
      log: (msg) => this.log(msg),
    });
    this.remotes.set(id, r);
    this.refresh();
    return r;
  }

  // ---- low-bandwidth mode ---------------------------------------------------------------
  private quality(remote: RemoteParticipant, link: LinkId): Quality {
    if (!this.view().lowBandwidth) return 'high';
    // The link the remote shows carries the full picture; the standby a light one, raised
    // as soon as the remote says it switched.
    return link === (remote.remoteShows ?? remote.links[0]) ? 'high' : 'low';
  }

  private requalify(): void {
    const v = this.view();
    const low = this.lowOverride ?? ((v.consultation?.lowBandwidth ?? false) || v.conserve);
    if (low !== v.lowBandwidth) this.set({ lowBandwidth: low });
    for (const r of this.remotes.values()) r.requalify();
  }

  private watchPower(): void {
    const local = this.opts.local;
    if (!local) return;
    this.offs.push(
      local.on('power.conserve', (p) => {
        this.set({ conserve: p.active });
        this.requalify();
      }),
    );
    local
      .call('power.getOverview', {})
      .then((o) => {
        this.set({ conserve: o.conserve });
        this.requalify();
      })
      .catch(() => undefined);
  }

  // ---- housekeeping ---------------------------------------------------------------------
  private tick(): void {
    const now = this.now();
    const slept = now - this.lastTick > STALL_GRACE_MS;
    this.lastTick = now;
    // After the page itself stalled (a busy main thread, a throttled tab), frames and heartbeats
    // that did arrive are still queued behind this timer: judge nobody until they are counted.
    if (slept) this.judgeAfter = now + STALL_GRACE_MS;
    if (this.view().phase !== 'in-call') return;
    const judge = now >= this.judgeAfter;
    for (const r of this.remotes.values()) r.tick(now, judge);
  }

  private async sample(): Promise<void> {
    const v = this.view();
    if (v.phase !== 'in-call') return;
    await Promise.all([...this.remotes.values()].map((r) => r.sampleStats()));
    const levels = new Map<string, number | null>();
    for (const r of this.remotes.values()) levels.set(r.id, r.audioLevel);
    this.set({ activeSpeaker: this.speaker.update(levels, this.now()) });
    this.requalify();
    this.refresh();
    this.report();
  }

  private refresh(): void {
    const remotes: RemoteView[] = [...this.remotes.values()].map((r) => ({
      id: r.id,
      name: r.name,
      shown: r.shown,
      A: r.linkStats('A'),
      B: r.linkStats('B'),
      // From the moment both sides are in the call: our join, or the remote's arrival if later.
      firstFrameMs: r.firstFrameAt !== null && this.joinStartedAt !== null ? Math.max(0, Math.round(r.firstFrameAt - Math.max(this.joinStartedAt, r.since))) : null,
      paths: { A: r.path('A'), B: r.path('B') },
    }));
    this.set({ remotes });
  }

  private report(): void {
    const v = this.view();
    const c = v.consultation;
    if (!c || v.phase !== 'in-call') return;
    const sig = (l: LinkId): EndpointStatus['signalling']['A'] => v.signalling[l];
    const status: EndpointStatus = {
      consultationId: c.id,
      participantId: this.me,
      session: this.session,
      at: Date.now(),
      mode: c.mode,
      signalling: { A: sig('A'), B: sig('B') },
      muted: v.muted,
      cameraOff: v.cameraOff,
      lowBandwidth: v.lowBandwidth,
      layout: v.layout,
      focus: v.focus,
      activeSpeaker: v.activeSpeaker,
      cameras: v.cameras,
      mics: v.mics,
      cameraId: v.cameraId,
      micId: v.micId,
      remotes: v.remotes.slice(0, 6).map((r) => ({ id: r.id, shown: r.shown, A: r.A, B: r.B })),
    };
    this.hub.call('consult.report', { status }).catch(() => undefined);
  }

  private view(): EndpointView {
    return this.store.getState();
  }

  private set(patch: Partial<EndpointView>): void {
    if (!this.disposed) this.store.setState(patch);
  }

  private log(msg: string): void {
    (this.opts.log ?? ((m: string) => console.info(`[consult] ${m}`)))(msg);
  }
}

