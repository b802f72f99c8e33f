// A camera tile in Chromium plays a local HLS stream that ffmpeg makes from a test pattern into
// the hub's media folder, shows "stalled" when ffmpeg dies, and plays again when it is back.
// A source with no stream goes stalled on its own. No network but the hub.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import type { TestSocket } from '../support/rpc-socket';
import { tempDir } from '../support/temp-dir';
import { must, offline, rpc, shots, showOnWall } from './map-support';

let hub: HubProcess;
let sock: TestSocket;
let ffmpeg: ChildProcess | null = null;
// Made in beforeAll: Playwright also loads this file in processes that run no test.
let tmp: ReturnType<typeof tempDir>;
const mediaDir = (): string => join(tmp.dir, 'media', 'cam1');

/** A live HLS stream of ffmpeg's test pattern: 1 s segments, a sliding playlist, no end tag. */
function startFfmpeg(): ChildProcess {
  mkdirSync(mediaDir(), { recursive: true });
  // prettier-ignore
  const child = spawn('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-re', '-f', 'lavfi', '-i', 'testsrc=size=640x360:rate=25',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p', '-g', '25',
    '-f', 'hls', '-hls_time', '1', '-hls_list_size', '6', '-hls_flags', 'delete_segments+omit_endlist',
    '-hls_start_number_source', 'epoch', join(mediaDir(), 'index.m3u8'),
  ], { stdio: ['ignore', 'ignore', 'inherit'] });
  return child;
}

function stopFfmpeg(): Promise<void> {
  const child = ffmpeg;
  ffmpeg = null;
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    child.once('exit', () => done());
    // An encoder that dies, not one that says goodbye: no final playlist is written.
    child.kill('SIGKILL');
  });
}

test.beforeAll(async () => {
  tmp = tempDir('cw-e2e-cam-');
  hub = await startHubProcess(tmp.dir);
  sock = await rpc(hub);
  await must(sock, 'cameras.saveSource', { source: { id: 'cam1', name: '越秀公园（测试画面）', kind: 'hls', url: '/media/cam1/index.m3u8' } });
  await must(sock, 'cameras.saveSource', { source: { id: 'cam2', name: '无信号测试', kind: 'hls', url: '/media/none/index.m3u8' } });
  await showOnWall(sock, 'cams', '1x1', ['cameras']);
});
test.afterAll(async () => {
  await stopFfmpeg();
  sock?.close();
  await hub?.stop();
  tmp?.remove();
});

test('a camera tile plays the local HLS stream, shows stalled when ffmpeg stops, and recovers', async ({ page }) => {
  test.setTimeout(150_000);
  ffmpeg = startFfmpeg();
  const outside = await offline(page, hub.origin);
  await page.goto(`${hub.origin}/?token=${hub.token}&view=wall&display=0`);
  const tile = page.locator('[data-testid="camera-tile"][data-camera="cam1"]');
  await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 40_000 });
  const video = await tile.locator('video').evaluate((v: HTMLVideoElement) => ({ w: v.videoWidth, h: v.videoHeight, t: v.currentTime }));
  expect(video).toMatchObject({ w: 640, h: 360 });
  expect(video.t).toBeGreaterThan(0);
  await expect(tile.getByTestId('camera-state')).toHaveText('播放中');
  const dead = page.locator('[data-testid="camera-tile"][data-camera="cam2"]');
  await expect(dead).toHaveAttribute('data-state', 'stalled', { timeout: 20_000 });
  await page.screenshot({ path: `${shots}/cameras-playing.png` });

  await stopFfmpeg();
  await expect(tile).toHaveAttribute('data-state', 'stalled', { timeout: 20_000 });
  await expect(tile.getByTestId('camera-state')).toHaveText('画面中断');
  await page.screenshot({ path: `${shots}/cameras-stalled.png` });

  ffmpeg = startFfmpeg();
  await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 60_000 });
  expect(outside).toEqual([]);
});
