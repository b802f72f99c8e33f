// The Debian packages the tests need, each with a file that proves it is installed.
// One list, used by `npm test`'s pretest check and by .ci/run.
export const SYSTEM_PACKAGES = [
  { pkg: 'chromium', proof: '/usr/bin/chromium', why: 'end-to-end tests drive Debian’s Chromium through Playwright' },
  {
    pkg: 'fonts-wqy-microhei',
    proof: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
    why: 'a CJK font, so screenshots show the Chinese UI instead of boxes',
  },
  { pkg: 'nut-server', proof: '/lib/nut/upsd', why: 'power tests and bench run a real upsd with the dummy-ups driver (/lib/nut/dummy-ups)' },
  { pkg: 'snmpd', proof: '/usr/sbin/snmpd', why: 'power tests and bench serve UPS-MIB from a real snmpd (pass_persist)' },
  { pkg: 'openssl', proof: '/usr/bin/openssl', why: 'the NUT STARTTLS test makes a throwaway certificate' },
  { pkg: 'ffmpeg', proof: '/usr/bin/ffmpeg', why: 'the camera e2e test and the wall bench make a live HLS stream from a test pattern' },
  {
    pkg: 'iproute2',
    proof: '/bin/ip',
    why: 'the consultation scenarios (tests/net) build network namespaces and veth links with ip, and cut links with ip link set down',
  },
  {
    pkg: 'iptables',
    proof: '/usr/sbin/iptables-nft',
    why: 'the consultation scenarios cut a link, or only its signalling socket, with iptables DROP rules inside a namespace',
  },
  { pkg: 'nftables', proof: '/usr/sbin/nft', why: 'the nf_tables backend of iptables (and nft, to inspect the rules a scenario left)' },
  {
    pkg: 'janus',
    proof: '/usr/bin/janus',
    why: 'the media engine the hub supervises with --janus (RTSP cameras as WebRTC, the SFU): its unit tests and the RTSP camera e2e test run a real Janus on loopback',
  },
  { pkg: 'janus-tools', proof: '/usr/bin/janus-pp-rec', why: 'janus-pp-rec turns Janus recordings into playable files (recorded consultations)' },
  {
    pkg: 'rtsp-server-perl',
    proof: '/usr/bin/rtsp-server-perl',
    why: 'a small RTSP server (RTSP::Server) that ffmpeg publishes a test pattern to, as the RTSP camera of tests/unit/media and tests/e2e/cameras-rtsp.spec.ts (ffmpeg cannot serve RTSP itself; live555 is not in Debian 12)',
  },
  {
    pkg: 'slapd',
    proof: '/usr/sbin/slapd',
    why: 'the directory sign-in tests (tests/unit/identity/ldap.test.ts) start a throwaway OpenLDAP server on loopback and sign people in against it',
  },
  { pkg: 'ldap-utils', proof: '/usr/bin/ldapadd', why: 'the LDAP tests load their test people with ldapadd' },
];
