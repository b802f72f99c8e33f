// An endpoint's signalling over both links (through the DualHub: one socket per link): joining
// each socket to the consultation, goodbyes and leaving, the signals to one remote, the status
// report, and the queue of signals that arrive while the camera is still starting.
import type { Consultation, EndpointStatus, SignalMessage, SignalPayload } from '@contract/consult';
import { DualHub, type DualHubHandlers, type SocketState } from '../client/dual-hub';
import type { EndpointLink } from './endpoint-config';
import type { EndpointCore } from './endpoint-view';
import type { LinkId } from './link-health';

function randomId(n = 12): string {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  return [...bytes].map((b) => abc[b % abc.length]).join('');
}

export type SignallingHandlers = Required<Pick<DualHubHandlers, 'signal' | 'control' | 'changed' | 'presence' | 'opened' | 'socket'>>;

export class Signalling {
  /** This endpoint's session; every join is a new one (the others forget the old one's connections). */
  session = randomId();
  private readonly hub: DualHub;
  private msgSeq = 0;
  /** Signals that came while joining, handled once in the call. */
  private early: SignalMessage[] = [];

  constructor(
    private readonly core: EndpointCore,
    links: EndpointLink[],
    private readonly on: SignallingHandlers,
  ) {
    const urls: Partial<Record<LinkId, string>> = {};
    for (const l of links) if (l.url) urls[l.id] = l.url;
    this.hub = new DualHub({ urls }, on);
  }

  state(link: LinkId): SocketState {
    return this.hub.state(link);
  }

  /** A consultation record heard of (or found): the hub pair keeps only newer revisions. */
  accept(c: Consultation): void {
    this.hub.acceptConsultation(c);
  }

  /** The live consultation as one link's hub knows it. */
  async live(link: LinkId): Promise<Consultation | null> {
    const r = await this.hub.list(1, link);
    return r.live;
  }

  /** Joins on every open socket at once; one success is enough to be in the call. */
  joinOpen(c: Consultation): Promise<void>[] {
    return this.hub.links.filter((l) => this.hub.state(l) === 'open').map((l) => this.joinOn(l, c));
  }

  /** Binds one link's socket to the consultation (again after a reconnect, or signals would not reach it). */
  async joinOn(link: LinkId, c: Consultation): Promise<void> {
    const r = await this.hub.join(link, { consultationId: c.id, participantId: this.core.me, session: this.session, link });
    if (this.hub.acceptPresence(r.presence)) this.on.presence(r.presence);
  }

  /** Records that this endpoint left (the operator's leave); a refusal changes nothing here. */
  async leave(c: Consultation): Promise<void> {
    await this.hub.leave({ consultationId: c.id, participantId: this.core.me, session: this.session }).catch(() => undefined);
  }

  newSession(): void {
    this.session = randomId();
  }

  sendTo(to: string, payload: SignalPayload): void {
    const c = this.core.view().consultation;
    if (!c) return;
    const msg = { consultationId: c.id, from: this.core.me, to, msgId: `${this.session}.${++this.msgSeq}`, payload };
    this.hub.signal(msg).catch((err) => this.core.log(`signal to ${to} not sent: ${String(err)}`));
  }

  report(status: EndpointStatus): void {
    this.hub.report(status).catch(() => undefined);
  }

  // ---- signals that come before we can answer them --------------------------------------
  keepEarly(m: SignalMessage): void {
    this.early.push(m);
  }

  takeEarly(): SignalMessage[] {
    return this.early.splice(0);
  }

  dropEarly(): void {
    this.early = [];
  }

  dispose(): void {
    this.hub.dispose();
  }
}
