// The other sites of the call: a RemoteParticipant (a connection per link) for each, made when
// they are heard of, and the signals between us and them (hello, bye, peer, rebuild, shown).
import type { Consultation, Presence, SignalMessage, SignalPayload } from '@contract/consult';
import { AddressWatch } from './address-watch';
import type { EndpointLink } from './endpoint-config';
import type { EndpointCore } from './endpoint-view';
import type { LinkId } from './link-health';
import type { Quality } from './peer-leg';
import { RemoteParticipant } from './remote';

export interface MeshDeps {
  links: EndpointLink[];
  iceServers: RTCIceServer[];
  /** Our session now (a new one on every join). */
  session(): string;
  localStream(): MediaStream;
  send(to: string, payload: SignalPayload): void;
  /** A remote came, went or changed: the view's list is due. */
  changed(): void;
}

export class Mesh {
  private readonly remotes = new Map<string, RemoteParticipant>();
  /** Links whose address is gone, watched for its return (shared by every remote). */
  private readonly addresses: AddressWatch;

  constructor(
    private readonly core: EndpointCore,
    private readonly deps: MeshDeps,
  ) {
    this.addresses = new AddressWatch({
      links: deps.links.map((l) => ({ id: l.id, subnet: l.subnet })),
      back: (link) => this.linkBack(link, 'its address is back'),
      log: (msg) => core.log(msg),
    });
  }

  /** A sign that a link works again (its address is back, its socket reconnected): rebuild what it lacks now. */
  linkBack(link: LinkId, why: string): void {
    for (const r of this.remotes.values()) r.linkBack(link, why);
  }

  all(): RemoteParticipant[] {
    return [...this.remotes.values()];
  }

  ids(): string[] {
    return [...this.remotes.keys()];
  }

  element(id: string): HTMLElement | null {
    return this.remotes.get(id)?.element ?? null;
  }

  /** Everyone present has a remote on their current session (absence does not end one: its media may still flow). */
  present(p: Presence): void {
    for (const x of p.present) {
      if (x.id === this.core.me) continue;
      this.remote(x.id).resetSession(x.session);
    }
  }

  /** A signal for us, in the call. */
  onSignal(m: SignalMessage, c: Consultation): void {
    const p = m.payload;
    switch (p.kind) {
      case 'hello': {
        const r = this.remote(m.from);
        const isNew = r.session !== p.session;
        r.resetSession(p.session);
        // Answer a new session once, so it learns ours even if presence was missed.
        if (isNew) this.deps.send(m.from, { kind: 'hello', session: this.deps.session(), mode: c.mode });
        return;
      }
      case 'bye':
        return this.bye(m.from, p.session);
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

  tick(now: number, judge: boolean): void {
    for (const r of this.remotes.values()) r.tick(now, judge);
  }

  requalify(): void {
    for (const r of this.remotes.values()) r.requalify();
  }

  /** Every remote gone (hanging up). */
  clear(): void {
    this.addresses.stop();
    for (const r of this.remotes.values()) r.destroy();
    this.remotes.clear();
  }

  private bye(from: string, session: string): void {
    const r = this.remotes.get(from);
    if (r && r.session === session) {
      r.destroy();
      this.remotes.delete(from);
      this.deps.changed();
    }
  }

  private initiatorFor(remoteId: string): boolean {
    return this.core.me < remoteId;
  }

  private remote(id: string): RemoteParticipant {
    let r = this.remotes.get(id);
    if (r) return r;
    const c = this.core.view().consultation!;
    r = new RemoteParticipant({
      id,
      name: c.participants.find((p) => p.id === id)?.name ?? id,
      mode: c.mode,
      initiator: this.initiatorFor(id),
      mySession: () => this.deps.session(),
      links: this.deps.links.map((l) => ({ id: l.id, subnet: l.subnet })),
      iceServers: this.deps.iceServers,
      now: () => this.core.now(),
      localStream: () => this.deps.localStream(),
      quality: (remote, link) => this.quality(remote, link),
      send: (payload) => this.deps.send(id, payload),
      changed: () => this.deps.changed(),
      addressless: (link) => this.addresses.lost(link),
      log: (msg) => this.core.log(msg),
    });
    this.remotes.set(id, r);
    this.deps.changed();
    return r;
  }

  // ---- low-bandwidth mode ---------------------------------------------------------------
  private quality(remote: RemoteParticipant, link: LinkId): Quality {
    if (!this.core.view().lowBandwidth) return 'high';
    // The link the remote shows carries the full picture; the standby a light one, raised
    // as soon as the remote says it switched.
    return link === (remote.remoteShows ?? remote.links[0]) ? 'high' : 'low';
  }
}
