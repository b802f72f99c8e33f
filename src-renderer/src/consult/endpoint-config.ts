// From this centre's configuration to what an endpoint or a console needs: who we are in a
// consultation, and each link's hub URL and subnet. Pure; unit-tested.
import { participantIdOf } from '@contract/consult';
import type { CentreInfo } from '@contract/schemas';
import { parseCidr, type Cidr } from './candidates';
import { hubRpcUrl } from './hub-url';
import { LINK_IDS, type LinkId } from './link-health';

export interface EndpointLink {
  id: LinkId;
  /** The district hub's /rpc URL on this link; null leaves the link's socket off. */
  url: string | null;
  /** The link's subnet: this link's connection announces only candidates inside it. */
  subnet: Cidr | null;
}

export type ConfigProblem = 'no-participant' | 'no-hub-url';

export interface ResolvedConfig {
  me: string;
  links: EndpointLink[];
  /** Links configured without a subnet: their connections cannot be kept on the link. */
  unfiltered: string[];
}

/**
 * Each configured link with its hub URL and subnet. A district centre with no hub URL configured
 * reaches its own hub through the page's origin (one socket, on link A).
 */
export function resolveConfig(centre: CentreInfo, ownRpcUrl: string | null): ResolvedConfig | ConfigProblem {
  const me = participantIdOf(centre);
  if (!me) return 'no-participant';
  const links: EndpointLink[] = LINK_IDS.map((id) => {
    const l = centre.links.find((x) => x.id === id);
    return { id, url: l?.hubUrl ? hubRpcUrl(l.hubUrl) : null, subnet: l?.subnet ? parseCidr(l.subnet) : null };
  }).filter((l) => centre.links.some((x) => x.id === l.id));
  if (links.every((l) => !l.url)) {
    if (centre.level !== 'district' || !ownRpcUrl) return 'no-hub-url';
    if (links.length === 0) links.push({ id: 'A', url: ownRpcUrl, subnet: null });
    else links[0] = { ...links[0], url: ownRpcUrl };
  }
  const unfiltered = links.filter((l) => !l.subnet).map((l) => l.id);
  return { me, links, unfiltered };
}

export interface Capture {
  width: number;
  height: number;
  frameRate: number;
  /** False for an endpoint without a microphone (a wall that only shows and plays). */
  audio: boolean;
}

/**
 * What this endpoint captures, from the page URL: `?consultVideo=320x240@15` for a weak machine
 * (default 640×360 at 20 fps), `consultAudio=0` for a machine without a microphone.
 */
export function captureFrom(search: string): Capture {
  const q = new URLSearchParams(search);
  const audio = q.get('consultAudio') !== '0';
  const m = /^(\d{2,4})x(\d{2,4})@(\d{1,2})$/.exec(q.get('consultVideo') ?? '');
  if (!m) return { width: 640, height: 360, frameRate: 20, audio };
  return { width: Number(m[1]), height: Number(m[2]), frameRate: Number(m[3]), audio };
}
