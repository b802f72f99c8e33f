// A wall never shows old data as if it were live (issue 17): with the hub gone, every data panel
// is dimmed and says since when within 5 s, its size unchanged; when the hub is back, every panel is
// current again.
import { expect, test } from '@playwright/test';
import { standardLayout } from '@contract/layouts';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { connect } from '../support/rpc-socket';
import { tempDir } from '../support/temp-dir';

const tmp = tempDir('cw-e2e-stale-');
let hub: HubProcess;

test.beforeAll(async () => {
  hub = await startHubProcess(tmp.dir, { extraArgs: ['--demo'] });
});
test.afterAll(async () => {
  await hub?.stop();
  tmp.remove();
});

/** Every panel that shows data from the hub, in one 3×3 preset. */
const DATA_PANELS = ['map', 'duty-log', 'duty-now', 'plan-overview', 'plan-responses', 'power', 'stats', 'warnings', 'this-centre'];

test('with the hub gone every data panel says since when within 5 s, and is current again when it is back', async ({ page }) => {
  const sock = await connect(`ws://127.0.0.1:${hub.port}/rpc?token=${hub.token}`);
  const preset = { id: 'all-data', name: '全部数据', layout: standardLayout('3x3'), cells: DATA_PANELS };
  expect((await sock.call('wall.savePreset', { preset })).error).toBeUndefined();
  expect((await sock.call('wall.activate', { display: 0, presetId: 'all-data' })).error).toBeUndefined();
  sock.close();

  await page.goto(`${hub.origin}/?token=${hub.token}&view=wall&display=0`);
  await expect(page.getByTestId('wall')).toHaveAttribute('data-preset', 'all-data');
  const cells = page.getByTestId('wall-cell');
  await expect(cells).toHaveCount(DATA_PANELS.length);
  for (const panel of DATA_PANELS) await expect(page.locator(`[data-panel="${panel}"]`), panel).toHaveAttribute('data-stale', 'false', { timeout: 15_000 });
  await expect(page.getByTestId('cell-stale')).toHaveCount(0);

  // The "数据截至" mark never changes a panel's size: a panel laid out again is a 4K map's two
  // canvases drawn again (the mark once made the title 4 px taller).
  const bodies = () => page.locator('.cell-body').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
  const sizesLive = await bodies();
  const mapLive = (await page.getByTestId('map-leaflet').boundingBox())!;

  const { port } = hub;
  const stoppedAt = Date.now();
  await hub.stop('SIGKILL'); // gone, as a crash or a cut link leaves it
  for (const panel of DATA_PANELS) await expect(page.locator(`[data-panel="${panel}"]`), panel).toHaveAttribute('data-stale', 'true', { timeout: 5_000 });
  const markedWithin = Date.now() - stoppedAt;
  console.log(`[latency] hub stopped → every data panel marked stale: ${markedWithin} ms`);
  expect(markedWithin).toBeLessThanOrEqual(5_000);
  await expect(page.getByTestId('cell-stale')).toHaveCount(DATA_PANELS.length);
  for (const text of await page.getByTestId('cell-stale').allInnerTexts()) expect(text).toMatch(/^数据截至 \d{2}:\d{2}:\d{2}$/);
  expect(await bodies()).toEqual(sizesLive);
  expect((await page.getByTestId('map-leaflet').boundingBox())!.height).toBe(mapLive.height);
  await page.screenshot({ path: 'test-results/screenshots/wall-stale.png' });

  hub = await startHubProcess(tmp.dir, { port, token: hub.token });
  for (const panel of DATA_PANELS) await expect(page.locator(`[data-panel="${panel}"]`), panel).toHaveAttribute('data-stale', 'false', { timeout: 20_000 });
  await expect(page.getByTestId('cell-stale')).toHaveCount(0);
});
