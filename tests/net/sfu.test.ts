// The whole district in one consultation through Janus, in network namespaces (issue 16, "Done
// when"): the district hub and Janus in the district's namespace on both links, the district's
// wall a real Chromium, and SFU_NET_STREETS (default 18) streets as synthetic sites, each a process
// in its own namespace with two links, enrolled (tests/net/sfu-scenario.ts). Asserted: every street
// shows at the district and the district at every street, on both links; link A cut at every
// street at once: no street's tile at the district freezes more than 1 s (the streets' own
// pictures of the district are measured and printed too); Janus killed (SIGKILL) mid-call: the hub
// restarts it and every site is back in the call within 5 s; recording switched on for a 60 s
// call (the district's wall publishes its fake microphone too), ended on the console: every
// site's recording ready, the district's with picture and sound a decoder reads through (ffprobe
// -count_frames), every street's picture as long. Before the cut, one street stops
// sending for 2.5 s: the measurement must see that tile freeze (it can fail). Figures as JSON lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep } from './harness';
import { figures, namespaceSuite } from './netns';
import { cutAllStreets, districtGaps, killJanus, openSfuDistrict, untilWhole, type SfuDistrict } from './sfu-scenario';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RecordingList } from '@contract/media';
import { loadavg } from 'node:os';

const STREETS = Number(process.env.SFU_NET_STREETS ?? 18);
/**
 * On demand (CWNET_SFU=1): more than `npm run test:net` can take (issue 16). Measured in s6 at load
 * average 17–26: 3 streets 124 s; 18 streets at load 40 did not get a tile showing within 60 s.
 * s7, 18 streets, load 22–42: 197–215 s, of which setup 123–126 s (the app's build is no longer
 * part of it: tests/net/global-setup.ts builds once, 7–11 s; the rest is namespaces, Chromium,
 * Janus and 18 site processes) and every tile showing 31–34 s after the call starts; link A cut
 * at every street: tiles froze 0.9–2.5 s, and at load 34 four streets' link A not back within 30 s;
 * Janus killed (load 41): every site back in 19.1 s. s10, 18 streets, load 8–22, six runs: every
 * tile 14.2–16.2 s after the call starts; cut A at every street: longest freeze 300–467 ms; Janus
 * killed: every site back in 5.1–7.7 s (Janus itself back in 0.6–1.0 s); the 60 s recording: 38
 * files ready 27 s after the end, the district's 61.6 s with 837 video and 3,079 audio frames
 * decoded. The streets' own processes take about half of the two cores during a call: these are
 * figures of a starved machine. Not fit for `npm run test:net` yet. SFU_NET_STREETS=N runs fewer streets.
 */
const GATED = process.env.CWNET_SFU !== '1';
if (GATED) console.warn('[tests/net] sfu skipped: CWNET_SFU=1 runs the whole district through Janus (several minutes)');
const MAX_FREEZE_MS = 1000;
const BACK_WITHIN_MS = 5000;
/** The recorded call's length (issue 16: "a recording of a 60 s call"); SFU_RECORD_S changes it. */
const RECORDED_S = Number(process.env.SFU_RECORD_S ?? 60);
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
    s = await openSfuDistrict({ streets: STREETS, audio: true, log: (m) => process.env.CWNET_VERBOSE && console.log(`[sfu] ${m}`) });
    json({ case: 'join', all_tiles_ms: s.allTilesMs, setup_ms: Date.now() - t0, district: s.districtUsage });
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

  it('a street that stops sending for 2.5 s is seen frozen at the district (the measurement can fail)', async () => {
    const st = s.h.streets[0];
    const from = await s.h.clock(s.h.district);
    await s.sites.get(st.id)!.publish(st.id, false);
    // 2.5 s: at load 13 a 1.5 s pause was once measured as a 963 ms freeze (not explained), under
    // the 1 s it must exceed; the pause only has to be clearly longer than the bound.
    await sleep(2500);
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
    json({ case: 'janus-killed', janus_back_ms: r.janusBackMs, every_site_back_ms: r.everySiteBackMs, restarts: r.restarts, timeline: r.timeline });
    note('sfu Janus killed', r);
    expect(r.restarts).toBeGreaterThanOrEqual(1);
    expect(r.everySiteBackMs).toBeLessThanOrEqual(BACK_WITHIN_MS);
  }, 120_000);

  it(
    `a recording of a ${RECORDED_S} s call plays back with picture and sound`,
    async () => {
      await untilWhole(s, 20_000);
      const [on] = s.h.districtRpc([['media.setRecording', { consultationId: s.consultationId, recording: true }]]) as { recording: boolean }[];
      expect(on.recording).toBe(true);
      await sleep(RECORDED_S * 1000);
      // Ended as the duty officer ends it, on the console: the recordings are then made playable.
      await s.h.endConsultation();
      const t0 = Date.now();
      let list: RecordingList;
      for (;;) {
        [list] = s.h.districtRpc([['media.listRecordings', { consultationId: s.consultationId }]]) as RecordingList[];
        if (list.items.length > 0 && list.items.every((r) => r.status === 'ready' || r.status === 'failed')) break;
        if (Date.now() - t0 > 180_000) throw new Error(`recordings not ready within 180 s: ${JSON.stringify(list.items.map((r) => [r.id, r.status]))}`);
        await sleep(2000);
      }
      const processedMs = Date.now() - t0;
      const dir = join(s.h.dir, 'data-district', 'recordings', s.consultationId);
      /** Frames a decoder reads from the file, per kind of stream (it plays: not just a header). */
      const decoded = (id: string): Record<string, number> => {
        const out = JSON.parse(
          execFileSync(
            'ffprobe',
            ['-v', 'error', '-count_frames', '-show_entries', 'stream=codec_type,nb_read_frames', '-of', 'json', join(dir, `${id}.webm`)],
            {
              encoding: 'utf8',
            },
          ),
        ) as { streams: { codec_type: string; nb_read_frames: string }[] };
        return Object.fromEntries(out.streams.map((x) => [x.codec_type, Number(x.nb_read_frames)]));
      };
      // Each site's longest recording (a link rebuilt during the call starts a new one).
      const longest = new Map<string, RecordingList['items'][number]>();
      for (const r of list.items)
        if (r.status === 'ready' && (r.durationMs ?? 0) > (longest.get(r.participantId)?.durationMs ?? -1)) longest.set(r.participantId, r);
      const district = longest.get('district');
      const districtFrames = district ? decoded(district.id) : {};
      json({
        case: 'recording',
        call_s: RECORDED_S,
        items: list.items.length,
        failed: list.items.filter((r) => r.status === 'failed').map((r) => `${r.id}: ${r.error}`),
        processed_ms: processedMs,
        district: district && { id: district.id, duration_ms: district.durationMs, video: district.video, audio: district.audio, decoded: districtFrames },
        shortest_street_ms: Math.min(...s.h.streets.map((st) => longest.get(st.id)?.durationMs ?? 0)),
      });
      expect(list.items.filter((r) => r.status === 'failed').map((r) => `${r.id}: ${r.error}`)).toEqual([]);
      // The district (camera and microphone): picture and sound for three quarters of the call at least, decodable.
      expect(district, 'a recording of the district').toBeDefined();
      expect(district!.video && district!.audio).toBe(true);
      expect(district!.durationMs!).toBeGreaterThanOrEqual(RECORDED_S * 750);
      // 15 fps and 50 Opus frames a second: at least three quarters of them.
      expect(districtFrames.video ?? 0).toBeGreaterThanOrEqual(RECORDED_S * 15 * 0.75);
      expect(districtFrames.audio ?? 0).toBeGreaterThanOrEqual(RECORDED_S * 50 * 0.75);
      // Every street (picture only: the synthetic streets send no sound) recorded for as long.
      for (const st of s.h.streets) {
        const r = longest.get(st.id);
        expect(r?.video, `${st.id}'s recording`).toBe(true);
        expect(r?.durationMs ?? 0, `${st.id}'s recording`).toBeGreaterThanOrEqual(RECORDED_S * 750);
      }
    },
    (RECORDED_S + 240) * 1000,
  );
});
