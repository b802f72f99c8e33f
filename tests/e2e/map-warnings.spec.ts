// Warnings in Chromium against the built hub, no network: a CAP 1.2 file imported on the console
// raises a warning on the wall's header with its sound (WebAudio, started and running), shows on
// the warnings panel, and a raise sounds again while a lift is quiet. The wall's Chromium runs
// with the autoplay policy a wall has (Electron allows sound without a click).
import { expect, test, type Page } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config';
import { capXml } from '../unit/warnings/cap-fixture';
import { hubForSpec, offline, shots } from './map-support';

test.use({
  launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'] },
});

const spec = hubForSpec('warn', '2x2', ['warnings', 'map', null, null], { demo: false });

async function importCap(desk: Page, name: string, xml: string): Promise<void> {
  await desk.getByTestId('cap-file').setInputFiles({ name, mimeType: 'application/xml', buffer: Buffer.from(xml) });
  await desk.getByTestId('cap-import-run').click();
  await expect(desk.getByTestId('cap-import-done')).toBeVisible();
}

test('a CAP file raises a warning on the wall with its sound', async ({ browser }) => {
  const wall = await browser.newPage();
  const outside = await offline(wall, spec.hub.origin);
  await wall.goto(`${spec.hub.origin}/?token=${spec.hub.token}&view=wall&display=0`);
  const slot = wall.getByTestId('slot-warnings');
  await expect(slot).toHaveAttribute('data-active', '0');
  await expect(wall.getByTestId('warnings-none')).toBeVisible();
  await expect(slot).toHaveAttribute('data-sound-count', '0');

  const desk = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await desk.goto(`${spec.hub.origin}/?token=${spec.hub.token}&view=console&tab=warnings`);
  await importCap(desk, 'rainstorm-yellow.xml', capXml({ identifier: 'GZ-E2E-1', event: '暴雨黄色预警信号' }));
  await expect(desk.getByTestId('cap-outcomes')).toContainText('GZ-E2E-1');

  await expect(slot).toHaveAttribute('data-active', '1');
  await expect(wall.getByTestId('header-signal')).toHaveAttribute('data-type', 'rainstorm');
  await expect(wall.getByTestId('header-signal')).toHaveAttribute('data-level', 'yellow');
  await expect(slot).toHaveAttribute('data-sound-count', '1');
  await expect(slot).toHaveAttribute('data-audio-state', 'running');
  await expect(wall.getByTestId('warning-active')).toHaveAttribute('data-level', 'yellow');
  await wall.screenshot({ path: `${shots}/warnings-wall-yellow.png` });

  // Raised to orange: it sounds again.
  await importCap(
    desk,
    'rainstorm-orange.xml',
    capXml({ identifier: 'GZ-E2E-2', event: '暴雨橙色预警信号', msgType: 'Update', sent: '2025-06-01T09:30:00+08:00' }),
  );
  await expect(wall.getByTestId('header-signal')).toHaveAttribute('data-level', 'orange');
  await expect(slot).toHaveAttribute('data-sound-count', '2');
  await expect(slot).toHaveAttribute('data-sound-level', 'orange');
  await expect(wall.getByTestId('warning-history-row').first()).toContainText('升级');
  await wall.screenshot({ path: `${shots}/warnings-wall-orange.png` });

  // An exercise does not sound; a lift is quiet and clears the header.
  await importCap(desk, 'drill.xml', capXml({ identifier: 'GZ-E2E-X', event: '台风红色预警信号', status: 'Exercise' }));
  await importCap(desk, 'lift.xml', capXml({ identifier: 'GZ-E2E-3', event: '暴雨预警信号', headline: '广州市气象台解除暴雨橙色预警信号' }));
  await expect(slot).toHaveAttribute('data-active', '0');
  await expect(slot).toHaveAttribute('data-sound-count', '2');
  await expect(wall.getByTestId('warning-history-row')).toHaveCount(3);
  expect(outside).toEqual([]);
});

test('a file that is not CAP 1.2 is refused with the reason', async ({ page }) => {
  await page.goto(`${spec.hub.origin}/?token=${spec.hub.token}&view=console&tab=warnings`);
  await page
    .getByTestId('cap-file')
    .setInputFiles({ name: 'evil.xml', mimeType: 'application/xml', buffer: Buffer.from('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>') });
  await page.getByTestId('cap-import-run').click();
  // Said in the page's language (the hub gives both; issue 17).
  await expect(page.getByTestId('cap-import-error')).toHaveText('evil.xml：不是格式正确的 XML 文件：第 1 行：CAP 文件中不允许 DOCTYPE 和实体声明');
});
