// `npm run bench -- wall`: a 3×3 wall in headless Chromium with the map holding 5,000 features,
// 4 camera tiles playing a local HLS test pattern (ffmpeg), the statistics charts and the
// warnings panel, against a bare Leaflet page drawing the same 5,000 features, in the same run.
//
// Prints JSON lines:
//   interactive   time from navigation to an interactive wall: every panel drawn (5,000 map
//                 features on the canvas, the charts rendered) and then 500 ms with no long task;
//                 target ≤ 2,000 ms. Measured at the wall's first start (empty browser profile)
//                 and over 5 restarts in the same profile, 1.5 s apart (median, slowest, each run).
//                 CW_BENCH_CPU_SLOWDOWN=n measures it with the page's CPU n times slower.
//   long-tasks    the longest main-thread task (Long Tasks API) in the window after load, with
//                 cameras playing; target: none over 50 ms. The window is 60 s
//                 (CW_BENCH_WINDOW_S overrides it; the line says which window was used).
//   pan-fps       frames per second while the map pans in a circle for 4 s (a step per frame), on the wall
//                 and on the bare page with the same map size, centre, zoom and features;
//                 target: wall ≥ 90% of bare. Median of 3 runs each.
//   pan-fps-diagnostics  idle frame rates of both pages and the wall panned with its videos
//                 paused: context for the figure above, not a target.
//   machine       CPU count and load average: the machine is shared, all figures are wall-clock.
// Then at 3840×2160 (issue 17), on a hub of their own with 50,000 risk points (clustered) and 9 cameras:
//   4k-interactive  layout 2+8, the map in a large cell, 9 camera tiles in the other: navigation to
//                 every cell drawn (the 50,000 features in the clusters), then 500 ms with no long
//                 task; target ≤ 2,000 ms. One cold load (the first start) and TRIALS_4K restarts (default 5:
//                 on this 2-core machine one restart ranges 2.3–5.3 s, and a median of 3 moved by 0.5 s run to run).
//   4k-long-tasks the longest task after load over WINDOW_4K_S (default 30 s); target none over 50 ms.
//   4k-pan-fps    the 4K wall's map panned as above against a bare Leaflet page of the same size
//                 drawing the same 50,000 features with the same clustering (supercluster, same
//                 radius and zooms, the view and half a view around it drawn); target wall ≥ 90% of bare.
//   4k-hub-map-reply  the hub's side of the 4K map's reply (dispatch, JSON text, bytes): context.
//   4k-pan-fps-diagnostics  the 4K wall idle, and panned with its videos paused and with the camera
//                 cell hidden: context for the figure above, not a target.
//   4k-four-displays  four wall pages (displays 0–3) opened at once in one browser, as a wall PC
//                 with four 4K outputs starts: display 0 the 2+8 map preset, 1 the 9 cameras, 2 and
//                 3 the other panels; each interactive ≤ 3,000 ms, and none with a long task over
//                 50 ms in WINDOW_4K_S after load.
// Every line carries the load average at its end (loadavg1m): the machine is shared.
// CW_BENCH_WALL_CASES=1080,4k,four chooses the parts (default: all three).
// CW_BENCH_PROFILE=<dir> (diagnostic): the first 1080 and 4K restarts and the 4K long-task window recorded
// there as CPU profiles (.cpuprofile) and a Chromium trace (.trace.json), with the heaviest functions printed.
// Needs the built renderer (npx electron-vite build), /usr/bin/chromium and /usr/bin/ffmpeg.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { openCore } from '../../src-main/core/app';
import { standardLayout } from '@contract/layouts';
import { insideRing } from '../../src-main/core/map/yuexiu-outline';
import { startHub } from '../../src-main/hub/server';
import { tempDir } from '../support/temp-dir';

const ROOT = join(__dirname, '..', '..');
const FEATURES = 5000;
const WINDOW_S = Number(process.env.CW_BENCH_WINDOW_S ?? 60);
const PAN_MS = 4000;
/** Restarts of the wall for the interactive figure (median reported); CW_BENCH_TRIALS overrides. */
const TRIALS = Number(process.env.CW_BENCH_TRIALS ?? 5);
/**
 * CW_BENCH_CPU_SLOWDOWN=n runs the wall page's main thread n times slower (Chromium's CPU
 * throttling; its workers, the hub and the encoder keep their speed), a rough stand-in for a
 * slower display PC. 1, the default, leaves it alone; the targets are for 1.
 */
const CPU_SLOWDOWN = Number(process.env.CW_BENCH_CPU_SLOWDOWN ?? 1);
if (!(CPU_SLOWDOWN >= 1)) throw new Error(`CW_BENCH_CPU_SLOWDOWN must be a number of 1 or more, not "${process.env.CW_BENCH_CPU_SLOWDOWN}"`);
/** The parts to run (CW_BENCH_WALL_CASES, comma-separated: 1080, 4k, four). */
const CASES = new Set((process.env.CW_BENCH_WALL_CASES ?? '1080,4k,four').split(',').map((c) => c.trim()));
const FEATURES_4K = 50_000;
const TRIALS_4K = Number(process.env.CW_BENCH_TRIALS_4K ?? 5);
const WINDOW_4K_S = Number(process.env.CW_BENCH_WINDOW_4K_S ?? 30);
const UHD = { width: 3840, height: 2160 };
/** CW_BENCH_PROFILE=<dir>: CPU profiles of the first 1080 and 4K restarts written there (diagnostic). */
const PROFILE_DIR = process.env.CW_BENCH_PROFILE ?? null;
/** Pause between closing the wall and starting it again. */
const SETTLE_MS = 1500;
const TOKEN = 'bench-token-0123456789';
const quiet = { info() {}, warn() {}, error() {} };

/** `n` risk points spread over Yuexiu (deterministic), as one CSV import (5,000 by default). */
function featureCsv(n = FEATURES): { csv: string; points: { lat: number; lng: number; level: string }[] } {
  let seed = 20210601;
  const rand = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const levels = ['blue', 'blue', 'blue', 'yellow', 'orange', 'red'];
  const points: { lat: number; lng: number; level: string }[] = [];
  while (points.length < n) {
    const lat = Math.round((23.108 + rand() * 0.064) * 1e5) / 1e5;
    const lng = Math.round((113.236 + rand() * 0.082) * 1e5) / 1e5;
    if (insideRing(lng, lat)) points.push({ lat, lng, level: levels[points.length % levels.length] });
  }
  const rows = points.map((p, i) => `risk,基准测试点${i},${p.lat},${p.lng},${p.level}`);
  return { csv: ['kind,name,lat,lng,level', ...rows].join('\n'), points };
}

/** 2 s segments, as intranet encoders commonly serve live HLS (the e2e test uses 1 s). */
function startFfmpeg(dir: string): ChildProcess {
  mkdirSync(dir, { recursive: true });
  // prettier-ignore
  return spawn('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=25',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-g', '25',
    '-f', 'hls', '-hls_time', '2', '-hls_list_size', '6', '-hls_flags', 'delete_segments+omit_endlist',
    join(dir, 'index.m3u8'),
  ], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/**
 * Long tasks and frames, recorded from the first byte of the page, and the moment the wall is
 * first complete (every panel drawn), checked on every frame in the page itself: polling from
 * here would add a round trip or two to the figure that the wall is not responsible for.
 */
const PROBE = `
  // Functions handed to page.evaluate come through the runner's transform, which names them with
  // a helper (__name) the page does not have: the page gets one that does nothing.
  window.__name = window.__name || ((f) => f);
  window.__cw = { longTasks: [], frames: 0, counting: false, readyAt: null };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__cw.longTasks.push({ start: e.startTime, end: e.startTime + e.duration, ms: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
  const complete = () => {
    const leaflet = document.querySelector('[data-testid="map-leaflet"]');
    // The charts a 3×3 cell has room for at the wall's type scale (at least one).
    const charts = [...document.querySelectorAll('[data-testid^="stats-chart-"]')].filter((c) => c.checkVisibility());
    return leaflet?.dataset.features === '${FEATURES}' && leaflet.dataset.drawn === 'true' && charts.length >= 1 && charts.every((c) => c.dataset.rendered === 'true') && !!document.querySelector('[data-testid="warnings-panel"]');
  };
  const tick = () => {
    if (window.__cw.counting) window.__cw.frames++;
    if (window.__cw.readyAt === null && complete()) window.__cw.readyAt = performance.now();
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
`;

/**
 * The same probe for the 4K pages: complete when no cell is still waiting for its code or data,
 * the map (where there is one) has `features` drawn, and every chart shown is rendered.
 */
function probe4k(features: number): string {
  return `
  // Functions handed to page.evaluate come through the runner's transform, which names them with
  // a helper (__name) the page does not have: the page gets one that does nothing.
  window.__name = window.__name || ((f) => f);
  window.__cw = { longTasks: [], frames: 0, counting: false, readyAt: null };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__cw.longTasks.push({ start: e.startTime, end: e.startTime + e.duration, ms: e.duration }); })
    .observe({ type: 'longtask', buffered: true });
  const complete = () => {
    const cells = document.querySelectorAll('[data-testid="wall-cell"]');
    if (cells.length === 0 || document.querySelector('[data-testid="wall-cell"] [data-loading]')) return false;
    const leaflet = document.querySelector('[data-testid="map-leaflet"]');
    if (leaflet && !(Number(leaflet.dataset.features) >= ${features} && leaflet.dataset.drawn === 'true')) return false;
    const charts = [...document.querySelectorAll('[data-testid^="stats-chart-"]')].filter((c) => c.checkVisibility());
    return charts.every((c) => c.dataset.rendered === 'true');
  };
  const tick = () => {
    if (window.__cw.counting) window.__cw.frames++;
    if (window.__cw.readyAt === null && complete()) window.__cw.readyAt = performance.now();
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
`;
}

/** A level's marker style on the bare page: fill colour and radius (the 1080 and the 4K case each match the wall of their time). */
interface BareMarkerStyle {
  colours: Record<string, string>;
  radius: Record<string, number>;
}

/**
 * The bare Leaflet page's marker for one point, as the wall draws it: a filled canvas circle in
 * its level's colour and size. Runs in the page (put there by BARE_MARKER), used by the 1080 and
 * the 4K pan cases.
 */
function bareMarker(L: any, renderer: unknown, p: { lat: number; lng: number; level: string }, style: BareMarkerStyle): unknown {
  return L.circleMarker([p.lat, p.lng], {
    renderer,
    radius: style.radius[p.level],
    color: '#06101c',
    weight: 1,
    fillColor: style.colours[p.level],
    fillOpacity: 0.95,
  });
}
/** bareMarker as the bare page's `window.__bareMarker` (a script tag: functions do not cross page.evaluate). */
const BARE_MARKER = `window.__bareMarker = ${bareMarker.toString()};`;

/** Three pans of the bare Leaflet page (the baseline), then the page closed: its fps per run. */
async function closedAfterPans(bare: Page): Promise<number[]> {
  const runs: number[] = [];
  for (let k = 0; k < 3; k++) runs.push(await panFps(bare, BARE_MAP));
  await bare.close();
  return runs;
}

/**
 * Pans the map in a slow circle for PAN_MS, one step per animation frame, as the wall's map moves
 * when it flies to an incident (the wall map is control-free: nobody drags it, and a drag could
 * start on a cluster or the legend instead of the map); returns frames per second. `mapOf` finds
 * the page's Leaflet map.
 */
async function panFps(page: Page, mapOf: string): Promise<number> {
  // A string, not a function: the runner's transform would name the inner functions with a helper
  // (__name) that the page does not have.
  return page.evaluate(`new Promise((done) => {
    const map = ${mapOf};
    const cw = window.__cw;
    cw.frames = 0;
    cw.counting = true;
    const t0 = performance.now();
    let i = 0;
    const step = () => {
      const a = (i++ / 30) * Math.PI;
      map.panBy([Math.round(6 * Math.cos(a)), Math.round(6 * Math.sin(a))], { animate: false });
      if (performance.now() - t0 < ${PAN_MS}) requestAnimationFrame(step);
      else {
        cw.counting = false;
        done(Math.round((cw.frames / ((performance.now() - t0) / 1000)) * 10) / 10);
      }
    };
    requestAnimationFrame(step);
  })`);
}

const WALL_MAP = `document.querySelector('[data-testid="map-leaflet"]').cwMap.map`;
const BARE_MAP = 'window.__bareMap';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Frames per second with nobody touching the page, over 3 s. */
async function idleFps(page: Page): Promise<number> {
  await page.evaluate(() => {
    (window as any).__cw.frames = 0;
    (window as any).__cw.counting = true;
  });
  const t0 = Date.now();
  await page.waitForTimeout(3000);
  const frames = await page.evaluate(() => {
    (window as any).__cw.counting = false;
    return (window as any).__cw.frames as number;
  });
  return Math.round((frames / ((Date.now() - t0) / 1000)) * 10) / 10;
}

interface WallLoad {
  ttiMs: number;
  readyMs: number;
  readyWallClockMs: number;
  loadTasks: number;
  longestLoadTaskMs: number;
  breakdown: object;
}

/** One cold load of the wall: navigation to every panel drawn, then 500 ms with no long task. */
async function loadWall(page: Page, url: string, probe = PROBE, timeoutMs = 60_000, profileAs: string | null = null): Promise<WallLoad> {
  await page.addInitScript(probe);
  if (CPU_SLOWDOWN !== 1) await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  // CW_BENCH_PROFILE=<dir>: the page's main-thread CPU profile of this load (a .cpuprofile for the
  // browser's performance panel) and its heaviest functions by self time, printed as a line.
  const cdp = profileAs ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const t0 = Date.now();
  await page.goto(url, { timeout: timeoutMs });
  await page.waitForFunction(() => (window as any).__cw.readyAt !== null, null, { timeout: timeoutMs, polling: 50 });
  const readyWallClockMs = Date.now() - t0;
  if (cdp && profileAs) {
    await page.waitForTimeout(1500);
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(profileAs, JSON.stringify(profile));
    console.log(JSON.stringify({ bench: 'wall', case: 'profile', file: profileAs, top: heaviest(profile) }));
  }
  const r = await page.evaluate(async () => {
    const cw = (window as any).__cw;
    const ready = cw.readyAt as number;
    let quietFrom = Math.max(ready, ...cw.longTasks.map((t: any) => t.end));
    for (;;) {
      await new Promise((res) => setTimeout(res, 100));
      const last = Math.max(quietFrom, ...cw.longTasks.map((t: any) => t.end));
      if (last > quietFrom) quietFrom = last;
      if (performance.now() - quietFrom >= 500)
        return {
          readyMs: ready,
          ttiMs: quietFrom,
          loadTasks: cw.longTasks.length,
          longestLoadTaskMs: Math.max(0, ...cw.longTasks.map((t: any) => t.ms)),
          // What kept the page from being interactive once it was drawn: [start, duration] of each long task after that.
          afterReady: cw.longTasks.filter((t: any) => t.end > ready && t.start <= quietFrom).map((t: any) => [Math.round(t.start), Math.round(t.ms)]),
        };
    }
  });
  // Where the time went (diagnostic): the wall's start-up marks and when each script arrived.
  const breakdown = await page.evaluate(() => ({
    marks: Object.fromEntries(
      performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('cw.'))
        .map((m) => [m.name, Math.round(m.startTime)]),
    ),
    scripts: Object.fromEntries(
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .filter((e) => e.name.endsWith('.js'))
        .map((e) => [
          e.name
            .split('/')
            .pop()!
            .replace(/-[\w-]{8}\.js$/, ''),
          [Math.round(e.startTime), Math.round(e.responseEnd)],
        ]),
    ),
    domContentLoaded: Math.round((performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd),
  }));
  return {
    ttiMs: Math.round(r.ttiMs),
    readyMs: Math.round(r.readyMs),
    readyWallClockMs,
    loadTasks: r.loadTasks,
    longestLoadTaskMs: Math.round(r.longestLoadTaskMs),
    breakdown: { ...breakdown, longTasksAfterReady: r.afterReady as [number, number][] },
  };
}

/** The functions with the most self time in a CPU profile (ms), with where they are. */
function heaviest(profile: {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}): string[] {
  const self = new Map<number, number>();
  const { samples = [], timeDeltas = [] } = profile;
  for (let i = 0; i < samples.length; i++) self.set(samples[i], (self.get(samples[i]) ?? 0) + (timeDeltas[i] ?? 0) / 1000);
  const byFn = new Map<string, number>();
  for (const n of profile.nodes) {
    const f = n.callFrame;
    const k = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}`;
    byFn.set(k, (byFn.get(k) ?? 0) + (self.get(n.id) ?? 0));
  }
  return [...byFn.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 40)
    .map(([k, ms]) => `${Math.round(ms)} ${k}`);
}

export async function benchWall(print: (o: object) => void): Promise<void> {
  const ui = join(ROOT, 'out', 'renderer');
  if (!existsSync(join(ui, 'index.html'))) throw new Error('no built renderer in out/renderer: run npx electron-vite build first');
  const tmp = tempDir('cw-bench-wall-');
  const core = await openCore({ dataDir: tmp.dir, host: 'hub', log: quiet });
  const hub = await startHub({ core, token: TOKEN, hosts: ['127.0.0.1'], port: 0, staticDir: ui, mediaDir: join(tmp.dir, 'media'), log: quiet });
  const ffmpeg = startFfmpeg(join(tmp.dir, 'media', 'cam1'));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const call = (m: string, p: unknown) => core.dispatch(m, p, { transport: 'local', peer: 'bench' });
  // The machine is shared: say how busy it was, since every figure below is wall-clock time.
  const machine = (): object => ({ cpus: cpus().length, loadavg1m: Math.round(loadavg()[0] * 100) / 100 });
  print({ bench: 'wall', case: 'machine', ...machine() });
  try {
    if (CASES.has('1080')) {
      const { csv, points } = featureCsv();
      await call('map.importObjects', { format: 'csv', text: csv });
      for (let i = 1; i <= 4; i++)
        await call('cameras.saveSource', { source: { id: `cam${i}`, name: `测试画面 ${i}`, kind: 'hls', url: '/media/cam1/index.m3u8' } });
      const layout = standardLayout('3x3');
      await call('wall.savePreset', {
        preset: { id: 'bench', name: '基准 3×3', layout, cells: ['map', 'cameras', 'stats', 'warnings', 'clock-status', 'this-centre', null, null, null] },
      });
      await call('wall.activate', { display: 0, presetId: 'bench' });
      // Let the encoder write a few segments before the wall asks for them.
      await new Promise((r) => setTimeout(r, 3000));

      // ---- the wall: its first start (an empty profile: nothing cached or remembered), then
      // TRIALS restarts in the same profile, as a wall display comes back after a power cut ----
      const url = `http://127.0.0.1:${hub.port}/?token=${TOKEN}&view=wall&display=0`;
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      let page = await context.newPage();
      const first = await loadWall(page, url);
      const restarts: WallLoad[] = [];
      for (let i = 0; i < TRIALS; i++) {
        await page.close();
        // As after a power cut, the wall restarts on a quiet machine: the closed page's renderer
        // process has exited and the hub has dropped its sockets (as before the first start).
        await new Promise((r) => setTimeout(r, SETTLE_MS));
        page = await context.newPage();
        restarts.push(await loadWall(page, url, PROBE, 60_000, PROFILE_DIR && i === 0 ? join(PROFILE_DIR, '1080-restart.cpuprofile') : null));
      }
      const byTti = [...restarts].sort((a, b) => a.ttiMs - b.ttiMs);
      const mid = byTti[Math.floor(byTti.length / 2)];
      print({
        bench: 'wall',
        case: 'interactive',
        layout: '3x3',
        features: FEATURES,
        cameraTiles: 4,
        ttiFirstStartMs: first.ttiMs,
        ttiRestartMs: mid.ttiMs,
        ttiRestartMaxMs: byTti[byTti.length - 1].ttiMs,
        ttiRestartRuns: restarts.map((l) => l.ttiMs),
        n: restarts.length,
        longTasksDuringLoad: { firstStart: first.loadTasks, restart: mid.loadTasks },
        longestLoadTaskMs: { firstStart: first.longestLoadTaskMs, restart: mid.longestLoadTaskMs },
        breakdownMs: { firstStart: first.breakdown, restart: mid.breakdown },
        targetMs: 2000,
        ...(CPU_SLOWDOWN !== 1 ? { cpuSlowdown: CPU_SLOWDOWN } : {}),
        pass: first.ttiMs <= 2000 && mid.ttiMs <= 2000,
        ...machine(),
      });

      const playing = await page
        .waitForFunction(
          () => [...document.querySelectorAll('[data-testid="camera-tile"]')].filter((t) => (t as HTMLElement).dataset.state === 'playing').length === 4,
          null,
          { timeout: 30_000 },
        )
        .then(
          () => true,
          () => false,
        );

      // ---- after load: the longest task over the window, cameras playing -------------------
      const windowStart = await page.evaluate(() => performance.now());
      await page.waitForTimeout(WINDOW_S * 1000);
      const after = await page.evaluate((from) => {
        const tasks = (window as any).__cw.longTasks.filter((t: any) => t.start >= from);
        return { n: tasks.length, longest: Math.max(0, ...tasks.map((t: any) => t.ms)), over50: tasks.filter((t: any) => t.ms > 50).length };
      }, windowStart);
      const states = await page.$$eval('[data-testid="camera-tile"]', (ts) => ts.map((t) => (t as HTMLElement).dataset.state));
      print({
        bench: 'wall',
        case: 'long-tasks',
        windowS: WINDOW_S,
        camerasPlayingAtStart: playing,
        cameraStatesAtEnd: states,
        longTasks: after.n,
        longestTaskMs: Math.round(after.longest),
        tasksOver50ms: after.over50,
        targetMs: 50,
        pass: after.over50 === 0,
        ...machine(),
      });

      // ---- pan: the wall's map cell, then a bare Leaflet page of the same size -------------
      const mapBox = (await page.getByTestId('map-leaflet').boundingBox())!;
      const view = await page.getByTestId('map-leaflet').evaluate((el) => {
        const m = (el as any).cwMap.map;
        return { lat: m.getCenter().lat, lng: m.getCenter().lng, zoom: m.getZoom() };
      });
      const wallIdle = await idleFps(page);
      const wallRuns: number[] = [];
      for (let k = 0; k < 3; k++) wallRuns.push(await panFps(page, WALL_MAP));
      // Diagnostic, not the figure asked for: the same wall with its four videos paused, to show
      // how much of the frame budget the video tiles take on this (software-composited) machine.
      await page.evaluate(() => document.querySelectorAll('video').forEach((v) => v.pause()));
      const pausedRuns: number[] = [];
      for (let k = 0; k < 3; k++) pausedRuns.push(await panFps(page, WALL_MAP));
      await page.close();

      const bare = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
      await bare.setContent(
        `<!doctype html><html><body style="margin:0;background:#050b14"><div id="m" style="position:absolute;left:${mapBox.x}px;top:${mapBox.y}px;width:${mapBox.width}px;height:${mapBox.height}px"></div></body></html>`,
      );
      await bare.addStyleTag({ path: join(ROOT, 'node_modules/leaflet/dist/leaflet.css') });
      await bare.addScriptTag({ path: join(ROOT, 'node_modules/leaflet/dist/leaflet.js') });
      await bare.addScriptTag({ content: PROBE });
      await bare.addScriptTag({ content: BARE_MARKER });
      await bare.evaluate(
        ({ pts, v, style }) => {
          const L = (window as any).L;
          const marker = (window as any).__bareMarker as typeof bareMarker;
          const map = L.map('m', { preferCanvas: true, zoomSnap: 0.25 }).setView([v.lat, v.lng], v.zoom);
          (window as any).__bareMap = map;
          const renderer = L.canvas({ padding: 0.3 });
          for (const p of pts) (marker(L, renderer, p, style) as any).addTo(map);
        },
        {
          pts: points,
          v: view,
          style: { colours: { red: '#ff1f1f', orange: '#ff8a00', yellow: '#ffe100', blue: '#1f7bff' }, radius: { red: 8, orange: 7, yellow: 5, blue: 4 } },
        },
      );
      await bare.waitForTimeout(1000);
      const bareIdle = await idleFps(bare);
      const bareRuns = await closedAfterPans(bare);
      const wallFps = median(wallRuns);
      const bareFps = median(bareRuns);
      print({
        bench: 'wall',
        case: 'pan-fps',
        features: FEATURES,
        mapPx: [Math.round(mapBox.width), Math.round(mapBox.height)],
        panMs: PAN_MS,
        wallFps,
        bareLeafletFps: bareFps,
        wallRuns,
        bareRuns,
        ratio: Math.round((wallFps / bareFps) * 1000) / 1000,
        target: 0.9,
        pass: wallFps >= 0.9 * bareFps,
        ...machine(),
      });
      print({
        bench: 'wall',
        case: 'pan-fps-diagnostics',
        note: 'not targets: idle frame rates, and the wall panned with its 4 videos paused',
        wallIdleFps: wallIdle,
        bareIdleFps: bareIdle,
        wallVideosPausedFps: median(pausedRuns),
        wallVideosPausedRuns: pausedRuns,
        ratioVideosPaused: Math.round((median(pausedRuns) / bareFps) * 1000) / 1000,
      });
    }
    if (CASES.has('4k') || CASES.has('four')) await bench4k(print, browser, ui, join(tmp.dir, 'media'), machine);
  } finally {
    await browser.close();
    ffmpeg.kill('SIGKILL');
    await hub.close();
    await core.close();
    tmp.remove();
  }
}

/** What a 4K page still lacks when it does not become complete (the probe's conditions, one by one). */
async function missing(page: Page): Promise<object> {
  return page
    .evaluate(() => {
      const leaflet = document.querySelector<HTMLElement>('[data-testid="map-leaflet"]');
      return {
        cells: document.querySelectorAll('[data-testid="wall-cell"]').length,
        waiting: [...document.querySelectorAll('[data-testid="wall-cell"]')]
          .filter((c) => c.querySelector('[data-loading]'))
          .map((c) => (c as HTMLElement).dataset.panel),
        mapFeatures: leaflet?.dataset.features ?? null,
        mapDrawn: leaflet?.dataset.drawn ?? null,
        mapClustered: leaflet?.dataset.clustered ?? null,
        chartsNotRendered: [...document.querySelectorAll<HTMLElement>('[data-testid^="stats-chart-"]')].filter(
          (c) => c.checkVisibility() && c.dataset.rendered !== 'true',
        ).length,
      };
    })
    .catch((e: unknown) => ({ error: String(e) }));
}

/** The long tasks of a page since `from` (its own clock). */
async function longTasksSince(page: Page, from: number): Promise<{ n: number; longest: number; over50: number }> {
  return page.evaluate((t0) => {
    const tasks = (window as any).__cw.longTasks.filter((t: any) => t.start >= t0);
    return { n: tasks.length, longest: Math.round(Math.max(0, ...tasks.map((t: any) => t.ms))), over50: tasks.filter((t: any) => t.ms > 50).length };
  }, from);
}

/**
 * The 4K cases (issue 17) on a hub of their own: 50,000 risk points, 9 cameras on the same HLS
 * pattern (the 1080p part's encoder, through the same media folder), layout 2+8 with the map in
 * the first large cell and the cameras in the second.
 */
async function bench4k(print: (o: object) => void, browser: Browser, ui: string, mediaDir: string, machine: () => object): Promise<void> {
  const tmp = tempDir('cw-bench-wall4k-');
  const core = await openCore({ dataDir: tmp.dir, host: 'hub', log: quiet });
  const hub = await startHub({ core, token: TOKEN, hosts: ['127.0.0.1'], port: 0, staticDir: ui, mediaDir, log: quiet });
  const call = (m: string, p: unknown) => core.dispatch(m, p, { transport: 'local', peer: 'bench' });
  try {
    const { points } = featureCsv(FEATURES_4K);
    // An import carries at most 10,000 rows (MAX_IMPORT_FEATURES): five of them.
    for (let i = 0; i < points.length; i += 10_000) {
      const rows = points.slice(i, i + 10_000).map((p, j) => `risk,基准测试点${i + j},${p.lat},${p.lng},${p.level}`);
      await call('map.importObjects', { format: 'csv', text: ['kind,name,lat,lng,level', ...rows].join('\n') });
    }
    for (let i = 1; i <= 9; i++)
      await call('cameras.saveSource', { source: { id: `cam${i}`, name: `测试画面 ${i}`, kind: 'hls', url: '/media/cam1/index.m3u8' } });
    const presets: [string, string, (string | null)[]][] = [
      ['uhd-map', '2+8', ['map', 'cameras', 'stats', 'warnings', 'duty-now', 'plan-responses', 'power', 'tasks', 'teams', 'clock-status']],
      ['uhd-cameras', '1x1', ['cameras']],
      ['uhd-situation', '3x3', ['stats', 'warnings', 'duty-now', 'plan-responses', 'power', 'tasks', 'teams', 'clock-status', 'this-centre']],
      ['uhd-duty', '2x2', ['duty-log', 'report-clock', 'resources', 'this-centre']],
    ];
    for (const [id, kind, cells] of presets) {
      const layout = standardLayout(kind as Parameters<typeof standardLayout>[0]);
      await call('wall.savePreset', {
        preset: { id, name: id, layout, cells: [...cells, ...Array(layout.areas.length).fill(null)].slice(0, layout.areas.length) },
      });
    }
    for (let d = 0; d < 4; d++) await call('wall.activate', { display: d, presetId: presets[d][0] });
    // The hub reads the map again after each import, and materials and teams look at every map
    // change: let that settle (and the map's copy fill) before a wall asks, as on a running hub.
    await call('map.listObjects', {});
    await new Promise((r) => setTimeout(r, 5000));
    // Diagnostic: the hub's side of the map's reply to a wall (map.listObjects packed, its schema
    // check included, then the JSON text the socket sends), on a quiet hub, after the first packing.
    {
      await call('map.listObjects', { packed: true });
      const t0 = performance.now();
      const result = await call('map.listObjects', { packed: true });
      const t1 = performance.now();
      const text = JSON.stringify({ jsonrpc: '2.0', id: 1, result });
      const t2 = performance.now();
      JSON.parse(text);
      const t3 = performance.now();
      print({
        bench: 'wall',
        case: '4k-hub-map-reply',
        note: 'not a target: the packed map reply on the hub (dispatch with its schema check, then JSON.stringify) and parsing it back in Node',
        dispatchMs: Math.round(t1 - t0),
        stringifyMs: Math.round(t2 - t1),
        parseMs: Math.round(t3 - t2),
        bytes: text.length,
        ...machine(),
      });
    }
    const url = (d: number) => `http://127.0.0.1:${hub.port}/?token=${TOKEN}&view=wall&display=${d}`;
    const probe = probe4k(FEATURES_4K);

    if (CASES.has('4k')) {
      // ---- one 4K wall: first start, then restarts -------------------------------------
      const context = await browser.newContext({ viewport: UHD });
      let page = await context.newPage();
      let first: WallLoad;
      try {
        first = await loadWall(page, url(0), probe, 180_000);
      } catch (err) {
        // Never complete in time: say which part was still missing, and stop the 4K part here.
        print({
          bench: 'wall',
          case: '4k-interactive',
          features: FEATURES_4K,
          pass: false,
          error: String(err).split('\n')[0],
          missing: await missing(page),
          ...machine(),
        });
        await context.close();
        return;
      }
      const restarts: WallLoad[] = [];
      for (let i = 0; i < TRIALS_4K; i++) {
        await page.close();
        await new Promise((r) => setTimeout(r, SETTLE_MS));
        page = await context.newPage();
        const profileAs = PROFILE_DIR && i === 0 ? join(PROFILE_DIR, '4k-restart.cpuprofile') : null;
        if (PROFILE_DIR && i === 0)
          await browser.startTracing(page, {
            path: join(PROFILE_DIR, '4k-restart.trace.json'),
            categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute', 'blink.user_timing'],
          });
        restarts.push(await loadWall(page, url(0), probe, 180_000, profileAs));
        if (PROFILE_DIR && i === 0) await browser.stopTracing();
      }
      const byTti = [...restarts].sort((a, b) => a.ttiMs - b.ttiMs);
      const mid = byTti[Math.floor(byTti.length / 2)] ?? first;
      const tiles = await page.locator('[data-testid="camera-tile"]').count();
      const clusters = await page.getByTestId('map-leaflet').evaluate((el) => (el as any).cwMap.clusters().length as number);
      print({
        bench: 'wall',
        case: '4k-interactive',
        viewport: [UHD.width, UHD.height],
        layout: '2+8',
        features: FEATURES_4K,
        clustersDrawn: clusters,
        cameraTiles: tiles,
        ttiFirstStartMs: first.ttiMs,
        ttiRestartMs: mid.ttiMs,
        ttiRestartRuns: restarts.map((l) => l.ttiMs),
        n: restarts.length,
        readyMs: { firstStart: first.readyMs, restart: mid.readyMs },
        longestLoadTaskMs: { firstStart: first.longestLoadTaskMs, restart: mid.longestLoadTaskMs },
        breakdownMs: { restart: mid.breakdown },
        targetMs: 2000,
        pass: first.ttiMs <= 2000 && mid.ttiMs <= 2000,
        ...machine(),
      });
      const from = await page.evaluate(() => performance.now());
      const windowCdp = PROFILE_DIR ? await page.context().newCDPSession(page) : null;
      if (PROFILE_DIR)
        await browser.startTracing(page, {
          path: join(PROFILE_DIR, '4k-window.trace.json'),
          categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel', 'v8.execute'],
        });
      if (windowCdp) {
        await windowCdp.send('Profiler.enable');
        await windowCdp.send('Profiler.setSamplingInterval', { interval: 500 });
        await windowCdp.send('Profiler.start');
      }
      await page.waitForTimeout(WINDOW_4K_S * 1000);
      if (windowCdp && PROFILE_DIR) {
        const { profile } = await windowCdp.send('Profiler.stop');
        writeFileSync(join(PROFILE_DIR, '4k-window.cpuprofile'), JSON.stringify(profile));
        console.log(JSON.stringify({ bench: 'wall', case: 'profile-window', top: heaviest(profile) }));
        await browser.stopTracing();
      }
      const after = await longTasksSince(page, from);
      if (PROFILE_DIR)
        console.log(
          JSON.stringify({
            bench: 'wall',
            case: 'window-tasks',
            tasks: await page.evaluate(
              (t0) => (window as any).__cw.longTasks.filter((t: any) => t.start >= t0).map((t: any) => [Math.round(t.start), Math.round(t.ms)]),
              from,
            ),
          }),
        );
      const states = await page.$$eval('[data-testid="camera-tile"]', (ts) => ts.map((t) => (t as HTMLElement).dataset.state));
      print({
        bench: 'wall',
        case: '4k-long-tasks',
        windowS: WINDOW_4K_S,
        cameraStatesAtEnd: states,
        longTasks: after.n,
        longestTaskMs: after.longest,
        tasksOver50ms: after.over50,
        targetMs: 50,
        pass: after.over50 === 0,
        ...machine(),
      });

      // ---- pan: the 4K wall's map against a bare Leaflet page with the same clustering ----
      const leaflet = page.getByTestId('map-leaflet');
      const mapBox = (await leaflet.boundingBox())!;
      const view = await leaflet.evaluate((el) => {
        const m = (el as any).cwMap.map;
        return { lat: m.getCenter().lat, lng: m.getCenter().lng, zoom: m.getZoom(), letterPx: parseFloat(getComputedStyle(el).fontSize) || 16 };
      });
      const wallRuns: number[] = [];
      for (let k = 0; k < 3; k++) wallRuns.push(await panFps(page, WALL_MAP));
      // Diagnostics, not the figure asked for: the 4K wall idle, then panned with its 9 videos
      // paused (no decoding, no new video frames to composite), then with the camera cell hidden
      // (no video layers at all): how much of the frame budget the camera tiles take here.
      const wallIdle = await idleFps(page);
      await page.evaluate(() => document.querySelectorAll('video').forEach((v) => v.pause()));
      const pausedRuns: number[] = [];
      for (let k = 0; k < 3; k++) pausedRuns.push(await panFps(page, WALL_MAP));
      await page.evaluate(() =>
        document.querySelectorAll<HTMLElement>('[data-testid="wall-cell"][data-panel="cameras"]').forEach((c) => (c.style.visibility = 'hidden')),
      );
      const hiddenRuns: number[] = [];
      for (let k = 0; k < 3; k++) hiddenRuns.push(await panFps(page, WALL_MAP));
      await context.close();

      const bare = await browser.newPage({ viewport: UHD });
      await bare.setContent(
        `<!doctype html><html><body style="margin:0;background:#050b14"><div id="m" style="position:absolute;left:${mapBox.x}px;top:${mapBox.y}px;width:${mapBox.width}px;height:${mapBox.height}px;font-size:${view.letterPx}px"></div></body></html>`,
      );
      await bare.addStyleTag({ path: join(ROOT, 'node_modules/leaflet/dist/leaflet.css') });
      await bare.addScriptTag({ path: join(ROOT, 'node_modules/leaflet/dist/leaflet.js') });
      await bare.addScriptTag({ path: join(ROOT, 'node_modules/supercluster/dist/supercluster.js') });
      await bare.addScriptTag({ content: PROBE });
      await bare.addScriptTag({ content: BARE_MARKER });
      const bareLoadMs = await bare.evaluate(
        ({ pts, v, style }) =>
          new Promise<number>((done) => {
            const L = (window as any).L;
            const Supercluster = (window as any).Supercluster;
            const marker = (window as any).__bareMarker as typeof bareMarker;
            const t0 = performance.now();
            const map = L.map('m', { preferCanvas: true, zoomSnap: 0.25, maxZoom: 19, zoomControl: false, attributionControl: false }).setView(
              [v.lat, v.lng],
              v.zoom,
            );
            (window as any).__bareMap = map;
            const renderer = L.canvas({ padding: 0.3 });
            // The wall's clustering (cluster-layer.ts): supercluster at the same radius and zooms,
            // the view and half a view around it drawn, nothing drawn again while a pan stays inside.
            const index = new Supercluster({ minZoom: 9, maxZoom: 16, extent: 256, radius: Math.round(Math.max(60, v.letterPx * 3.2)) });
            index.load(pts.map((p: any) => ({ type: 'Feature', properties: p, geometry: { type: 'Point', coordinates: [p.lng, p.lat] } })));
            const group = L.layerGroup().addTo(map);
            let area: any = null;
            let zoom = -1;
            const draw = (): void => {
              const z = Math.max(9, Math.round(map.getZoom()));
              if (area && z === zoom && area.contains(map.getBounds())) return;
              area = map.getBounds().pad(0.5);
              zoom = z;
              group.clearLayers();
              for (const c of index.getClusters([area.getWest(), area.getSouth(), area.getEast(), area.getNorth()], z)) {
                const [lng, lat] = c.geometry.coordinates;
                if (!c.properties.cluster) {
                  (marker(L, renderer, c.properties, style) as any).addTo(group);
                  continue;
                }
                const n = c.properties.point_count;
                const size = Math.round(v.letterPx * (String(n).length <= 2 ? 2.2 : 0.8 * String(n).length + 0.7));
                L.marker([lat, lng], { icon: L.divIcon({ className: 'bare-cluster', html: `<span>${n}</span>`, iconSize: L.point(size, size) }) }).addTo(group);
              }
            };
            map.on('moveend', draw);
            draw();
            (window as any).__bareIndex = index;
            (window as any).__bareGroup = group;
            done(Math.round(performance.now() - t0));
          }),
        {
          pts: points,
          v: view,
          style: { colours: { red: '#ff3333', orange: '#ff8a00', yellow: '#ffe100', blue: '#4d94ff' }, radius: { red: 9, orange: 8, yellow: 6, blue: 5 } },
        },
      );
      await bare.waitForTimeout(1000);
      // The baseline is fair only if it holds every feature, clustered as on the wall at the same zoom.
      const bareHolds = await bare.evaluate(() => {
        const L = (window as any).L;
        let clusters = 0;
        (window as any).__bareGroup.eachLayer((l: any) => {
          if (l instanceof L.Marker) clusters++;
        });
        // Every point is in the index: the counts of the least zoom's clusters over the whole world add up to it.
        const all = (window as any).__bareIndex.getClusters([-180, -85, 180, 85], 9) as { properties: { point_count?: number } }[];
        const features = all.reduce((n, c) => n + (c.properties.point_count ?? 1), 0);
        return { features, clusters, zoom: (window as any).__bareMap.getZoom() as number };
      });
      const bareRuns = await closedAfterPans(bare);
      const wallFps = median(wallRuns);
      const bareFps = median(bareRuns);
      print({
        bench: 'wall',
        case: '4k-pan-fps',
        bareFeatures: bareHolds.features,
        bareClustersDrawn: bareHolds.clusters,
        zoom: { wall: view.zoom, bare: bareHolds.zoom },
        viewport: [UHD.width, UHD.height],
        features: FEATURES_4K,
        clustered: true,
        mapPx: [Math.round(mapBox.width), Math.round(mapBox.height)],
        panMs: PAN_MS,
        wallFps,
        bareLeafletFps: bareFps,
        bareClusterLoadMs: bareLoadMs,
        wallRuns,
        bareRuns,
        ratio: Math.round((wallFps / bareFps) * 1000) / 1000,
        target: 0.9,
        pass: wallFps >= 0.9 * bareFps,
        ...machine(),
      });
      print({
        bench: 'wall',
        case: '4k-pan-fps-diagnostics',
        note: 'not targets: the 4K wall idle, and panned with its 9 videos paused, then with the camera cell hidden',
        wallIdleFps: wallIdle,
        wallVideosPausedFps: median(pausedRuns),
        wallVideosPausedRuns: pausedRuns,
        ratioVideosPaused: Math.round((median(pausedRuns) / bareFps) * 1000) / 1000,
        wallCamerasHiddenFps: median(hiddenRuns),
        wallCamerasHiddenRuns: hiddenRuns,
        ratioCamerasHidden: Math.round((median(hiddenRuns) / bareFps) * 1000) / 1000,
        ...machine(),
      });
    }

    if (CASES.has('four')) {
      // ---- four displays of one wall PC in one browser, started at once ---------------------
      const context = await browser.newContext({ viewport: UHD });
      const pages = await Promise.all([0, 1, 2, 3].map(() => context.newPage()));
      const loads = await Promise.all(pages.map((p, d) => loadWall(p, url(d), probe, 180_000)));
      const froms = await Promise.all(pages.map((p) => p.evaluate(() => performance.now())));
      await new Promise((r) => setTimeout(r, WINDOW_4K_S * 1000));
      const after = await Promise.all(pages.map((p, d) => longTasksSince(p, froms[d])));
      print({
        bench: 'wall',
        case: '4k-four-displays',
        viewport: [UHD.width, UHD.height],
        presets: presets.map((p) => `${p[0]} (${p[1]})`),
        ttiMs: loads.map((l) => l.ttiMs),
        readyMs: loads.map((l) => l.readyMs),
        windowS: WINDOW_4K_S,
        longestTaskAfterLoadMs: after.map((a) => a.longest),
        tasksOver50msAfterLoad: after.map((a) => a.over50),
        targetTtiMs: 3000,
        targetLongTaskMs: 50,
        pass: loads.every((l) => l.ttiMs <= 3000) && after.every((a) => a.over50 === 0),
        ...machine(),
      });
      await context.close();
    }
  } finally {
    await hub.close();
    await core.close();
    tmp.remove();
  }
}
