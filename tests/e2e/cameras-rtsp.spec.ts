// An RTSP camera on the wall through the hub's media engine: a real RTSP source (ffmpeg publishing a
// test pattern to Debian's rtsp-server-perl on loopback), a real Janus started by the hub
// (`--janus`), and the wall's tile in Chromium doing the WebRTC handshake through the hub
// (cameras.watch / answerWatch). The tile plays within 2 s of starting, says stalled within 3 s of
// the source stopping, and plays again when it is back. Nothing but the hub is reached by the page.
import { existsSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import type { TestSocket } from '../support/rpc-socket';
import { tempDir } from '../support/temp-dir';
import { rtspSourceMissing, startRtspSource, type RtspSource } from '../unit/media/rtsp-source';
import { must, offline, rpc, shots, showOnWall } from './map-support';

const missing = existsSync('/usr/bin/janus') ? rtspSourceMissing() : '/usr/bin/janus is not installed';
const PASSWORD = 'cam-secret-771';

let tmp: ReturnType<typeof tempDir>;
let hub: HubProcess;
let sock: TestSocket;
let rtsp: RtspSource;

async function until<T>(get: () => Promise<T>, ok: (v: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await get();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out: last ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// Janus and the RTSP server are system packages (scripts/system-packages.mjs installs them before
// `npm test`): without them this test fails, naming what is missing, rather than skipping.
test.beforeAll(() => {
  if (missing !== null) throw new Error(`the RTSP camera test needs ${missing} (run node scripts/check-system.mjs as root)`);
});

test.beforeAll(async () => {
  test.setTimeout(60_000);
  rtsp = await startRtspSource('cam1');
  tmp = tempDir('cw-e2e-rtsp-');
  hub = await startHubProcess(tmp.dir, { extraArgs: ['--janus'] });
  sock = await rpc(hub);
  await until(
    () => must(sock, 'media.getHealth'),
    (h) => h.state === 'running',
    20_000,
  );
  await must(sock, 'cameras.saveSource', {
    source: { id: 'cam-rtsp', name: '解放北路（RTSP 测试画面）', kind: 'rtsp', url: rtsp.url, user: 'viewer', password: PASSWORD },
  });
  // The camera has described its stream to Janus: a viewer can be offered its picture.
  const offer = await until(
    () => sock.call('cameras.watch', { id: 'cam-rtsp' }),
    (r) => !r.error,
    20_000,
  );
  await must(sock, 'cameras.stopWatch', { watchId: offer.result.watchId });
  await showOnWall(sock, 'rtsp', '1x1', ['cameras']);
});
test.afterAll(async () => {
  sock?.close();
  await hub?.stop();
  await rtsp?.stop();
  tmp?.remove();
});

test('an RTSP camera plays through Janus within 2 s of its tile starting, shows stalled within 3 s of the source stopping, and plays again', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // When the tile mounted and each state it showed, by the page's clock (the same machine's).
  await page.addInitScript(() => {
    const w = window as unknown as { rtsp: { mounted: number | null; states: [string, number][] } };
    w.rtsp = { mounted: null, states: [] };
    new MutationObserver(() => {
      const tile = document.querySelector('[data-testid="camera-tile"][data-camera="cam-rtsp"]');
      if (!tile) return;
      w.rtsp.mounted ??= Date.now();
      const s = tile.getAttribute('data-state')!;
      if (w.rtsp.states.at(-1)?.[0] !== s) w.rtsp.states.push([s, Date.now()]);
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  });
  const times = () => page.evaluate(() => (window as unknown as { rtsp: { mounted: number | null; states: [string, number][] } }).rtsp);
  const outside = await offline(page, hub.origin);
  await page.goto(`${hub.origin}/?token=${hub.token}&view=wall&display=0`);
  const tile = page.locator('[data-testid="camera-tile"][data-camera="cam-rtsp"]');
  await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 15_000 });
  let t = await times();
  const playingAt = t.states.find(([s]) => s === 'playing')![1];
  // The tile starts its player once the wall page is idle (CameraTile: at most 3 s after it mounts);
  // from then on: the offer through the hub, the answer, the first frame, the tile saying 播放中.
  const marks = await page.evaluate(() =>
    Object.fromEntries(
      ['start', 'offer', 'gathered', 'answered', 'frame'].map((m) => [
        m,
        performance.getEntriesByName(`cw.camera.cam-rtsp.${m}`, 'mark')[0]?.startTime ?? null,
      ]),
    ),
  );
  const origin = await page.evaluate(() => performance.timeOrigin);
  const startMs = playingAt - (origin + marks.start!);
  console.log(
    `[rtsp] tile mounted → player started ${Math.round(origin + marks.start! - t.mounted!)} ms; started → offer ${Math.round(marks.offer! - marks.start!)} ms, ` +
      `answer gathered ${Math.round(marks.gathered! - marks.start!)} ms, answered ${Math.round(marks.answered! - marks.start!)} ms, first frame ${Math.round(marks.frame! - marks.start!)} ms, 播放中 ${Math.round(startMs)} ms`,
  );
  expect(startMs).toBeLessThanOrEqual(2000);
  await expect(tile.getByTestId('camera-state')).toHaveText('播放中');
  const video = tile.locator('video');
  expect(await video.evaluate((v: HTMLVideoElement) => ({ w: v.videoWidth, h: v.videoHeight }))).toEqual({ w: 320, h: 240 });
  await page.screenshot({ path: `${shots}/cameras-rtsp-playing.png` });

  // The camera stops sending.
  const stoppedAt = Date.now();
  await rtsp.stopSource();
  await expect(tile).toHaveAttribute('data-state', 'stalled', { timeout: 10_000 });
  t = await times();
  const stalledMs = t.states.filter(([s, at]) => s === 'stalled' && at >= stoppedAt)[0][1] - stoppedAt;
  console.log(`[rtsp] stalled ${stalledMs} ms after the source stopped`);
  expect(stalledMs).toBeLessThanOrEqual(3000);
  await expect(tile.getByTestId('camera-state')).toHaveText('画面中断');

  // Back: the picture returns (Janus reconnects to the camera; the tile retries by itself).
  const backAt = Date.now();
  await rtsp.startSource();
  await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 60_000 });
  console.log(`[rtsp] playing again ${Date.now() - backAt} ms after the source came back`);

  // The page never saw the camera's password, and reached nothing but the hub.
  expect(await page.content()).not.toContain(PASSWORD);
  expect(JSON.stringify(await must(sock, 'cameras.get'))).not.toContain(PASSWORD);
  expect(outside).toEqual([]);
  const health = await must(sock, 'media.getHealth');
  expect(health).toMatchObject({ state: 'running', mountpoints: { ready: 1, wanted: 1 } });
});
