// One other site of an sfu consultation as this endpoint shows it: a <video> per link (its feed
// on that link, received through the media engine), stacked in one tile, the freshest shown
// (link-health's chooseShown, on every rendered frame, as the mesh does), and the sound of the
// shown link. Its tile state (playing / stalled / reconnecting / connecting) comes from the
// frames it renders and from whether its subscriptions are being made again.
import type { LinkStats } from '@contract/consult';
import { chooseShown, FrameClock, POLICY, ratesBetween, type LinkId, type LinkRates, type StatsSample } from './link-health';

export type SfuTileState = 'connecting' | 'playing' | 'stalled' | 'reconnecting';

/** A picture with no new frame for this long is no longer playing. */
export const SFU_STALL_MS = 1000;

interface LinkSlot {
  link: LinkId;
  video: HTMLVideoElement;
  clock: FrameClock;
  /** The tracks of the current subscription of this site's feed on this link (null: none). */
  videoTrack: MediaStreamTrack | null;
  audioTrack: MediaStreamTrack | null;
  /** When the current subscription delivered its track (frames before it are the old one's). */
  since: number | null;
  /** A subscription of this feed is being made (or made again). */
  pending: boolean;
  prev: StatsSample | null;
  /** When the current subscription's video bytes last grew (getStats): media arrives, even if no frame is drawn. */
  bytesAt: number | null;
  rates: LinkRates;
  builds: number;
}

const EMPTY_RATES: LinkRates = { kbps: null, loss: null, rttMs: null, lateMs: null };

export class SfuRemote {
  readonly element: HTMLDivElement;
  shown: LinkId | null = null;
  private shownAt = -Infinity;
  firstFrameAt: number | null = null;
  /** The shown link's sound level (getStats audioLevel, 0–1), for the active speaker. */
  audioLevel: number | null = null;
  readonly since: number;
  private readonly audio: HTMLAudioElement;
  private readonly slots = new Map<LinkId, LinkSlot>();
  private destroyed = false;

  constructor(
    readonly id: string,
    readonly name: string,
    links: LinkId[],
    private readonly now: () => number,
    private readonly changed: () => void,
  ) {
    this.since = now();
    this.element = document.createElement('div');
    this.element.className = 'consult-videos';
    this.element.dataset.remote = id;
    this.audio = document.createElement('audio');
    this.audio.autoplay = true;
    this.element.appendChild(this.audio);
    for (const l of links) this.slots.set(l, this.makeSlot(l));
  }

  /** A subscription of this site's feed on a link is being made: the tile says reconnecting if it had a picture. */
  pending(link: LinkId, on: boolean): void {
    const s = this.slots.get(link);
    if (s && s.pending !== on) {
      s.pending = on;
      this.changed();
    }
  }

  /** A track of this site's feed on a link (a new subscription). */
  setTrack(link: LinkId, track: MediaStreamTrack): void {
    const s = this.slots.get(link);
    if (!s || this.destroyed) return;
    if (track.kind === 'audio') {
      s.audioTrack = track;
      if (this.shown === link || this.shown === null) this.playAudio(track);
      return;
    }
    s.videoTrack = track;
    s.since = this.now();
    s.prev = null;
    s.bytesAt = null;
    s.builds++;
    s.clock.reset();
    s.video.srcObject = new MediaStream([track]);
    void s.video.play().catch(() => undefined);
    this.changed();
  }

  /** The feed on this link is gone (its site left the link, the room was made again). */
  clear(link: LinkId): void {
    const s = this.slots.get(link);
    if (!s) return;
    s.videoTrack = s.audioTrack = null;
    s.since = null;
    s.video.srcObject = null;
    s.rates = EMPTY_RATES;
    s.prev = null;
    s.bytesAt = null;
    this.changed();
  }

  /** Whether this link's picture has rendered a frame within `ms` (the subscription works). */
  fresh(link: LinkId, ms = SFU_STALL_MS): boolean {
    const s = this.slots.get(link);
    return !!s && s.since !== null && s.clock.lastAt !== null && s.clock.lastAt >= s.since && this.now() - s.clock.lastAt <= ms;
  }

  /**
   * Whether this link's subscription received video bytes within `ms` (getStats, sampled every
   * second): a picture that is not drawn while its bytes arrive is a busy page, not a dead
   * subscription, and making it again would only add work.
   */
  receiving(link: LinkId, ms: number): boolean {
    const s = this.slots.get(link);
    return !!s && s.bytesAt !== null && this.now() - s.bytesAt <= ms;
  }

  /** When this link's current subscription delivered its track (null: none). */
  subscribedAt(link: LinkId): number | null {
    return this.slots.get(link)?.since ?? null;
  }

  tileState(): SfuTileState {
    const links = [...this.slots.values()];
    if (links.some((s) => this.fresh(s.link))) return 'playing';
    if (this.firstFrameAt === null) return 'connecting';
    if (links.some((s) => s.pending || s.since === null)) return 'reconnecting';
    return 'stalled';
  }

  linkStats(link: LinkId): LinkStats {
    const s = this.slots.get(link);
    if (!s) return { state: 'off', rttMs: null, kbps: null, loss: null, builds: 0 };
    const up = this.fresh(link, POLICY.deadAfterMs);
    const state = up ? 'up' : s.pending || (s.since !== null && s.clock.lastAt === null) ? 'connecting' : s.since !== null ? 'stalled' : 'down';
    return { state, rttMs: up ? s.rates.rttMs : null, kbps: up ? s.rates.kbps : null, loss: up ? s.rates.loss : null, builds: s.builds };
  }

  /** A getStats sample of this feed's streams on a link (the subscription's report, cut to this feed's mids). */
  sample(link: LinkId, cur: StatsSample): void {
    const s = this.slots.get(link);
    if (!s) return;
    if (s.since !== null && cur.videoBytes !== null && cur.videoBytes > 0 && (s.prev === null || cur.videoBytes !== s.prev.videoBytes)) s.bytesAt = cur.at;
    s.rates = ratesBetween(s.prev, cur);
    s.clock.lateMs = s.rates.lateMs;
    s.prev = cur;
    if (link === (this.shown ?? link)) this.audioLevel = cur.audioLevel;
  }

  destroy(): void {
    this.destroyed = true;
    for (const s of this.slots.values()) s.video.srcObject = null;
    this.audio.srcObject = null;
    this.element.remove();
  }

  private makeSlot(link: LinkId): LinkSlot {
    const video = document.createElement('video');
    video.muted = true; // sound from the one <audio>, following the shown link
    video.autoplay = true;
    video.playsInline = true;
    video.dataset.link = link;
    video.dataset.shown = '0';
    this.element.appendChild(video);
    const slot: LinkSlot = {
      link,
      video,
      clock: new FrameClock(),
      videoTrack: null,
      audioTrack: null,
      since: null,
      pending: false,
      prev: null,
      bytesAt: null,
      rates: EMPTY_RATES,
      builds: 0,
    };
    const onFrame = (): void => {
      if (this.destroyed) return;
      this.frame(slot, this.now());
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
    return slot;
  }

  private frame(s: LinkSlot, at: number): void {
    if (s.since === null) return;
    const wasFresh = this.fresh(s.link);
    s.clock.frame(at);
    if (this.firstFrameAt === null) this.firstFrameAt = at;
    const clocks: Partial<Record<LinkId, FrameClock>> = {};
    for (const x of this.slots.values()) if (x.since !== null) clocks[x.link] = x.clock;
    const next = chooseShown(this.shown, clocks, at, this.shownAt);
    if (next !== null && next !== this.shown) this.show(next);
    else if (!wasFresh) this.changed();
  }

  private show(link: LinkId): void {
    this.shown = link;
    this.shownAt = this.now();
    for (const x of this.slots.values()) {
      const on = x.link === link;
      x.video.dataset.shown = on ? '1' : '0';
      x.video.classList.toggle('is-shown', on);
    }
    const a = this.slots.get(link)?.audioTrack;
    if (a) this.playAudio(a);
    this.changed();
  }

  private playAudio(track: MediaStreamTrack): void {
    if ((this.audio.srcObject as MediaStream | null)?.getAudioTracks()[0] === track) return;
    this.audio.srcObject = new MediaStream([track]);
    // Autoplay of sound can be refused without a user gesture; the picture does not depend on it.
    void this.audio.play().catch(() => undefined);
  }
}
