// Watches for a link's address to come back. A connection built while its link's interface is
// down gathers no candidate on that link and never works, even once the link is back; the
// browser does not tell a page that an interface came up. So while a link has no address, a
// bare local RTCPeerConnection gathers host candidates every addressProbeMs (no signalling, no
// remote: a few milliseconds each) and the moment one lies in the link's subnet, the owner is
// told, and rebuilds at once instead of at its next retry.
import { judgeCandidate, type Cidr } from './candidates';
import { POLICY, type LinkId } from './link-health';

export interface AddressWatchDeps {
  links: { id: LinkId; subnet: Cidr | null }[];
  /** The link has an address in its subnet again. */
  back(link: LinkId): void;
  log?(msg: string): void;
  /** For tests: whether the link has an address now. */
  probe?(subnet: Cidr): Promise<boolean>;
}

/** Gathers this machine's host candidates once; true when one lies in the subnet. */
export async function hasAddressIn(subnet: Cidr, waitMs = 400): Promise<boolean> {
  const pc = new RTCPeerConnection({ iceServers: [] });
  try {
    return await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), waitMs);
      const done = (v: boolean): void => {
        clearTimeout(timer);
        resolve(v);
      };
      pc.onicecandidate = (ev) => {
        if (!ev.candidate) return done(false); // gathering complete, none on the link
        if (ev.candidate.candidate.trim() !== '' && judgeCandidate(ev.candidate.candidate, subnet) === 'keep') done(true);
      };
      pc.createDataChannel('probe');
      pc.createOffer()
        .then((offer) => pc.setLocalDescription(offer))
        .catch(() => done(false));
    });
  } finally {
    pc.close();
  }
}

export class AddressWatch {
  private readonly watching = new Set<LinkId>();
  private readonly timers = new Map<LinkId, ReturnType<typeof setTimeout>>();
  private disposed = false;

  constructor(private readonly deps: AddressWatchDeps) {}

  /** A connection on this link found no address on it: look until one is there. */
  lost(link: LinkId): void {
    const subnet = this.deps.links.find((l) => l.id === link)?.subnet;
    if (!subnet || this.disposed || this.watching.has(link)) return;
    this.watching.add(link);
    this.deps.log?.(`link ${link}: no address on it, probing every ${POLICY.addressProbeMs} ms`);
    this.schedule(link, subnet, Date.now());
  }

  isWatching(link: LinkId): boolean {
    return this.watching.has(link);
  }

  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.watching.clear();
  }

  dispose(): void {
    this.disposed = true;
    this.stop();
  }

  private schedule(link: LinkId, subnet: Cidr, since: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(link);
      const probe = this.deps.probe ?? hasAddressIn;
      void probe(subnet)
        .catch(() => false)
        .then((back) => {
          if (this.disposed || !this.watching.has(link)) return;
          if (!back) return this.schedule(link, subnet, since);
          this.watching.delete(link);
          this.deps.log?.(`link ${link}: address back after ${Date.now() - since} ms of probing`);
          this.deps.back(link);
        });
    }, POLICY.addressProbeMs);
    this.timers.set(link, timer);
  }
}
