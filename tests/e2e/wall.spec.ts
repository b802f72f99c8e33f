// The wall in Debian's Chromium against the built hub: layouts, presets, persistence across
// reloads and restarts, live updates between pages, and the token check.
import { expect, test, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/temp-dir';

const shots = 'test-results/screenshots';
let hub: HubProcess;
const tmp = tempDir('cw-e2e-');

test.beforeAll(async () => {
  hub = await startHubProcess(tmp.dir);
});
test.afterAll(async () => {
  await hub?.stop();
  tmp.remove();
});

const wallUrl = (display = 0) => `${hub.origin}/?token=${hub.token}&view=wall&display=${display}`;
const consoleUrl = () => `${hub.origin}/?token=${hub.token}&view=console&tab=wall`;

async function cellPanels(page: Page): Promise<string[]> {
  return page.getByTestId('wall-cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-panel') ?? ''));
}

test('the wall shows the default preset with a live Beijing clock', async ({ page }) => {
  await page.goto(wallUrl());
  await expect(page.getByTestId('wall')).toHaveAttribute('data-preset', 'overview');
  await expect(page.getByTestId('wall')).toHaveAttribute('data-layout', '1+5');
  await expect(page.getByTestId('wall-cell')).toHaveCount(6);
  // The default preset is a command picture: the map in the large cell, no empty cell.
  expect(await cellPanels(page)).toEqual(['map', 'duty-now', 'warnings', 'plan-responses', 'power', 'duty-log']);
  await expect(page.getByTestId('cell-empty')).toHaveCount(0);
  await expect(page.getByTestId('clock').first()).toHaveText(/\d{2}:\d{2}:\d{2}/);
  await expect(page.getByTestId('wall-header')).toContainText('越秀区应急指挥中心');
  await page.screenshot({ path: `${shots}/wall-default.png` });
});

test('switching layouts and presets from the console shows on the wall live and survives reload and restart', async ({ browser }) => {
  const wall = await browser.newPage();
  await wall.goto(wallUrl());
  await expect(wall.getByTestId('wall')).toHaveAttribute('data-preset', 'overview');

  const desk = await browser.newPage({ viewport: { width: 1280, height: 860 } });
  await desk.goto(consoleUrl());
  await expect(desk.getByTestId('console')).toBeVisible();

  // Switch display 1 (index 0) to the built-in 2×2 preset.
  await desk.getByTestId('display-select').selectOption('0');
  await desk.getByTestId('preset-select').selectOption('quad');
  await desk.getByTestId('activate-preset').click();
  const t0 = Date.now();
  await expect(wall.getByTestId('wall')).toHaveAttribute('data-layout', '2x2', { timeout: 2000 });
  expect(Date.now() - t0).toBeLessThan(1500);

  // Make a 3×3 preset with the centre panel in the middle, and show it.
  await desk.getByTestId('new-preset').click();
  await desk.getByTestId('preset-name').fill('九宫格');
  await desk.getByTestId('preset-id').fill('nine');
  await desk.getByTestId('layout-select').selectOption('3x3');
  await desk.getByTestId('cell-panel-4').selectOption('this-centre');
  await desk.getByTestId('cell-panel-0').selectOption('clock-status');
  await desk.getByTestId('save-preset').click();
  await expect(desk.getByTestId('preset-select')).toContainText('九宫格');
  await desk.getByTestId('preset-select').selectOption('nine');
  await desk.getByTestId('activate-preset').click();
  await expect(wall.getByTestId('wall')).toHaveAttribute('data-layout', '3x3');
  await expect(wall.getByTestId('wall-cell')).toHaveCount(9);
  expect((await cellPanels(wall))[4]).toBe('this-centre');
  await desk.screenshot({ path: `${shots}/console.png` });
  await wall.screenshot({ path: `${shots}/wall-3x3.png` });

  // The other layouts draw the right number of cells.
  for (const [layout, cells] of [
    ['4x4', 16],
    ['1+5', 6],
    ['2+8', 10],
    ['1x1', 1],
  ] as const) {
    await desk.getByTestId('layout-select').selectOption(layout);
    await desk.getByTestId('save-preset').click();
    await expect(wall.getByTestId('wall')).toHaveAttribute('data-layout', layout);
    await expect(wall.getByTestId('wall-cell')).toHaveCount(cells);
  }
  await desk.getByTestId('layout-select').selectOption('3x3');
  await desk.getByTestId('cell-panel-4').selectOption('this-centre');
  await desk.getByTestId('save-preset').click();
  await expect(wall.getByTestId('wall')).toHaveAttribute('data-layout', '3x3');

  // Reload: the preset is kept.
  await wall.reload();
  await expect(wall.getByTestId('wall')).toHaveAttribute('data-layout', '3x3');
  expect((await cellPanels(wall))[4]).toBe('this-centre');

  // Restart the hub on the same data and port: still kept.
  const port = hub.port;
  await hub.stop();
  hub = await startHubProcess(tmp.dir, { port });
  await wall.reload();
  await expect(wall.getByTestId('wall')).toHaveAttribute('data-layout', '3x3');
  await wall.screenshot({ path: `${shots}/wall-after-restart.png` });
});

test('the language switch turns the wall to English and back', async ({ browser }) => {
  const wall = await browser.newPage();
  await wall.goto(wallUrl());
  const desk = await browser.newPage();
  await desk.goto(consoleUrl());
  await desk.getByTestId('language-toggle').click();
  await expect(wall.getByTestId('wall-header')).toContainText('Yuexiu', { timeout: 2000 });
  await wall.screenshot({ path: `${shots}/wall-english.png` });
  await desk.getByTestId('language-toggle').click();
  await expect(wall.getByTestId('wall-header')).toContainText('越秀区应急指挥中心');
});

test('a connection without the token is refused', async ({ page }) => {
  const res = await page.request.get(`${hub.origin}/`, { failOnStatusCode: false });
  expect(res.status()).toBe(401);
  const health = await page.request.get(`${hub.origin}/healthz`);
  expect(health.status()).toBe(200);
  const status = await new Promise<number | string>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${hub.port}/rpc`);
    ws.on('unexpected-response', (_req, r) => resolve(r.statusCode ?? 0));
    ws.on('open', () => resolve('open'));
    ws.on('error', () => resolve('error'));
  });
  expect(status).toBe(401);
  // A browser page opened without the token gets no wall.
  await page.goto(`${hub.origin}/?view=wall`);
  await expect(page.getByTestId('wall')).toHaveCount(0);
});
