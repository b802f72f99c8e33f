// The whole district in one consultation through Janus, in network namespaces (issue 16, "Done
// when"): the district hub and Janus in the district's namespace on both links, the district's
// wall a real Chromium, and SFU_NET_STREETS (default 18) streets as synthetic sites, each a process
// in its own namespace with two links, enrolled (tests/net/sfu-scenario.ts). Asserted: every street
// shows at the district and the district at every street, on both links; link A cut at every
// street at once: no street's tile at the district freezes more than 1 s (the streets' own
// pictures of the district are measured and printed too); Janus killed (SIGKILL) mid-call: the hub
// restarts it and every site is back in the call within 5 s. Before the cut, one street stops
// sending for 1.5 s: the measurement must see that tile freeze (it can fail). Figures as JSON lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from './harness';
import { figures, namespaceSuite } from './netns';
import { cutAllStreets, districtGaps, killJanus, openSfuDistrict, untilWhole, type SfuDistrict } from './sfu-scenario';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';

const STREETS = Number(process.env.SFU_NET_STREETS ?? 18);
/**
 * On demand (CWNET_SFU=1): more than `npm run test:net` can take (issue 16). Measured in s6 at load
 * average 17–26: 3 streets 124 s; 18 streets at load 40 did not get a tile showing within 60 s.
 * s7, 18 streets, load 22–42: 197–215 s, of which setup 123–126 s (the app's build is no longer
 * part of it: tests/net/global-setup.ts builds once, 7–11 s; the rest is namespaces, Chromium,
 * Janus and 18 site processes) and every tile showing 31–34 s after the call starts; link A cut
 * at every street: tiles froze 0.9–2.5 s, and at load 34 four streets' link A not back within 30 s;
 * Janus killed (load 41): every site back in 19.1 s. Not fit for `npm run test:net` yet. SFU_NET_STREETS=N runs fewer streets.
 */
const GATED = process.env.CWNET_SFU !== '1';
if (GATED) console.warn('[tests/net] sfu skipped: CWNET_SFU=1 runs the whole district through Janus (several minutes)');
const MAX_FREEZE_MS = 1000;
const BACK_WITHIN_MS = 5000;
const suite = namespaceSuite();
const noJanus = !existsSync('/usr/bin/janus');
if (noJanus && !suite.skip) console.warn('[tests/net] sfu skipped: /usr/bin/janus is not installed (apt-get install janus)');
const { note, summary } = figures();
const json = (o: object): void => console.log(JSON.stringify({ scenario: 'sfu', sites: STREETS + 1, load: Number(loadavg()[0].toFixed(1)), ...o }));

describe.skipIf(GATED || suite.skip || noJanus)(`the district and ${STREETS} streets through Janus on two links (network namespaces)`, () => {
  let s: SfuDistrict;
  const t0 = Date.now();

  beforeAll(async () => {
    if (suite.why) throw new Error(`these scenarios need network namespaces: ${suite.why}`);
    s = await openSfuDistrict({ streets: STREETS, log: (m) => process.env.CWNET_VERBOSE && console.log(`[sfu] ${m}`) });
    json({ case: 'join', all_tiles_ms: s.allTilesMs, setup_ms: Date.now() - t0 });
  }, 300_000);

  afterAll(async () => {
    await s?.close();
    json({ case: 'cost', total_ms: Date.now() - t0 });
    summary();
  });

  it('every street shows at the district and the district at every street, on both links', async () => {
    await untilWhole(s, 20_000);
    note('sfu all tiles ms', s.allTilesMs);
  });

  it('a street that stops sending for 1.5 s is seen frozen at the district (the measurement can fail)', async () => {
    const st = s.h.streets[0];
    const from = await s.h.clock(s.h.district);
    await s.sites.get(st.id)!.publish(st.id, false);
    await sleep(1500);
    await s.sites.get(st.id)!.publish(st.id, true);
    await sleep(300);
    const gaps = await districtGaps(s, { from, to: await s.h.clock(s.h.district) });
    json({ case: 'paused-street', street: st.id, gap_ms: gaps[st.id] });
    expect(gaps[st.id]).toBeGreaterThan(MAX_FREEZE_MS);
    await untilWhole(s, 20_000);
  });

  it('link A cut at every street at once: no tile at the district freezes more than 1 s', async () => {
    await sleep(1000);
    const r = await cutAllStreets(s, 'A', 3000);
    const d = Object.values(r.atDistrict);
    const st = Object.values(r.atStreets);
    json({ case: 'cut-A-all-streets', gap_max_ms: Math.max(...d), street_gap_max_ms: Math.max(...st), recovered_ms: r.recoveredMs, at_district: r.atDistrict });
    note('sfu cut A at all streets', { atDistrictMax: Math.max(...d), atStreetsMax: Math.max(...st), recoveredMs: r.recoveredMs });
    for (const [id, g] of Object.entries(r.atDistrict)) expect(g, `${id}'s tile at the district`).toBeLessThanOrEqual(MAX_FREEZE_MS);
  }, 120_000);

  it('Janus killed mid-call: supervised back, every site back in the call within 5 s', async () => {
    await untilWhole(s, 20_000);
    const r = await killJanus(s);
    json({ case: 'janus-killed', janus_back_ms: r.janusBackMs, every_site_back_ms: r.everySiteBackMs, restarts: r.restarts });
    note('sfu Janus killed', r);
    expect(r.restarts).toBeGreaterThanOrEqual(1);
    expect(r.everySiteBackMs).toBeLessThanOrEqual(BACK_WITHIN_MS);
  }, 120_000);
});
