// Candidate filtering: each link's connection announces only candidates of that link.
import { describe, expect, it } from 'vitest';
import { filterSdp, ipInCidr, judgeCandidate, parseCandidate, parseCidr } from './candidates';

const A = parseCidr('10.231.1.0/24')!;
const B = parseCidr('10.231.2.0/24')!;
const hostA = 'candidate:1467250027 1 udp 2122260223 10.231.1.11 46243 typ host generation 0 ufrag Z8Xr network-id 1';
const hostB = 'candidate:2707133813 1 udp 2122194687 10.231.2.11 51003 typ host generation 0 ufrag Z8Xr network-id 2';
const tcpB = 'candidate:3825447003 1 tcp 1518214911 10.231.2.11 9 typ host tcptype active generation 0 network-id 2';
const srflxA = 'candidate:842163049 1 udp 1677729535 203.0.113.7 40001 typ srflx raddr 10.231.1.11 rport 46243 generation 0';
const relayB = 'candidate:3 1 udp 41885439 198.51.100.9 50000 typ relay raddr 10.231.2.11 rport 51003 generation 0';
const mdns = 'candidate:1 1 udp 2122260223 2b3a1f3e-5c1d-4b6e-9f7a-0d1e2f3a4b5c.local 46243 typ host generation 0';

describe('subnets', () => {
  it('parses IPv4 and IPv6 blocks and tests membership', () => {
    expect(ipInCidr('10.231.1.200', A)).toBe(true);
    expect(ipInCidr('10.231.2.1', A)).toBe(false);
    expect(ipInCidr('10.231.1.1', parseCidr('10.0.0.0/8')!)).toBe(true);
    expect(ipInCidr('0.0.0.0', parseCidr('0.0.0.0/0')!)).toBe(true);
    const v6 = parseCidr('fd00:231:1::/64')!;
    expect(ipInCidr('fd00:231:1::11', v6)).toBe(true);
    expect(ipInCidr('fd00:231:2::11', v6)).toBe(false);
    expect(ipInCidr('10.231.1.1', v6)).toBe(false);
  });

  it('refuses what is not a CIDR block', () => {
    for (const bad of ['10.231.1.0', '10.231.1.0/33', '10.231.256.0/24', 'lan/24', '']) expect(parseCidr(bad), bad).toBeNull();
  });
});

describe('candidate filtering', () => {
  it('parses a candidate line, with or without its a= prefix', () => {
    expect(parseCandidate(`a=${srflxA}`)).toMatchObject({ protocol: 'udp', address: '203.0.113.7', port: 40001, type: 'srflx', relatedAddress: '10.231.1.11' });
    expect(parseCandidate('candidate:garbage')).toBeNull();
  });

  it('keeps host candidates of its own link and drops the other link’s, UDP and TCP', () => {
    expect(judgeCandidate(hostA, A)).toBe('keep');
    expect(judgeCandidate(hostB, A)).toBe('other-link');
    expect(judgeCandidate(tcpB, A)).toBe('other-link');
    expect(judgeCandidate(hostB, B)).toBe('keep');
  });

  it('places reflexive and relayed candidates by the local address they came from', () => {
    expect(judgeCandidate(srflxA, A)).toBe('keep');
    expect(judgeCandidate(srflxA, B)).toBe('other-link');
    expect(judgeCandidate(relayB, B)).toBe('keep');
    expect(judgeCandidate(relayB, A)).toBe('other-link');
  });

  it('drops mDNS-hidden candidates (their link is unknown) and malformed ones', () => {
    expect(judgeCandidate(mdns, A)).toBe('mdns');
    expect(judgeCandidate('candidate:1 1 udp', A)).toBe('malformed');
  });

  it('keeps everything without a subnet (the single-connection baseline)', () => {
    for (const c of [hostA, hostB, mdns]) expect(judgeCandidate(c, null)).toBe('keep');
  });

  it('removes other links’ candidates from an SDP and leaves the rest untouched', () => {
    const sdp = ['v=0', 'm=video 9 UDP/TLS/RTP/SAVPF 96', `a=${hostA}`, `a=${hostB}`, `a=${tcpB}`, 'a=end-of-candidates', ''].join('\r\n');
    expect(filterSdp(sdp, A)).toBe(['v=0', 'm=video 9 UDP/TLS/RTP/SAVPF 96', `a=${hostA}`, 'a=end-of-candidates', ''].join('\r\n'));
    expect(filterSdp(sdp, null)).toBe(sdp);
  });
});
