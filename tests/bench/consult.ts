// `npm run bench -- consult`: the whole district in one consultation through the SFU (issue 16).
// The real core and hub in this process on loopback, supervising Debian's Janus; the district is a
// synthetic site (werift, tests/support/synthetic-site.ts) in a process of its own with its own
// encoder, as its machine would be, so its CPU can be read; the streets (CONSULT_SITES − 1, default
// 18) are synthetic sites in this process sharing one encoder. Every site is armed first (socket
// open, its publisher's offer made), as the pages of a centre are before a call: the clock starts
// when the district's console calls consult.start. Each street joins as its enrolled machine (its
// own credential, tests/support/enrol-street.ts), never with the district's bootstrap token.
//
// Prints JSON lines:
//   join     all_tiles_ms: consult.start → the district shows every street and every street shows
//            the district (a keyframe and fresh packets on each), target ≤ 3000 ms; with the
//            district's CPU (its process and its encoder, % of one core) and its bandwidth in and
//            out (kbit/s, RTP payload and headers) over 10 s of the running call, and Janus's CPU.
//   restart  janus_back_ms (SIGKILL → the supervisor's Janus answering) and all_back_ms (SIGKILL →
//            every site publishing and receiving again in the new room), target ≤ 5000 ms.
// Synthetic sites are not Chromium: no decoding or rendering is in these figures.
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { openCore } from '../../src-main/core/app';
import { startHub } from '../../src-main/hub/server';
import { STREET_PARTICIPANTS, type Consultation } from '@contract/consult';
import type { MediaHealth, SfuRoom } from '@contract/media';
import { enrolStreet } from '../support/enrol-street';
import { tempDir } from '../support/temp-dir';
import { RtpClip, SiteProcess, SyntheticSite, wsRpc } from '../support/synthetic-site';

const SITES = Number(process.env.CONSULT_SITES ?? 19);
const TOKEN = 'consult-bench-token-0123456789ab';
const ctx = { transport: 'local' as const, peer: 'bench' };
const CLK = 100; // USER_HZ

/** utime + stime of a process, in seconds. */
function cpuSeconds(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / CLK;
  } catch {
    return 0;
  }
}

/** The children of a process (the district's encoder is its ffmpeg). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

async function until<T>(what: string, get: () => T | Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export async function benchConsult(print: (o: object) => void): Promise<void> {
  if (!existsSync('/usr/bin/janus') || !existsSync('/usr/bin/ffmpeg')) {
    print({ bench: 'consult', skipped: 'janus or ffmpeg is not installed' });
    return;
  }
  const tmp = tempDir('cw-bench-consult-');
  const quiet = { info() {}, warn() {}, error: (m: string) => console.error(m) };
  const core = await openCore({ dataDir: tmp.dir, host: 'hub', log: quiet, media: { janus: true } });
  const hub = await startHub({ core, token: TOKEN, hosts: ['127.0.0.1'], port: 0, log: quiet });
  const health = () => core.dispatch('media.getHealth', {}, ctx) as Promise<MediaHealth>;
  const url = `ws://127.0.0.1:${hub.port}/rpc?token=${TOKEN}`;
  const streetIds = STREET_PARTICIPANTS.slice(0, SITES - 1);
  const clip = await RtpClip.start();
  const streets: SyntheticSite[] = [];
  let district: SiteProcess | null = null;
  try {
    await until('Janus running', health, (h) => h.state === 'running', 30_000);
    district = await SiteProcess.start(url, 'district', (l) => console.error(`[district] ${l}`));
    for (const s of streetIds) {
      const trace = process.env.SFU_TRACE;
      const site = new SyntheticSite({
        rpc: await wsRpc((await enrolStreet(url, s.id)).rpcUrl),
        consultationId: '',
        participantId: s.id,
        clip,
        wants: (f) => f.participantId === 'district',
        trace: trace ? (who, step) => appendFileSync(trace, `${Date.now()} ${who} ${step}\n`) : undefined,
      });
      streets.push(site);
    }
    const joined = streets.map((s) => s.awaitInvitation());
    await new Promise((r) => setTimeout(r, 2000)); // every site armed (its offer made)

    const all = (epochNot = -1): boolean =>
      district!.last !== null &&
      district!.last.epoch !== epochNot &&
      district!.last.publishing &&
      district!.last.showing.length === streetIds.length &&
      streets.every((s) => s.epoch !== epochNot && s.publishingSince !== null && s.showing().includes('district'));

    const t0 = Date.now();
    if (process.env.SFU_TRACE) appendFileSync(process.env.SFU_TRACE, `${t0} bench consult.start\n`);
    const c = (await core.dispatch(
      'consult.start',
      { topic: '三防全区视频会商', participants: streetIds.map((s) => ({ id: s.id, name: s.name })), startedBy: '值班长', mode: 'sfu' },
      ctx,
    )) as Consultation;
    await Promise.all(joined);
    await until(
      'every tile showing',
      () => all(),
      (ok) => ok,
      30_000,
    );
    const allTilesMs = Date.now() - t0;

    // Ten seconds of the running call: the district's CPU and bandwidth, Janus's CPU.
    const janusPid = (await health()).pid!;
    const dPid = district.child.pid!;
    const dCpu = (): number => cpuSeconds(dPid) + childrenOf(dPid).reduce((n, p) => n + cpuSeconds(p), 0);
    const c0 = { d: dCpu(), j: cpuSeconds(janusPid), rx: district.last!.rxBytes, tx: district.last!.txBytes, t: performance.now() };
    await new Promise((r) => setTimeout(r, 10_000));
    const secs = (performance.now() - c0.t) / 1000;
    const d = district.last!;
    const room = (await core.dispatch('media.getSfuRoom', { consultationId: c.id }, ctx)) as SfuRoom;
    print({
      bench: 'consult',
      case: 'join',
      sites: SITES,
      all_tiles_ms: allTilesMs,
      target_ms: 3000,
      feeds: room.feeds.length,
      district_cpu_pct: Math.round(((dCpu() - c0.d) / secs) * 1000) / 10,
      district_kbps_in: Math.round(((d.rxBytes - c0.rx) * 8) / secs / 1000),
      district_kbps_out: Math.round(((d.txBytes - c0.tx) * 8) / secs / 1000),
      janus_cpu_pct: Math.round(((cpuSeconds(janusPid) - c0.j) / secs) * 1000) / 10,
      load_avg_1m: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]),
    });

    // Janus killed mid-call.
    const before = await health();
    const epoch = room.epoch;
    const killedAt = Date.now();
    if (process.env.SFU_TRACE) appendFileSync(process.env.SFU_TRACE, `${killedAt} bench SIGKILL\n`);
    process.kill(before.pid!, 'SIGKILL');
    await until('Janus back', health, (h) => h.state === 'running' && h.restarts === before.restarts + 1, 30_000);
    const janusBackMs = Date.now() - killedAt;
    await until(
      'every site back',
      () => all(epoch),
      (ok) => ok,
      30_000,
    );
    print({
      bench: 'consult',
      case: 'restart',
      sites: SITES,
      janus_back_ms: janusBackMs,
      all_back_ms: Date.now() - killedAt,
      target_ms: 5000,
      load_avg_1m: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]),
    });
    await core.dispatch('consult.end', { id: c.id, endedBy: '值班长' }, ctx);
  } finally {
    await Promise.all(streets.map((s) => s.stop().catch(() => undefined)));
    await district?.stop();
    await clip.stop();
    await hub.close();
    await core.close();
    tmp.remove();
  }
}
