// The consultation harness: the district and N street centres each in its own network namespace,
// two links between them (see netns.ts), a hub per centre (the district's listens on both links
// and relays signalling), and one Debian Chromium per namespace with a fake camera showing the
// wall's consultation panel. Every rendered frame of every received stream is recorded with
// requestVideoFrameCallback, with the link it came over and whether it was the one on screen.
// Every street is enrolled with the district as issue 14 has it (a street may no longer join with
// the district's bootstrap token): the district issues it a code, the street spends it over link A
// from its own namespace (tests/support/enrol-street.ts), and its links hold that machine
// credential only.
//
// Used by the scenarios (failover.test.ts) and the bench (tests/bench/failover.ts).
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { STREET_PARTICIPANTS } from '@contract/consult';
import { standardLayout } from '@contract/layouts';
import { chromiumArgs } from '../../playwright.config';
import {
  createTopology,
  cut as cutLink,
  DISTRICT_IP,
  inNs,
  listOurNamespaces,
  removeLeftovers,
  removeNamespaces,
  streetIp,
  SUBNET,
  type Cut,
  type CutKind,
  type Link,
  type Topology,
} from './netns';

// __filename, not __dirname: tsx defines only the former when a .mts script imports this file.
const HERE = dirname(__filename);
const ROOT = join(HERE, '..', '..');
/** Where a street's machine spends its enrolment code (run as a process in the street's namespace). */
const ENROL_SPEND = join(ROOT, 'tests', 'support', 'enrol-spend.cjs');
/** Watches a link pass packets again after a fault (run in the namespaces: an echo in the district's, a probe in a street's). */
const LINK_PROBE = join(HERE, 'link-probe.mjs');
const LINK_PROBE_PORT = 4399;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const HUB_PORT = 4310;
const DISTRICT_TOKEN = 'cwnet-district-token-0001';
const streetToken = (i: number): string => `cwnet-street-token-000${i}`;
/**
 * Three centres share two cores here, so the harness keeps each light: small pictures, and no
 * microphone (sound costs about as much CPU as the video: capture processing, Opus both ways and
 * playout). The `capture` option, CWNET_CAPTURE and CWNET_AUDIO=1 change that.
 */
const DEFAULT_CAPTURE = process.env.CWNET_CAPTURE ?? '160x120@15';
const AUDIO = process.env.CWNET_AUDIO === '1';

// Debian's Chromium, as the e2e tests run it (playwright.config.ts), plus a fake camera and
// microphone, sound allowed to autoplay, and real local addresses in ICE candidates.
const chromiumArgsAt = (fps: number): string[] => [
  // Real local addresses in ICE candidates (no mDNS names), beside the tests' own list.
  ...chromiumArgs('WebRtcHideLocalIpsWithMdns'),
  // The fake camera runs at 20 fps unless told otherwise; it follows the capture's rate here.
  `--use-fake-device-for-media-stream=fps=${fps}`,
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-renderer-backgrounding',
  '--mute-audio',
  '--disable-background-timer-throttling',
];

export interface Centre {
  ns: string;
  /** Participant id: "district" or a street slug. */
  id: string;
  name: string;
  token: string;
  /** A street's machine credential at the district hub (enrolled as the harness starts): the only key its links hold. */
  credential?: string;
  hub: ChildProcess | null;
  browser: Browser | null;
  wall: Page | null;
}

export interface Gap {
  /** Longest time between two frames on screen, ms. */
  maxGapMs: number;
  /** Frames on screen in the window. */
  frames: number;
  /** Where the longest gap was: its start in the window and the links before and after it. */
  where: string;
}

/** Records every rendered frame of every consultation video: [time, link, on screen]. */
const FRAME_RECORDER = `(() => {
  const frames = (window.__cwFrames = {});
  setInterval(() => {
    for (const v of document.querySelectorAll('.consult-videos video')) {
      if (v.__cwHooked) continue;
      v.__cwHooked = true;
      const remote = v.parentElement.dataset.remote;
      const link = v.dataset.link === 'B' ? 1 : 0;
      const onFrame = (now) => {
        (frames[remote] ??= []).push(now, link, v.dataset.shown === '1' ? 1 : 0);
        v.requestVideoFrameCallback(onFrame);
      };
      v.requestVideoFrameCallback(onFrame);
    }
  }, 50);
})();`;

export interface HarnessOptions {
  streets: number;
  /** Each wall's camera, "WxH@fps" (consultVideo); default 160x120@15, or CWNET_CAPTURE. */
  capture?: string;
  log?: (msg: string) => void;
  /** The district hub supervises Janus (`--janus`): the sfu consultations (tests/net/sfu.test.ts). */
  janus?: boolean;
  /**
   * The streets are synthetic sites the scenario runs itself (tests/support/synthetic-sites.ts, in
   * their namespaces): no hub, no browser for them; each is still enrolled (its credential on the Centre).
   */
  syntheticStreets?: boolean;
  /** The walls publish sound too (Chromium's fake microphone); default off, or CWNET_AUDIO=1. */
  audio?: boolean;
}

export class NetHarness {
  readonly dir: string;
  readonly topo: Topology;
  readonly district: Centre;
  readonly streets: Centre[];
  console: Page | null = null;
  private readonly cuts: Cut[] = [];
  private readonly log: (msg: string) => void;
  private readonly build: string;
  private readonly capture: string;
  private readonly opts: HarnessOptions;
  private linkEcho: ChildProcess | null = null;

  private constructor(opts: HarnessOptions, dir: string, build: string, topo: Topology) {
    this.dir = dir;
    this.build = build;
    this.topo = topo;
    this.log = opts.log ?? (() => undefined);
    this.capture = opts.capture ?? DEFAULT_CAPTURE;
    this.opts = opts;
    this.district = { ns: topo.district, id: 'district', name: '越秀区应急指挥中心', token: DISTRICT_TOKEN, hub: null, browser: null, wall: null };
    this.streets = topo.streets.map((ns, i) => ({
      ns,
      id: STREET_PARTICIPANTS[i].id,
      name: STREET_PARTICIPANTS[i].name,
      token: streetToken(i + 1),
      hub: null,
      browser: null,
      wall: null,
    }));
  }

  /** Namespaces, hubs, browsers, wall pages. Removes crashed runs' leftovers first (never a live run's). */
  static async open(opts: HarnessOptions): Promise<NetHarness> {
    for (const ns of removeLeftovers()) opts.log?.(`removed ${ns}, left by a run that died`);
    const dir = mkdtempSync(join(tmpdir(), 'cwnet-'));
    // Interrupted (Ctrl-C, a timeout): still leave no namespace, browser or hub behind.
    process.once('exit', () => removeNamespaces(listOurNamespaces()));
    let h: NetHarness | null = null;
    try {
      const build = buildApp(dir);
      const topo = createTopology(opts.streets);
      h = new NetHarness(opts, dir, build, topo);
      await h.startAll();
      return h;
    } catch (err) {
      if (h) await h.close();
      else {
        removeNamespaces(listOurNamespaces());
        rmSync(dir, { recursive: true, force: true });
      }
      throw err;
    }
  }

  get centres(): Centre[] {
    return [this.district, ...this.streets];
  }

  /** The centres with a hub and a browser of their own (the district alone when the streets are synthetic). */
  get withWall(): Centre[] {
    return this.opts.syntheticStreets ? [this.district] : this.centres;
  }

  private async startAll(): Promise<void> {
    this.linkEcho = spawn('ip', ['netns', 'exec', this.district.ns, process.execPath, LINK_PROBE, 'echo', '0.0.0.0', String(LINK_PROBE_PORT)], {
      stdio: 'ignore',
    });
    await Promise.all(this.withWall.map((c) => this.startHub(c)));
    for (const s of this.streets) this.enrol(s);
    this.configure();
    for (const c of this.withWall) await this.startBrowser(c);
    this.console = await this.district.browser!.newPage({ viewport: { width: 1280, height: 900 } });
    this.console.on('pageerror', (e) => this.log(`console page error: ${e.message}`));
    // The 视频会商 tab (the console opens one tab at a time).
    await this.console.goto(`http://127.0.0.1:${HUB_PORT}/?token=${DISTRICT_TOKEN}&view=console&tab=consult`);
    await this.console.getByTestId('consult-console').waitFor({ timeout: 15_000 });
  }

  // ---- hubs ------------------------------------------------------------------------------
  async startHub(c: Centre, timeoutMs = 60_000): Promise<void> {
    const hosts = c === this.district ? ['127.0.0.1', DISTRICT_IP.A, DISTRICT_IP.B] : ['127.0.0.1'];
    const args = [
      'netns',
      'exec',
      c.ns,
      process.execPath,
      join(this.build, 'main', 'hub.js'),
      '--data',
      join(this.dir, `data-${c.id}`),
      '--port',
      String(HUB_PORT),
      '--token',
      c.token,
    ];
    for (const h of hosts) args.push('--host', h);
    if (this.opts.janus && c === this.district) args.push('--janus');
    args.push('--static', join(this.build, 'renderer'));
    // The private build lives outside the tree: NODE_PATH finds its external dependencies.
    const child = spawn('ip', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_PATH: join(ROOT, 'node_modules') } });
    c.hub = child;
    let out = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`hub in ${c.ns} did not start within ${timeoutMs / 1000} s:\n${out}`)), timeoutMs);
      const onData = (d: Buffer): void => {
        out += d.toString();
        if ((out.match(/listening:/g) ?? []).length >= hosts.length) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`hub in ${c.ns} exited with ${code}:\n${out}`));
      });
    });
    child.removeAllListeners('exit');
    // SFU_TRACE=<file>: the hub's media lines, timed, beside the synthetic sites' steps (a recovery read phase by phase).
    const trace = process.env.SFU_TRACE;
    if (trace)
      for (const s of [child.stdout!, child.stderr!])
        s.on('data', (d: Buffer) => {
          for (const l of d.toString().split('\n')) if (l.includes('[media]')) appendFileSync(trace, `${Date.now()} hub ${l.trim()}\n`);
        });
    this.log(`hub up in ${c.ns}`);
  }

  /** Kills the district hub outright (SIGKILL: no goodbye to its sockets). */
  killDistrictHub(): void {
    const p = this.district.hub;
    if (p?.pid) process.kill(p.pid, 'SIGKILL');
    this.district.hub = null;
  }

  /** Starts the district hub again; resolves when it listens (a loaded machine can take a while to start node). */
  restartDistrictHub(): Promise<void> {
    return this.startHub(this.district, 60_000);
  }

  private rpc(c: Centre, calls: [string, unknown][]): unknown[] {
    const out = inNs(c.ns, process.execPath, join(HERE, 'rpc-call.mjs'), `ws://127.0.0.1:${HUB_PORT}/rpc?token=${c.token}`, JSON.stringify(calls));
    return JSON.parse(out) as unknown[];
  }

  /** The district's bootstrap token (what no enrolled street may hold). */
  get districtToken(): string {
    return DISTRICT_TOKEN;
  }

  /** Calls on the district hub with its bootstrap token, from the district's namespace (as its console would). */
  districtRpc(calls: [string, unknown][]): unknown[] {
    return this.rpc(this.district, calls);
  }

  /**
   * A street enrols with the district: the district issues a street code for it (its console, on
   * the bootstrap token, in its namespace), and the street spends it at the district hub's POST
   * /enrol over link A, from its own namespace (tests/support/enrol-spend.cjs, as a process there).
   * Keeps the credential on the Centre (its links are made with it).
   */
  enrol(street: Centre): void {
    const [issued] = this.rpc(this.district, [['auth.issueEnrolCode', { kind: 'street', street: street.name }]]) as { code: string }[];
    const out = inNs(street.ns, process.execPath, ENROL_SPEND, `http://${DISTRICT_IP.A}:${HUB_PORT}`, issued.code, `${street.name} 值班电脑`);
    street.credential = (JSON.parse(out) as { credential: string }).credential;
    this.log(`${street.id} enrolled over link A`);
  }

  /** Each centre's identity and links (both pointing at the district hub), and a consultation wall. */
  private configure(): void {
    const linksWith = (key: string): { id: Link; name: string; subnet: string; hubUrl: string }[] =>
      (['A', 'B'] as Link[]).map((id) => ({
        id,
        name: id === 'A' ? '政务外网' : '专网',
        subnet: SUBNET[id],
        hubUrl: `http://${DISTRICT_IP[id]}:${HUB_PORT}/?token=${encodeURIComponent(key)}`,
      }));
    const preset = { id: 'consult', name: '视频会商', layout: standardLayout('1x1'), cells: ['consult'] };
    for (const c of this.withWall) {
      // A street's links hold its machine credential; the district's own the token.
      const links = linksWith(c === this.district ? DISTRICT_TOKEN : c.credential!);
      const centre = { name: c.name, nameEn: c.id, level: c === this.district ? 'district' : 'street', links };
      this.rpc(c, [
        ['centre.save', { centre }],
        ['wall.savePreset', { preset }],
        ['wall.activate', { display: 0, presetId: 'consult' }],
      ]);
    }
  }

  // ---- browsers ------------------------------------------------------------------------------
  private async startBrowser(c: Centre): Promise<void> {
    // Chromium inside the centre's namespace: `ip netns exec` execs it, so its pid is the script's.
    const wrapper = join(this.dir, `chromium-${c.ns}.sh`);
    writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${c.ns} ${CHROMIUM} "$@"\n`);
    chmodSync(wrapper, 0o755);
    c.browser = await chromium.launch({ executablePath: wrapper, args: chromiumArgsAt(Number(/@(\d+)$/.exec(this.capture)?.[1] ?? 15)), timeout: 30_000 });
    // The page reaches the district hub on another origin (both links) under the app's own page
    // policy (connect-src allows ws: for that): no CSP bypass here, so a policy that blocked the
    // signalling sockets would fail every scenario.
    const context = await c.browser.newContext({ viewport: { width: 480, height: 270 } });
    await context.addInitScript(FRAME_RECORDER);
    c.wall = await context.newPage();
    c.wall.on('pageerror', (e) => this.log(`${c.id}: page error: ${e.message}`));
    c.wall.on('console', (m) => {
      if (m.type() === 'error' || m.text().startsWith('[consult]')) this.log(`${c.id}: ${m.text()}`);
    });
    await c.wall.goto(
      `http://127.0.0.1:${HUB_PORT}/?token=${c.token}&view=wall&display=0&consultVideo=${this.capture}${(this.opts.audio ?? AUDIO) ? '' : '&consultAudio=0'}`,
    );
    await c.wall.locator('[data-testid="consult-stage"][data-phase="waiting"]').waitFor({ timeout: 20_000 });
    this.log(`browser up in ${c.ns}`);
  }

  // ---- the consultation ------------------------------------------------------------------------
  /** Starts a consultation from the district console, inviting every street. Returns when each wall has joined. */
  async startConsultation(opts: { mode: 'dual' | 'single' | 'sfu'; lowBandwidth?: boolean; topic?: string }): Promise<string> {
    const page = this.console!;
    await page.getByTestId('consult-topic').fill(opts.topic ?? '防汛防台视频会商');
    await page.getByTestId('consult-operator').fill('值班员');
    // The mode first: the mesh takes at most 5 streets, the sfu 18.
    await page.getByTestId('consult-mode').selectOption(opts.mode);
    for (const s of this.streets) await page.getByTestId(`consult-invite-${s.id}`).check();
    await page.getByTestId('consult-lowbw').setChecked(opts.lowBandwidth ?? false);
    await page.getByTestId('consult-start').click();
    const live = page.getByTestId('consult-live');
    await live.waitFor({ timeout: 10_000 });
    const id = (await live.getAttribute('data-id'))!;
    for (const c of this.withWall)
      await c.wall!.locator(`[data-testid="consult-stage"][data-phase="in-call"][data-consultation="${id}"]`).waitFor({ timeout: 15_000 });
    return id;
  }

  async endConsultation(): Promise<void> {
    const page = this.console!;
    await page.getByTestId('consult-end-operator').fill('值班员');
    await page.getByTestId('consult-end').click();
    await page.getByTestId('consult-none').waitFor({ timeout: 10_000 });
    for (const c of this.withWall) await c.wall!.locator('[data-testid="consult-stage"][data-phase="waiting"]').waitFor({ timeout: 10_000 });
  }

  /** Milliseconds from joining to each remote's first frame, per wall. */
  async firstFrames(): Promise<{ at: string; from: string; ms: number | null }[]> {
    const out: { at: string; from: string; ms: number | null }[] = [];
    for (const c of this.centres) {
      const rows = await c
        .wall!.locator('[data-testid="consult-remote"]')
        .evaluateAll((els) => els.map((e) => ({ from: e.getAttribute('data-remote') ?? '', ms: e.getAttribute('data-first-frame-ms') })));
      for (const r of rows) out.push({ at: c.id, from: r.from, ms: r.ms ? Number(r.ms) : null });
    }
    return out;
  }

  /** Waits until every wall shows every other centre with the given links up (default both). */
  async waitLinksUp(links: Link[] = ['A', 'B'], timeoutMs = 20_000, among: Centre[] = this.centres): Promise<void> {
    const others = among.length - 1;
    await Promise.all(
      among.map((c) =>
        c.wall!.waitForFunction(
          ({ links, others }) => {
            const tiles = [...document.querySelectorAll('[data-testid="consult-remote"]')];
            if (tiles.length < others) return false;
            return tiles.every((t) => links.every((l) => t.querySelector(`[data-testid$="-${l}"][data-state="up"]`)));
          },
          { links, others },
          { timeout: timeoutMs, polling: 200 },
        ),
      ),
    );
  }

  /** Which link a wall shows a remote from now ('' before its first frame): the video on top. */
  async shownLink(at: Centre, from: Centre): Promise<Link | ''> {
    const v = at.wall!.locator(`.consult-videos[data-remote="${from.id}"] video[data-shown="1"]`);
    return (await v.count()) === 0 ? '' : (((await v.first().getAttribute('data-link')) ?? '') as Link);
  }

  async linkState(at: Centre, from: Centre, link: Link): Promise<string> {
    return (await at.wall!.getByTestId(`consult-link-${from.id}-${link}`).getAttribute('data-state')) ?? '';
  }

  /** Waits until every wall's signalling sockets on these links are open; the error names those that are not. */
  async waitSignalling(links: Link[] = ['A', 'B'], timeoutMs = 30_000, among: Centre[] = this.centres): Promise<void> {
    const t0 = Date.now();
    for (;;) {
      const states = await Promise.all(among.flatMap((c) => links.map(async (l) => ({ c: c.id, l, s: await this.signalState(c, l) }))));
      const closed = states.filter((x) => x.s !== 'open');
      if (closed.length === 0) return;
      if (Date.now() - t0 > timeoutMs) throw new Error(`signalling not open after ${timeoutMs} ms: ${closed.map((x) => `${x.c} ${x.l}=${x.s}`).join(', ')}`);
      await sleep(250);
    }
  }

  async signalState(at: Centre, link: Link): Promise<string> {
    return (await at.wall!.getByTestId(`consult-signal-${link}`).getAttribute('data-state')) ?? '';
  }

  /** The page's clock (performance.now()), the timeline its frames are recorded on. */
  async clock(at: Centre): Promise<number> {
    return at.wall!.evaluate(() => performance.now());
  }

  /**
   * The longest gap between frames on screen of one remote's picture, within [from, to] of the
   * page's clock: counted from the last frame before `from`, up to `to` even if no frame came.
   */
  async gap(at: Centre, from: Centre, span: { from: number; to: number }): Promise<Gap> {
    return at.wall!.evaluate(
      // No named helpers in here: the bench's transpiler would wrap them in a __name() the page lacks.
      ({ remote, from, to }) => {
        const f = ((window as unknown as { __cwFrames: Record<string, number[]> }).__cwFrames[remote] ?? []) as number[];
        let last: number | null = null;
        let lastLink = -1;
        let max = 0;
        let where = '';
        let n = 0;
        for (let i = 0; i < f.length; i += 3) {
          const t = f[i];
          if (f[i + 2] !== 1) continue;
          if (t < from) {
            last = t;
            lastLink = f[i + 1];
            continue;
          }
          if (t > to) break;
          if (last !== null && t - last > max) {
            max = t - last;
            where = `${Math.round(last - from)} ms into the window, link ${'AB'[lastLink] ?? '?'} → ${'AB'[f[i + 1]]}`;
          }
          last = t;
          lastLink = f[i + 1];
          n++;
        }
        const tail = last === null ? to - from : to - last;
        if (tail > max) {
          max = tail;
          where = `${Math.round((last ?? from) - from)} ms into the window, until the end of the window`;
        }
        return { maxGapMs: Math.round(max), frames: n, where };
      },
      { remote: from.id, ...span },
    );
  }

  /** The first frame of one remote's picture rendered over one link after a time (page clock), or null. */
  async firstFrameOn(at: Centre, from: Centre, link: Link, after: number): Promise<number | null> {
    return at.wall!.evaluate(
      ({ remote, link, after }) => {
        const f = ((window as unknown as { __cwFrames: Record<string, number[]> }).__cwFrames[remote] ?? []) as number[];
        for (let i = 0; i < f.length; i += 3) if (f[i] > after && f[i + 1] === link) return f[i];
        return null;
      },
      { remote: from.id, link: link === 'B' ? 1 : 0, after },
    );
  }

  /**
   * One remote's picture over [from, to] of the page's clock: frames rendered over each link,
   * frames on screen, and how often the picture moved from one link to the other.
   */
  async shownCounts(at: Centre, from: Centre, span: { from: number; to: number }): Promise<{ A: number; B: number; shown: number; switches: number }> {
    return at.wall!.evaluate(
      ({ remote, from, to }) => {
        const f = ((window as unknown as { __cwFrames: Record<string, number[]> }).__cwFrames[remote] ?? []) as number[];
        const per = [0, 0];
        let shown = 0;
        let switches = 0;
        let lastShown = -1;
        for (let i = 0; i < f.length; i += 3) {
          if (f[i] < from || f[i] > to) continue;
          per[f[i + 1]]++;
          if (f[i + 2] !== 1) continue;
          shown++;
          if (lastShown !== -1 && lastShown !== f[i + 1]) switches++;
          lastShown = f[i + 1];
        }
        return { A: per[0], B: per[1], shown, switches };
      },
      { remote: from.id, ...span },
    );
  }

  /** Drops recorded frames older than a time (long benches). */
  async trimFrames(at: Centre, before: number): Promise<void> {
    await at.wall!.evaluate((before) => {
      const all = (window as unknown as { __cwFrames: Record<string, number[]> }).__cwFrames;
      for (const k of Object.keys(all)) {
        const f = all[k];
        let i = 0;
        while (i < f.length && f[i] < before) i += 3;
        all[k] = f.slice(i);
      }
    }, before);
  }

  // ---- links -------------------------------------------------------------------------------
  cut(street: Centre, link: Link, kind: CutKind): Cut {
    const c = cutLink(street.ns, link, kind, HUB_PORT);
    this.cuts.push(c);
    this.log(`cut ${street.id} link ${link} (${kind})`);
    return c;
  }

  restore(c: Cut): void {
    const i = this.cuts.indexOf(c);
    if (i < 0) return;
    this.cuts.splice(i, 1);
    c.restore();
    this.log(`restored ${c.ns} link ${c.link} (${c.kind})`);
  }

  /**
   * Starts watching a street's link for the moment it passes packets both ways again, as the
   * kernel has it (link-probe.mjs: a datagram every 5 ms to an echo in the district). Resolves
   * once the probe sends; `back` is the epoch ms at which the first datagram that came back was
   * sent, or null if none did within timeoutMs. A fault's clearing is not quite that moment:
   * measured 13–299 ms after it here (median about 30 ms; an `iptables -D` takes part of it).
   */
  async watchLink(street: Centre, link: Link, timeoutMs = 10_000): Promise<{ back: Promise<number | null> }> {
    const i = this.streets.indexOf(street) + 1;
    const args = [
      'netns',
      'exec',
      street.ns,
      process.execPath,
      LINK_PROBE,
      'probe',
      streetIp(link, i),
      DISTRICT_IP[link],
      String(LINK_PROBE_PORT),
      String(timeoutMs),
    ];
    const child = spawn('ip', args, { stdio: ['ignore', 'pipe', 'ignore'] });
    const lines: string[] = [];
    let wake: () => void = () => undefined;
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const parts = out.split('\n');
      out = parts.pop()!;
      lines.push(...parts);
      wake();
    });
    let closed = false;
    child.on('close', () => ((closed = true), wake()));
    const line = async (): Promise<string | null> => {
      while (lines.length === 0 && !closed) await new Promise<void>((r) => (wake = r));
      return lines.shift() ?? null;
    };
    if ((await line()) !== 'ready') throw new Error(`the link probe in ${street.ns} did not start`);
    return {
      back: line().then((l) => (l && l !== 'none' ? Number(l) : null)),
    };
  }

  restoreAll(): void {
    for (const c of [...this.cuts].reverse()) this.restore(c);
  }

  async close(): Promise<void> {
    this.linkEcho?.kill('SIGKILL');
    for (const c of this.centres) {
      await Promise.race([c.browser?.close().catch(() => undefined), sleep(5000)]);
      c.browser = null;
      if (c.hub?.pid) {
        try {
          process.kill(c.hub.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
      c.hub = null;
    }
    // Anything still running inside our namespaces is ours: removeNamespaces kills it by pid.
    removeNamespaces(this.centres.map((c) => c.ns));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * A private build of the app (hub and renderer) for this run, so a build by someone else in
 * the shared out/ cannot change the code under a running test.
 */
export function buildApp(dir: string): string {
  // The run's one build (tests/net/global-setup.ts), when there is one.
  const shared = process.env.CWNET_BUILD;
  if (shared && existsSync(join(shared, 'main', 'hub.js'))) return shared;
  const out = join(dir, 'out');
  // ESM dependencies (janode, loaded by import()) ignore NODE_PATH: they are found by walking up from the build.
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--outDir', out], {
      cwd: ROOT,
      stdio: 'pipe',
    });
  } catch (err) {
    const e = err as { stderr?: Buffer; stdout?: Buffer };
    // Fall back to the tree's own build (npm test builds it just before) rather than fail.
    if (existsSync(join(ROOT, 'out', 'main', 'hub.js')) && existsSync(join(ROOT, 'out', 'renderer', 'index.html'))) {
      cpSync(join(ROOT, 'out'), out, { recursive: true });
      return out;
    }
    throw new Error(`building the app failed:\n${e.stderr?.toString() ?? ''}${e.stdout?.toString() ?? ''}`);
  }
  return out;
}
