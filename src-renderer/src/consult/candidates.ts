// Keeps each peer connection on its own link: only ICE candidates whose address lies in that
// link's subnet are signalled (host candidates by their address; server-reflexive and relayed
// ones by the local address they were made from, `raddr`). Pure functions, unit-tested.
//
// Filtering what we announce is half of it: the host must also drop packets that arrive on the
// wrong interface (rp_filter=1) and answer ARP only for the interface's own subnet
// (arp_announce=2), or replies can still cross links. See src-main/core/consult/README.md.

export interface Cidr {
  family: 4 | 6;
  base: bigint;
  bits: number;
}

export interface CandidateInfo {
  foundation: string;
  component: number;
  protocol: string;
  priority: number;
  address: string;
  port: number;
  type: string;
  /** The local address a reflexive or relayed candidate was made from. */
  relatedAddress: string | null;
}

function parseIpv4(ip: string): bigint | null {
  const parts = ip.split('.');
  if (parts.length !== 4) return null;
  let v = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    v = (v << 8n) | BigInt(n);
  }
  return v;
}

function parseIpv6(ip: string): bigint | null {
  const addr = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!/^[0-9a-fA-F:.]+$/.test(addr) || !addr.includes(':')) return null;
  const halves = addr.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string): string[] | null => {
    if (s === '') return [];
    const out: string[] = [];
    for (const g of s.split(':')) {
      if (g.includes('.')) {
        const v4 = parseIpv4(g);
        if (v4 === null) return null;
        out.push(((v4 >> 16n) & 0xffffn).toString(16), (v4 & 0xffffn).toString(16));
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) out.push(g);
      else return null;
    }
    return out;
  };
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return null;
  const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  return all.reduce((v, g) => (v << 16n) | BigInt(parseInt(g, 16)), 0n);
}

export function parseIp(ip: string): { family: 4 | 6; value: bigint } | null {
  const v4 = parseIpv4(ip);
  if (v4 !== null) return { family: 4, value: v4 };
  const v6 = parseIpv6(ip);
  return v6 === null ? null : { family: 6, value: v6 };
}

/** "10.231.1.0/24" or "fd00:1::/64"; null when it is not a CIDR block. */
export function parseCidr(text: string): Cidr | null {
  const m = /^\s*([^/\s]+)\/(\d{1,3})\s*$/.exec(text);
  if (!m) return null;
  const ip = parseIp(m[1]);
  const bits = Number(m[2]);
  if (!ip || bits > (ip.family === 4 ? 32 : 128)) return null;
  return { family: ip.family, base: ip.value, bits };
}

export function ipInCidr(ip: string, cidr: Cidr): boolean {
  const a = parseIp(ip);
  if (!a || a.family !== cidr.family) return false;
  const width = BigInt(cidr.family === 4 ? 32 : 128);
  const shift = width - BigInt(cidr.bits);
  return a.value >> shift === cidr.base >> shift;
}

/** Parses an ICE candidate attribute ("candidate:…", with or without "a="); null if malformed. */
export function parseCandidate(line: string): CandidateInfo | null {
  const text = line
    .trim()
    .replace(/^a=/, '')
    .replace(/^candidate:/, '');
  const f = text.split(/\s+/);
  if (f.length < 8 || f[6] !== 'typ') return null;
  const port = Number(f[5]);
  const component = Number(f[1]);
  const priority = Number(f[3]);
  if (!Number.isInteger(port) || !Number.isInteger(component) || !Number.isFinite(priority)) return null;
  let relatedAddress: string | null = null;
  for (let i = 8; i + 1 < f.length; i += 2) if (f[i] === 'raddr') relatedAddress = f[i + 1];
  return { foundation: f[0], component, protocol: f[2].toLowerCase(), priority, address: f[4], port, type: f[7], relatedAddress };
}

export type CandidateVerdict = 'keep' | 'other-link' | 'mdns' | 'malformed';

/**
 * Whether a local candidate belongs on the link with this subnet. No subnet (single mode, or a
 * link configured without one) keeps everything. An mDNS name (xxx.local) hides the address, so
 * it cannot be placed on a link: it is dropped (Chromium shows real addresses once the page has
 * camera permission, which a consultation always has).
 */
export function judgeCandidate(line: string, subnet: Cidr | null): CandidateVerdict {
  if (line.trim() === '') return 'keep'; // end-of-candidates
  const c = parseCandidate(line);
  if (!c) return 'malformed';
  if (!subnet) return 'keep';
  const local = c.type === 'host' ? c.address : (c.relatedAddress ?? c.address);
  if (local.endsWith('.local')) return 'mdns';
  return ipInCidr(local, subnet) ? 'keep' : 'other-link';
}

/** Removes the candidate lines of other links from an SDP (candidates can ride in the SDP too). */
export function filterSdp(sdp: string, subnet: Cidr | null): string {
  if (!subnet) return sdp;
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  return sdp
    .split(eol)
    .filter((l) => !l.startsWith('a=candidate:') || judgeCandidate(l, subnet) === 'keep')
    .join(eol);
}
