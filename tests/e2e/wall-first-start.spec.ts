// The first wall (issue 17) in Chromium against the built hub: an empty store shows 综合态势 as a
// command picture (the map large, duty, warnings, responses, power, the log) with no empty cell and
// no set-up hint; and panels that speak of the same thing never contradict each other: with the
// demo set's active 三防 response and no signal in force, the warnings panel names the response and
// shows no green "no warning"; with the power state unknown, no green "no power alarms".
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/temp-dir';
import { shots } from './map-support';

/** base.css --ok (#3ddc84) as the browser computes it. */
const GREEN = 'rgb(61, 220, 132)';
const OVERVIEW = ['map', 'duty-now', 'warnings', 'plan-responses', 'power', 'duty-log'];

const wallUrl = (hub: HubProcess): string => `${hub.origin}/?token=${hub.token}&view=wall&display=0`;

/** The computed colours of every element in `root` that holds text of its own (not only children's). */
function textColours(root: Locator): Promise<{ text: string; colour: string }[]> {
  return root.evaluate((el) => {
    const out: { text: string; colour: string }[] = [];
    for (const e of [el, ...el.querySelectorAll('*')]) {
      const own = [...e.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      if (own) out.push({ text: own, colour: getComputedStyle(e).color });
    }
    return out;
  });
}

async function openWall(page: Page, hub: HubProcess): Promise<void> {
  page.on('pageerror', (e) => console.error(`[page error] ${e.stack ?? e.message}`));
  await page.goto(wallUrl(hub));
  await expect(page.getByTestId('wall')).toHaveAttribute('data-preset', 'overview');
}

test.describe('an empty store (no --demo)', () => {
  let hub: HubProcess;
  let tmp: ReturnType<typeof tempDir>;
  test.beforeAll(async () => {
    tmp = tempDir('cw-e2e-first-');
    hub = await startHubProcess(tmp.dir);
  });
  test.afterAll(async () => {
    await hub?.stop();
    tmp?.remove();
  });

  test('shows 综合态势 with a panel in every cell, the map in the large one', async ({ browser }) => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await openWall(page, hub);
    await expect(page.getByTestId('wall')).toHaveAttribute('data-layout', '1+5');
    await expect(page.getByTestId('wall-cell')).toHaveCount(6);
    const cells = await page.getByTestId('wall-cell').evaluateAll((els) => els.map((c) => c.getAttribute('data-panel') ?? ''));
    expect(cells).toEqual(OVERVIEW);
    await expect(page.getByTestId('cell-empty')).toHaveCount(0);
    await expect(page.getByTestId('cell-unknown')).toHaveCount(0);
    await expect(page.getByTestId('cell-crashed')).toHaveCount(0);
    // The large cell (2×2 of the 3×3) is the map, and the biggest cell on the wall.
    const boxes = await page.getByTestId('wall-cell').evaluateAll((els) => els.map((c) => c.getBoundingClientRect().width * c.getBoundingClientRect().height));
    expect(Math.max(...boxes)).toBe(boxes[0]);
    await expect(page.getByTestId('warnings-panel')).toBeVisible();
    await expect(page.getByTestId('power-panel')).toBeVisible();

    // No set-up hint where the hall cannot act on it.
    await expect(page.getByTestId('warnings-panel')).not.toContainText('控制台');
    await expect(page.getByTestId('power-panel')).not.toContainText('控制台');

    // No power source yet: the state is unknown, so no green "no power alarms", a grey word instead.
    await expect(page.getByTestId('power-state')).toHaveAttribute('data-state', 'UNKNOWN');
    const head = page.getByTestId('power-alarms-head');
    await expect(head).toHaveText('状态未知，无法判断告警');
    await expect(page.getByTestId('power-panel')).not.toContainText('无供电告警');
    expect(await head.evaluate((e) => getComputedStyle(e).color)).not.toBe(GREEN);
    // No feed set up: "no warning signal" is not a reassurance either, so it is not green.
    await expect(page.getByTestId('warnings-none')).toHaveAttribute('data-tone', 'unknown');
    expect(await page.getByTestId('warnings-none').evaluate((e) => getComputedStyle(e).color)).not.toBe(GREEN);
    await page.screenshot({ path: `${shots}/wall-first-start.png` });
    await page.close();
  });
});

test.describe('the demo set, with its active 三防 response', () => {
  let hub: HubProcess;
  let tmp: ReturnType<typeof tempDir>;
  test.beforeAll(async () => {
    tmp = tempDir('cw-e2e-first-demo-');
    hub = await startHubProcess(tmp.dir, { extraArgs: ['--demo'] });
  });
  test.afterAll(async () => {
    await hub?.stop();
    tmp?.remove();
  });

  test('the warnings panel shows no green "no warning" beside the response, and names its level', async ({ browser }) => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await openWall(page, hub);
    await expect(page.getByTestId('cell-empty')).toHaveCount(0);
    const panel = page.getByTestId('warnings-panel');
    await expect(panel).toBeVisible();
    // The same response as the plan-responses panel: Ⅲ, in the warnings panel too.
    await expect(page.getByTestId('plan-response').first()).toHaveAttribute('data-level', 'III');
    await expect(panel.getByTestId('sanfang-level')).toHaveAttribute('data-level', 'III');
    await expect(page.getByTestId('slot-warnings')).toHaveAttribute('data-active', '0');

    const none = panel.getByTestId('warnings-none');
    await expect(none).toHaveAttribute('data-tone', 'response');
    await expect(none).toHaveText('无生效预警信号 · 三防Ⅲ级响应中');
    await expect(panel).not.toContainText('当前无生效预警信号');
    const green = (await textColours(panel)).filter((t) => t.colour === GREEN);
    expect(green, 'green text in the warnings panel').toEqual([]);
    await page.screenshot({ path: `${shots}/wall-first-start-demo.png` });
    await page.close();
  });
});
