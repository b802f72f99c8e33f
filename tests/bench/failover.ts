// Freeze on a link loss: dual links 1+1 (one connection per link, the freshest picture shown,
// dead links rebuilt) against the plain one-connection baseline (Chromium's own ICE moves the
// call), both measured in the same run on the same namespaces (tests/net/harness.ts): the
// district and one street, real Chromium with a fake camera, frames timed with
// requestVideoFrameCallback.
//
// Each trial cuts the link that carries the picture now (the one on screen at the district, or
// for the single connection the one its selected candidate pair uses), measures the longest gap
// between frames on screen in both directions, restores the link and waits for the call to be
// whole again. Prints one JSON line per mode and scenario:
//   {"bench":"failover","mode":"dual"|"single","scenario":S,"gap_p50_ms":x,"gap_max_ms":y,"n":N}
// plus join-to-first-frame lines, and the low-bandwidth variant of the dual mode.
//
// Then the faults beyond clean cuts (issue 16), dual mode, the same trials each:
//   {"scenario":"race-cut-restore-cut",…,"gap_p50_ms","gap_max_ms","then_ms":[…]}  A down 5 s, back, B down 0.3–1 s later
//   {"scenario":"recover-link-down"|"recover-iptables-drop"|"recover-flapping","recover_p50_ms","recover_max_ms",…}
//       from the fault clearing to link A carrying video again both ways (target: median ≤ 1000 ms,
//       every trial ≤ 2500 ms), beside link_back_p50_ms: the link itself passing packets again (a probe)
//   {"scenario":"random-loss-30","shown_share_p50","shown_share_min","switches_max",…}
//       30% random loss on the shown link, or on the standby one (alternately), for 20 s: the share
//       of the better link's frames on screen (target ≥ 0.95)
//   {"scenario":"hub-restart","back_p50_ms","back_max_ms",…}  every socket open after the hub listens again (target ≤ 1500 ms)
//
// `npm run bench -- failover` (as root: it creates network namespaces). FAILOVER_TRIALS=N
// changes the number of trials per scenario (default 10). Takes about 40 minutes at 10.
// FAILOVER_ONLY=faults runs only the fault rows (about 13 minutes at 10 trials).
//
// FAILOVER_ONLY=sfu runs only the SFU rows (issue 16; tests/net/sfu-scenario.ts: the district's wall in
// Chromium, Janus supervised by its hub, SFU_NET_STREETS (default 18) synthetic streets in their
// namespaces, two links each):
//   {"bench":"consult","case":"join","sites":19,"all_tiles_ms":…,"district":{"join":{…},"call":{…}}}   the district starting the call to every
//       tile showing on both links; the district machine's CPU (cores: 1 = one core busy) and Mbit/s in and out while joining and over 5 s of the call
//   {"bench":"failover","mode":"sfu-dual","sites":19,"scenario":"link-down-all-streets","gap_p50_ms","gap_max_ms","n"}
//       link A cut at every street at once, FAILOVER_TRIALS times: the longest freeze of each street's tile at the district
//   {"bench":"failover","mode":"sfu-dual","sites":19,"scenario":"janus-killed","back_ms":…}
// No sfu-single row yet (a single-connection sfu baseline does not exist in the page).
//
// FAILOVER_ONLY=small: mesh or SFU for a small call (issue 16: "the mesh stays for small
// consultations if measurements show it is better there"): the district and two streets, real
// Chromium each, the district hub supervising Janus; the same call made in each mode in turn on
// the same namespaces:
//   {"bench":"failover","case":"small-call","mode":"dual"|"sfu","sites":3,"join_p50_ms","join_max_ms",
//    "gap_p50_ms","gap_max_ms","n","district":{"cpu_cores","in_mbps","out_mbps","span_ms"}}
//   joins: the call started to each tile's first frame (three calls); gaps: the link the district
//   shows the first street from cut there (interface down, 3 s), TRIALS times; district: its machine over 10 s of the whole call.
import { NetHarness, sleep, type Centre } from '../net/harness';
import { canUseNamespaces, nsUsage, usageBetween, type CutKind, type Link } from '../net/netns';
import { cutAllStreets, killJanus, openSfuDistrict, untilWhole } from '../net/sfu-scenario';
import {
  cutAndMeasure,
  cutRestoreCut,
  gapsSince,
  hubRestart,
  lossWindow,
  marks,
  percentile,
  recoveryAfter,
  shownLink,
  type ClearingFault,
  type GapReport,
} from '../net/scenarios';

type Print = (o: object) => void;
type Mode = 'dual' | 'single';

const TRIALS = Number(process.env.FAILOVER_TRIALS ?? 10);
/** How long a cut is held while its gap is measured: long enough for the baseline to recover. */
const HOLD_MS: Record<Mode, number> = { dual: 3000, single: 15_000 };
const LONG_OUTAGE_MS = 30_000;

/** The physical link carrying the picture now. */
async function carrying(h: NetHarness, street: Centre, mode: Mode): Promise<Link> {
  if (mode === 'dual') return shownLink(h, street);
  // One connection: its selected pair's local address (10.231.1.x is link A) at the district.
  const path = await h.district.wall!.getByTestId(`consult-link-${street.id}-A`).getAttribute('data-path');
  return path?.startsWith('10.231.2.') ? 'B' : 'A';
}

/** The call is whole again: dual, both links up; single, frames flowing for a second. */
async function whole(h: NetHarness, street: Centre, mode: Mode): Promise<void> {
  if (mode === 'dual') return h.waitLinksUp(['A', 'B'], 30_000, [h.district, street]);
  await h.waitLinksUp(['A'], 30_000, [h.district, street]);
  await sleep(1000);
}

/** Each trial on stderr (the JSON lines on stdout stay the summary): for reading an outlier. */
function trial(mode: Mode, scenario: string, i: number, link: Link, r: GapReport): void {
  process.stderr.write(`[failover] ${mode} ${scenario} #${i + 1} cut ${link}: ${r.max} ms (district ${r.where.atDistrict}; street ${r.where.atStreet})\n`);
}

function line(print: Print, mode: Mode | 'sfu-dual', scenario: string, gaps: number[], extra: object = {}): void {
  print({ bench: 'failover', mode, scenario, gap_p50_ms: percentile(gaps, 50), gap_max_ms: Math.max(...gaps), n: gaps.length, ...extra });
}

async function cutTrials(h: NetHarness, street: Centre, mode: Mode, kind: CutKind): Promise<number[]> {
  const gaps: number[] = [];
  for (let i = 0; i < TRIALS; i++) {
    await whole(h, street, mode);
    const link = await carrying(h, street, mode);
    const r = await cutAndMeasure(h, street, link, kind, HOLD_MS[mode], { restore: true, recoverMs: 45_000, links: mode === 'dual' ? ['A', 'B'] : ['A'] });
    gaps.push(r.max);
    trial(mode, kind, i, link, r);
    await h.trimFrames(h.district, (await h.clock(h.district)) - 5000);
    await h.trimFrames(street, (await h.clock(street)) - 5000);
  }
  return gaps;
}

/** Link A down for 30 s (ICE gives its connection up), back, then link B cut: is A carrying again? */
async function longOutageTrials(h: NetHarness, street: Centre, mode: Mode): Promise<number[]> {
  const gaps: number[] = [];
  for (let i = 0; i < TRIALS; i++) {
    await whole(h, street, mode);
    const a = h.cut(street, 'A', 'link-down');
    await sleep(LONG_OUTAGE_MS);
    h.restore(a);
    if (mode === 'dual') await h.waitLinksUp(['A', 'B'], 30_000, [h.district, street]);
    else await sleep(3000); // the baseline has nothing to wait for: it sits on B
    const from = await marks(h, street);
    const b = h.cut(street, 'B', 'link-down');
    await sleep(HOLD_MS[mode]);
    const r = await gapsSince(h, street, from);
    h.restore(b);
    gaps.push(r.max);
    trial(mode, 'a-down-30s-then-b', i, 'B', r);
    if (mode === 'single' && r.max >= HOLD_MS[mode] - 100) {
      // The baseline never came back on its own: start its call again for the next trial.
      await h.endConsultation();
      await h.startConsultation({ mode });
    }
  }
  return gaps;
}

/** The faults beyond clean cuts, dual mode, on a running call. */
async function faultRows(h: NetHarness, street: Centre, print: Print): Promise<void> {
  const base = { bench: 'failover', mode: 'dual' };
  const thens = [300, 500, 700, 1000];
  const race: number[] = [];
  for (let i = 0; i < TRIALS; i++) {
    const r = await cutRestoreCut(h, street, thens[i % thens.length]);
    race.push(r.max);
    trial('dual', `race then ${thens[i % thens.length]} ms`, i, 'B', r);
  }
  line(print, 'dual', 'race-cut-restore-cut', race, { then_ms: thens });
  for (const fault of ['link-down', 'iptables-drop', 'flapping'] as ClearingFault[]) {
    const ms: number[] = [];
    const back: number[] = [];
    for (let i = 0; i < TRIALS; i++) {
      const r = await recoveryAfter(h, street, fault);
      ms.push(r.max);
      if (r.linkBack != null) back.push(r.linkBack);
      process.stderr.write(`[failover] dual recover ${fault} #${i + 1}: district ${r.atDistrict} ms, street ${r.atStreet} ms, link back ${r.linkBack} ms\n`);
    }
    print({
      ...base,
      scenario: `recover-${fault}`,
      recover_p50_ms: percentile(ms, 50),
      recover_max_ms: Math.max(...ms),
      link_back_p50_ms: percentile(back, 50),
      n: ms.length,
    });
  }
  const shares: number[] = [];
  let switches = 0;
  for (let i = 0; i < TRIALS; i++) {
    // Alternately on the link shown and on the standby one.
    const r = await lossWindow(h, street, i % 2 === 0 ? 'shown' : 'standby');
    shares.push(r.ratio);
    switches = Math.max(switches, r.atDistrict.switches, r.atStreet.switches);
    process.stderr.write(
      `[failover] dual random-loss-30 #${i + 1} on ${r.lossy}: district ${JSON.stringify(r.atDistrict)}, street ${JSON.stringify(r.atStreet)}\n`,
    );
  }
  print({
    ...base,
    scenario: 'random-loss-30',
    shown_share_p50: percentile(shares, 50),
    shown_share_min: Math.min(...shares),
    switches_max: switches,
    n: shares.length,
  });
  const back: number[] = [];
  for (let i = 0; i < TRIALS; i++) {
    const r = await hubRestart(h);
    back.push(r.backMs);
    process.stderr.write(`[failover] dual hub-restart #${i + 1}: ${JSON.stringify(r.perWall)}\n`);
    await whole(h, street, 'dual');
  }
  print({ ...base, scenario: 'hub-restart', back_p50_ms: percentile(back, 50), back_max_ms: Math.max(...back), n: back.length });
}

export async function benchFailover(print: Print): Promise<void> {
  const can = canUseNamespaces();
  if (!can.ok) {
    print({ bench: 'failover', skipped: can.why });
    return;
  }
  // The app's default frame rate (consult/endpoint-config.ts: 20 fps), at a small size for the
  // two shared cores: a gap is counted in frame intervals of the rate centres really send.
  const capture = process.env.CWNET_CAPTURE ?? '160x120@20';
  print({ bench: 'failover', case: 'setup', capture, audio: process.env.CWNET_AUDIO === '1', trials: TRIALS });
  if (process.env.FAILOVER_ONLY === 'sfu') return sfuRows(print);
  if (process.env.FAILOVER_ONLY === 'small') return smallRows(print, capture);
  const h = await NetHarness.open({ streets: 1, capture });
  const street = h.streets[0];
  try {
    if (process.env.FAILOVER_ONLY === 'faults') {
      await h.startConsultation({ mode: 'dual', topic: 'bench faults' });
      await whole(h, street, 'dual');
      await faultRows(h, street, print);
      return;
    }
    for (const mode of ['dual', 'single'] as Mode[]) {
      const joins: number[] = [];
      for (let i = 0; i < 3; i++) {
        await h.startConsultation({ mode, topic: `bench ${mode}` });
        await whole(h, street, mode);
        for (const f of await h.firstFrames()) if (f.ms !== null) joins.push(f.ms);
        if (i < 2) await h.endConsultation();
      }
      print({ bench: 'failover', mode, scenario: 'join-to-first-frame', p50_ms: percentile(joins, 50), max_ms: Math.max(...joins), n: joins.length });
      line(print, mode, 'link-down', await cutTrials(h, street, mode, 'link-down'));
      line(print, mode, 'iptables-drop', await cutTrials(h, street, mode, 'iptables-drop'));
      line(print, mode, 'a-down-30s-then-b', await longOutageTrials(h, street, mode));
      await h.endConsultation();
    }
    // Low-bandwidth mode: the standby link carries a light encoding, raised on a switch.
    await h.startConsultation({ mode: 'dual', lowBandwidth: true, topic: 'bench low bandwidth' });
    line(print, 'dual', 'link-down', await cutTrials(h, street, 'dual', 'link-down'), { low_bandwidth: true });
    await h.endConsultation();
    await h.startConsultation({ mode: 'dual', topic: 'bench faults' });
    await whole(h, street, 'dual');
    await faultRows(h, street, print);
    await h.endConsultation();
  } finally {
    await h.close();
  }
}

/** Mesh or SFU for a small call (FAILOVER_ONLY=small): the district and two streets, each mode in turn. */
async function smallRows(print: Print, capture: string): Promise<void> {
  const h = await NetHarness.open({ streets: 2, capture, janus: true });
  const street = h.streets[0];
  try {
    for (let t0 = Date.now(); ; await sleep(300)) {
      const [health] = h.districtRpc([['media.getHealth', {}]]) as { state: string }[];
      if (health.state === 'running') break;
      if (Date.now() - t0 > 30_000) throw new Error(`Janus not running within 30 s: ${JSON.stringify(health)}`);
    }
    for (const mode of ['dual', 'sfu'] as const) {
      const joins: number[] = [];
      for (let i = 0; i < 3; i++) {
        await h.startConsultation({ mode, topic: `bench small ${mode}` });
        await h.waitLinksUp(['A', 'B'], 45_000);
        for (const f of await h.firstFrames()) if (f.ms !== null) joins.push(f.ms);
        if (i < 2) await h.endConsultation();
      }
      const before = nsUsage(h.district.ns);
      await sleep(10_000);
      const district = usageBetween(before, nsUsage(h.district.ns));
      const gaps: number[] = [];
      for (let i = 0; i < TRIALS; i++) {
        await h.waitLinksUp(['A', 'B'], 45_000);
        // The link the district shows the street from: its loss is the one that would show.
        const link = await shownLink(h, street);
        const r = await cutAndMeasure(h, street, link, 'link-down', HOLD_MS.dual, { restore: true, recoverMs: 45_000, links: ['A', 'B'] });
        gaps.push(r.max);
        process.stderr.write(
          `[failover] small ${mode} link-down #${i + 1} cut ${link}: ${r.max} ms (district ${r.where.atDistrict}; street ${r.where.atStreet})\n`,
        );
        await h.trimFrames(h.district, (await h.clock(h.district)) - 5000);
        await h.trimFrames(street, (await h.clock(street)) - 5000);
      }
      print({
        bench: 'failover',
        case: 'small-call',
        mode,
        sites: 3,
        join_p50_ms: percentile(joins, 50),
        join_max_ms: Math.max(...joins),
        gap_p50_ms: percentile(gaps, 50),
        gap_max_ms: Math.max(...gaps),
        n: gaps.length,
        district,
      });
      await h.endConsultation();
    }
  } finally {
    await h.close();
  }
}

/** The SFU rows (FAILOVER_ONLY=sfu): the whole district through Janus, link A cut at every street at once, Janus killed. */
async function sfuRows(print: Print): Promise<void> {
  const streets = Number(process.env.SFU_NET_STREETS ?? 18);
  const s = await openSfuDistrict({ streets });
  const sites = streets + 1;
  try {
    print({ bench: 'consult', case: 'join', sites, all_tiles_ms: s.allTilesMs, district: s.districtUsage });
    const gaps: number[] = [];
    const recovered: number[] = [];
    for (let i = 0; i < TRIALS; i++) {
      await untilWhole(s, 30_000);
      await sleep(1000);
      const r = await cutAllStreets(s, 'A', 3000);
      gaps.push(...Object.values(r.atDistrict));
      recovered.push(r.recoveredMs);
      process.stderr.write(
        `[failover] sfu-dual link-down-all-streets #${i + 1}: max ${Math.max(...Object.values(r.atDistrict))} ms, recovered ${r.recoveredMs} ms\n`,
      );
    }
    line(print, 'sfu-dual', 'link-down-all-streets', gaps, {
      sites,
      recover_p50_ms: percentile(recovered, 50),
      recover_max_ms: Math.max(...recovered),
    });
    await untilWhole(s, 30_000);
    const k = await killJanus(s);
    print({
      bench: 'failover',
      mode: 'sfu-dual',
      sites,
      scenario: 'janus-killed',
      janus_back_ms: k.janusBackMs,
      back_ms: k.everySiteBackMs,
      timeline: k.timeline,
    });
  } finally {
    await s.close();
  }
}
