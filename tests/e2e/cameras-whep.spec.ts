// A WebRTC (WHEP) camera on the wall: the tile posts its offer to a WHEP endpoint on another
// intranet origin, plays the picture a real WebRTC peer sends, shows "stalled" when the picture
// freezes with the connection up and when the camera dies, connects again when it is back, and
// ends its session (DELETE) when the source is removed.
// No network but the hub and the camera, both on loopback.
import { expect, test } from '@playwright/test';
import { startWhepEndpoint, type WhepEndpoint } from '../support/whep-endpoint';
import { hubForSpec, must, offline, shots } from './map-support';

const spec = hubForSpec('whep', '1x1', ['cameras'], { demo: false });
let whep: WhepEndpoint;

test.beforeAll(async () => {
  whep = await startWhepEndpoint();
  await must(spec.sock, 'cameras.saveSource', { source: { id: 'cam-whep', name: '解放北路（WHEP 测试画面）', kind: 'whep', url: whep.url('cam-whep') } });
});
test.afterAll(async () => {
  await whep?.stop();
});

/** Video frames the page presented in one second (the picture moving, not just a clock). */
function framesPerSecond(video: HTMLVideoElement): Promise<number> {
  return new Promise((done) => {
    let frames = 0;
    const t0 = performance.now();
    const count = (): void => {
      frames++;
      if (performance.now() - t0 < 1000) video.requestVideoFrameCallback(count);
      else done(frames);
    };
    video.requestVideoFrameCallback(count);
    setTimeout(() => done(frames), 1500);
  });
}

test('a WHEP camera plays, shows stalled when its picture freezes or the camera dies, reconnects, and ends its session when removed', async ({ page }) => {
  test.setTimeout(150_000);
  const outside = await offline(page, spec.hub.origin, whep.origin);
  await page.goto(`${spec.hub.origin}/?token=${spec.hub.token}&view=wall&display=0`);
  const tile = page.locator('[data-testid="camera-tile"][data-camera="cam-whep"]');
  await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 30_000 });
  await expect(tile.getByTestId('camera-state')).toHaveText('播放中');
  const video = tile.locator('video');
  expect(await video.evaluate((v: HTMLVideoElement) => ({ w: v.videoWidth, h: v.videoHeight }))).toEqual({ w: 320, h: 240 });
  expect(await video.evaluate(framesPerSecond)).toBeGreaterThan(5);
  expect(whep.offers).toBe(1);
  await page.screenshot({ path: `${shots}/cameras-whep-playing.png` });

  // The picture freezes while the connection holds: a still picture must not pass for live.
  await whep.freeze(true);
  await expect(tile).toHaveAttribute('data-state', 'stalled', { timeout: 15_000 });
  await whep.freeze(false);
  await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 40_000 });

  // The camera dies: its peer closes every session and refuses new offers.
  await whep.cut();
  await expect(tile).toHaveAttribute('data-state', 'stalled', { timeout: 20_000 });
  await expect(tile.getByTestId('camera-state')).toHaveText('画面中断');
  expect(await video.evaluate(framesPerSecond)).toBe(0);

  // Back: the tile's next retry offers again and plays.
  whep.restore();
  await expect(tile).toHaveAttribute('data-state', 'playing', { timeout: 60_000 });
  expect(whep.offers).toBeGreaterThanOrEqual(2);
  // The sessions left behind were ended, by the camera or by the tile: only the live one is open.
  expect(await whep.openSessions()).toBe(1);

  // Removed from the sources: the tile ends its live session at the endpoint instead of leaving it
  // open. (Earlier DELETEs, of sessions the tile left when it reconnected, depend on timing.)
  const live = `/whep/cam-whep/sessions/s${whep.offers}`;
  const deletedBefore = whep.deleted.length;
  await must(spec.sock, 'cameras.removeSource', { id: 'cam-whep' });
  await expect(tile).toHaveCount(0);
  await expect.poll(() => whep.deleted.slice(deletedBefore), { timeout: 10_000 }).toEqual([live]);
  await expect.poll(() => whep.openSessions(), { timeout: 10_000 }).toBe(0);
  expect(outside).toEqual([]);
});
