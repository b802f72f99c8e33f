// The whole district through the SFU in network namespaces (issue 16), shared by the scenario
// (tests/net/sfu.test.ts) and the bench (tests/bench/failover.ts, SFU rows): the district hub in
// the district's namespace supervising Janus (`--janus`; hub and Janus on both links), the
// district's wall a real Chromium (as the harness makes it), and N streets as synthetic sites,
// each a process of its own inside its street's namespace (tests/support/synthetic-sites.ts, run
// with `ip netns exec`), enrolled as every street is, with two links: on each link a socket to the
// district hub at the district's address on that link, one publisher (`<street>.<link>`) and one
// subscriber (the district's feed on that link), ICE bound to the street's address on the link and
// only the engine's candidates on the link's subnet, as the page's sfu-link does. The streets play
// a clip recorded once (RtpClip.record): eighteen encoders do not fit two cores.
import { join } from 'node:path';
import { RtpClip } from '../support/synthetic-site';
import { SitesProcess, type SiteCounts } from '../support/synthetic-sites';
import { NetHarness, sleep } from './harness';
import { DISTRICT_IP, nsUsage, streetIp, usageBetween, type Link } from './netns';

const HUB_PORT = 4310;
/** How long the whole call's cost is measured for after every tile shows. */
const STEADY_MS = 5000;
const PREFIX: Record<Link, string> = { A: '10.231.1.', B: '10.231.2.' };

export interface SfuDistrict {
  h: NetHarness;
  sites: Map<string, SitesProcess>;
  consultationId: string;
  /** ms from the district starting the call to every street showing at the district and the district at every street. */
  allTilesMs: number;
  /** The district machine (hub, Janus, its wall's Chromium: every process in its namespace) while the call was joined, and in the whole call. */
  districtUsage: { join: ReturnType<typeof usageBetween>; call: ReturnType<typeof usageBetween> } | null;
  close(): Promise<void>;
}

/** Milliseconds since the newest frame on screen of each remote at the district's wall (null: none yet), and per link. */
export function districtFrames(h: NetHarness): Promise<Record<string, { shown: number | null; A: number | null; B: number | null }>> {
  return h.district.wall!.evaluate(() => {
    const all = (window as unknown as { __cwFrames: Record<string, number[]> }).__cwFrames;
    const now = performance.now();
    const out: Record<string, { shown: number | null; A: number | null; B: number | null }> = {};
    for (const [remote, f] of Object.entries(all)) {
      let shown: number | null = null;
      const per: (number | null)[] = [null, null];
      for (let i = f.length - 3; i >= 0 && (shown === null || per[0] === null || per[1] === null) && now - f[i] < 5000; i -= 3) {
        if (f[i + 2] === 1 && shown === null) shown = Math.round(now - f[i]);
        if (per[f[i + 1]] === null) per[f[i + 1]] = Math.round(now - f[i]);
      }
      out[remote] = { shown, A: per[0], B: per[1] };
    }
    return out;
  });
}

export async function allCounts(sites: Map<string, SitesProcess>): Promise<SiteCounts[]> {
  return (await Promise.all([...sites.values()].map((p) => p.counts()))).flat();
}

/**
 * The call is whole: the district shows every street (a frame on screen within `freshMs`, and with
 * `links`, frames over each of those links), every street receives the district over those links and publishes on them.
 */
export async function whole(s: SfuDistrict, links: Link[] = ['A', 'B'], freshMs = 600): Promise<{ ok: boolean; missing: string[] }> {
  const [d, counts] = await Promise.all([districtFrames(s.h), allCounts(s.sites)]);
  const missing: string[] = [];
  for (const st of s.h.streets) {
    const f = d[st.id];
    if (!f || f.shown === null || f.shown > freshMs) missing.push(`district sees ${st.id}`);
    for (const l of links) if (!f || f[l] === null || f[l]! > freshMs) missing.push(`district sees ${st.id} on ${l}`);
    const c = counts.find((x) => x.participantId === st.id);
    for (const l of links) {
      const lc = c?.links.find((x) => x.link === l);
      if (!lc?.publishing) missing.push(`${st.id} publishing on ${l}`);
      if (!lc?.showing.includes('district')) missing.push(`${st.id} sees district on ${l}`);
    }
  }
  return { ok: missing.length === 0, missing };
}

export async function untilWhole(s: SfuDistrict, timeoutMs: number, links: Link[] = ['A', 'B'], what = 'the call whole'): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    const w = await whole(s, links);
    if (w.ok) return Date.now() - t0;
    if (Date.now() - t0 > timeoutMs) {
      // What the first sites say (epoch, publishing, publishes, frames per link), for reading a failure.
      const c = (await allCounts(s.sites)).slice(0, 3).map((x) => ({
        id: x.participantId,
        joined: x.joined,
        links: x.links.map(({ link, epoch, publishing, publishes, frames }) => ({ link, epoch, publishing, publishes, frames })),
      }));
      console.log(`[sfu] not whole: ${JSON.stringify(c)}`);
      throw new Error(
        `${what}: not within ${timeoutMs} ms; missing ${w.missing.length}: ${w.missing.slice(0, 12).join(', ')}${w.missing.length > 12 ? ', …' : ''}`,
      );
    }
    await sleep(200);
  }
}

/** Opens the namespaces, the district (hub + Janus + wall), the streets' site processes, and starts an sfu consultation inviting every street. */
export async function openSfuDistrict(opts: { streets: number; log?: (m: string) => void; joinTimeoutMs?: number; audio?: boolean }): Promise<SfuDistrict> {
  const log = opts.log ?? (() => undefined);
  const h = await NetHarness.open({ streets: opts.streets, janus: true, syntheticStreets: true, audio: opts.audio, log });
  const sites = new Map<string, SitesProcess>();
  const close = async (): Promise<void> => {
    await Promise.all([...sites.values()].map((p) => p.stop().catch(() => undefined)));
    await h.close();
  };
  try {
    const clipFile = join(h.dir, 'clip.rtp');
    // Janus running (the hub started it) while the clip is recorded.
    await Promise.all([
      RtpClip.record(clipFile, 4, { size: '160x120', kbps: 150 }),
      (async () => {
        for (let t0 = Date.now(); ; await sleep(300)) {
          const [health] = h.districtRpc([['media.getHealth', {}]]) as { state: string }[];
          if (health.state === 'running') return;
          if (Date.now() - t0 > 30_000) throw new Error(`Janus not running within 30 s: ${JSON.stringify(health)}`);
        }
      })(),
    ]);
    // Started six at a time (eighteen node processes loading at once starve each other and the district).
    const started: Promise<void>[] = [];
    for (const [i, st] of h.streets.entries()) {
      if (i >= 6) await started[i - 6];
      started.push(
        (async () => {
          const p = await SitesProcess.start({ clip: clipFile, netns: st.ns, log: (l) => log(`${st.id} sites: ${l}`) });
          sites.set(st.id, p);
          await p.join({
            participantId: st.id,
            wants: 'district',
            links: (['A', 'B'] as Link[]).map((link) => ({
              link,
              url: `ws://${DISTRICT_IP[link]}:${HUB_PORT}/rpc?token=${encodeURIComponent(st.credential!)}`,
              iceAddress: streetIp(link, i + 1),
              remotePrefix: PREFIX[link],
            })),
          });
        })(),
      );
    }
    await Promise.all(started);
    const before = nsUsage(h.district.ns);
    const startedAt = Date.now();
    const consultationId = await h.startConsultation({ mode: 'sfu', topic: '三防全区视频会商' });
    await Promise.all([...sites.entries()].map(([id, p]) => p.joinedSite(id)));
    const s: SfuDistrict = { h, sites, consultationId, allTilesMs: 0, districtUsage: null, close };
    await untilWhole(s, opts.joinTimeoutMs ?? 60_000, ['A', 'B'], 'every tile showing on both links');
    s.allTilesMs = Date.now() - startedAt;
    // The district machine's cost: while every site joined, then over STEADY_MS of the whole call.
    const whole = nsUsage(h.district.ns);
    await sleep(STEADY_MS);
    s.districtUsage = { join: usageBetween(before, whole), call: usageBetween(whole, nsUsage(h.district.ns)) };
    return s;
  } catch (err) {
    await close();
    throw err;
  }
}

/** The longest gap between frames on screen at the district, per street, over [from, to] of its page clock. */
export async function districtGaps(s: SfuDistrict, span: { from: number; to: number }): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const st of s.h.streets) out[st.id] = (await s.h.gap(s.h.district, st, span)).maxGapMs;
  return out;
}

/** The longest gap between the district's frames at each street (either link) since their last mark. */
export async function streetGaps(s: SfuDistrict): Promise<Record<string, number>> {
  const counts = await allCounts(s.sites);
  return Object.fromEntries(counts.map((c) => [c.participantId, c.maxGapMs.district ?? Infinity]));
}

/**
 * Cuts `link` at every street at once (interfaces down) for holdMs: the longest freeze of each
 * street's tile at the district and of the district's picture at each street; then restores it
 * and waits until both links carry video again (returns how long that took).
 */
export async function cutAllStreets(
  s: SfuDistrict,
  link: Link,
  holdMs: number,
  recoverMs = 30_000,
): Promise<{ atDistrict: Record<string, number>; atStreets: Record<string, number>; recoveredMs: number }> {
  await Promise.all([...s.sites.values()].map((p) => p.mark()));
  const from = await s.h.clock(s.h.district);
  const cuts = s.h.streets.map((st) => s.h.cut(st, link, 'link-down'));
  await sleep(holdMs);
  const to = await s.h.clock(s.h.district);
  const [atDistrict, atStreets] = await Promise.all([districtGaps(s, { from, to }), streetGaps(s)]);
  for (const c of cuts) s.h.restore(c);
  const recoveredMs = await untilWhole(s, recoverMs, ['A', 'B'], `link ${link} back at every street`);
  return { atDistrict, atStreets, recoveredMs };
}

/**
 * Janus killed (SIGKILL) mid-call: ms until a site hears the room made again (Janus back), and until every
 * site is back in the call (the district shows a frame of every street taken after the kill, and
 * every street publishes and receives the district again on the room made anew, on either link).
 */
export async function killJanus(
  s: SfuDistrict,
  timeoutMs = 30_000,
): Promise<{ janusBackMs: number; everySiteBackMs: number; restarts: number; timeline: [ms: number, districtMissing: number, streetsMissing: number][] }> {
  const [before] = s.h.districtRpc([['media.getHealth', {}]]) as { pid: number; restarts: number }[];
  const oldEpochs = new Map((await allCounts(s.sites)).map((c) => [c.participantId, new Set(c.links.map((l) => l.epoch))]));
  const t0 = Date.now();
  process.kill(before.pid, 'SIGKILL');
  // When Janus is back is read off the sites (the first to hear the room's new epoch: it is made on a
  // running Janus), not polled from the hub: each poll spawned a process in the namespace, up to a
  // second of CPU on a loaded machine, taken from the recovery it was measuring.
  let janusBackMs = -1;
  let missing: string[] = [];
  // Where the recovery spends its time: each change of how many streets the district does not show
  // yet, and how many streets do not publish and see the district yet.
  const timeline: [number, number, number][] = [];
  for (;;) {
    await sleep(150);
    const [d, counts] = await Promise.all([districtFrames(s.h), allCounts(s.sites)]);
    if (janusBackMs < 0 && counts.some((c) => c.links.some((l) => l.epoch !== 0 && !oldEpochs.get(c.participantId)?.has(l.epoch))))
      janusBackMs = Date.now() - t0;
    // A frame younger than the kill (and fresh).
    const fresh = Math.min(600, Date.now() - t0 - 100);
    missing = [];
    for (const st of s.h.streets) {
      const f = d[st.id];
      if (!f || f.shown === null || f.shown > fresh) missing.push(`district sees ${st.id}`);
      const c = counts.find((x) => x.participantId === st.id);
      const back = c?.links.some((l) => !oldEpochs.get(st.id)?.has(l.epoch) && l.epoch !== 0 && l.publishing && l.showing.includes('district'));
      if (!back) missing.push(`${st.id} publishing and seeing the district`);
    }
    const step: [number, number, number] = [
      Date.now() - t0,
      missing.filter((m) => m.startsWith('district')).length,
      missing.filter((m) => !m.startsWith('district')).length,
    ];
    const last = timeline.at(-1);
    if (!last || last[1] !== step[1] || last[2] !== step[2]) timeline.push(step);
    if (missing.length === 0) break;
    if (Date.now() - t0 > timeoutMs) throw new Error(`every site back after the kill: not within ${timeoutMs} ms; missing: ${missing.slice(0, 12).join(', ')}`);
  }
  const everySiteBackMs = Date.now() - t0;
  const [after] = s.h.districtRpc([['media.getHealth', {}]]) as { state: string; restarts: number }[];
  if (after.state !== 'running' || after.restarts <= before.restarts) throw new Error(`Janus not running again after the kill: ${JSON.stringify(after)}`);
  return { janusBackMs, everySiteBackMs, restarts: after.restarts, timeline };
}
