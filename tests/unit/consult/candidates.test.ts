// Candidate filtering: each link's connection announces only candidates of that link.
import { describe, expect, it } from 'vitest';
import { filterSdp, ipInCidr, judgeCandidate, parseCandidate, parseCidr } from '../../../src-renderer/src/consult/candidates';
import { hubRpcUrl } from '../../../src-renderer/src/consult/hub-url';
import { captureFrom, resolveConfig } from '../../../src-renderer/src/consult/endpoint-config';
import { participantIdOf, STREET_PARTICIPANTS } from '../../../src-main/core/contract/consult';

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

describe('configuration', () => {
  it('turns an operator’s hub URL into the /rpc socket URL, keeping the token', () => {
    expect(hubRpcUrl('http://10.231.1.1:4310')).toBe('ws://10.231.1.1:4310/rpc');
    expect(hubRpcUrl('10.231.2.1:4310/?token=abc')).toBe('ws://10.231.2.1:4310/rpc?token=abc');
    expect(hubRpcUrl('wss://hub.example/rpc?token=x')).toBe('wss://hub.example/rpc?token=x');
    expect(hubRpcUrl('ftp://x')).toBeNull();
    expect(hubRpcUrl('  ')).toBeNull();
  });

  it('names the participant from the centre: district, or the street its name begins with', () => {
    expect(participantIdOf({ level: 'district', name: '越秀区应急指挥中心' })).toBe('district');
    expect(participantIdOf({ level: 'street', name: '流花街应急指挥分中心' })).toBe('liuhua');
    expect(participantIdOf({ level: 'street', name: '梅花村街' })).toBe('meihuacun');
    expect(participantIdOf({ level: 'street', name: '某某街' })).toBeNull();
    expect(new Set(STREET_PARTICIPANTS.map((s) => s.id)).size).toBe(18);
  });

  it('resolves each link’s socket URL and subnet; the district falls back to its own hub', () => {
    const street = resolveConfig(
      { name: '北京街', nameEn: '', level: 'street', links: [{ id: 'A', name: '政务外网', subnet: '10.231.1.0/24', hubUrl: 'http://10.231.1.1:4310/?token=t' }, { id: 'B', name: '专网', hubUrl: 'http://10.231.2.1:4310/?token=t' }] },
      null,
    );
    expect(street).toMatchObject({ me: 'beijing', unfiltered: ['B'] });
    if (typeof street === 'string') throw new Error(street);
    expect(street.links.map((l) => l.url)).toEqual(['ws://10.231.1.1:4310/rpc?token=t', 'ws://10.231.2.1:4310/rpc?token=t']);
    const district = resolveConfig({ name: '越秀区应急指挥中心', nameEn: '', level: 'district', links: [{ id: 'A', name: '政务外网' }, { id: 'B', name: '专网' }] }, 'ws://127.0.0.1:4310/rpc');
    expect(typeof district !== 'string' && district.links.map((l) => l.url)).toEqual(['ws://127.0.0.1:4310/rpc', null]);
    expect(resolveConfig({ name: '北京街', nameEn: '', level: 'street', links: [{ id: 'A', name: 'x' }] }, 'ws://x/rpc')).toBe('no-hub-url');
  });

  it('reads a lower capture size for weak machines, and no microphone, from the page URL', () => {
    expect(captureFrom('?view=wall&consultVideo=320x240@15')).toEqual({ width: 320, height: 240, frameRate: 15, audio: true });
    expect(captureFrom('?view=wall&consultAudio=0')).toEqual({ width: 640, height: 360, frameRate: 20, audio: false });
  });
});
