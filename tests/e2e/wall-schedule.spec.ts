// Presets on a schedule from the console (issue 17) in Chromium against the built hub: on the 大屏
// tab the operator gives a preset a daily window; the form checks it as typed (a window that ends
// where it starts keeps 添加时段 disabled, said under the field), the window is listed with the
// preset and kept by the hub, and removing it takes it off.
import { expect, test } from '@playwright/test';
import { hubForSpec, must } from './map-support';

const spec = hubForSpec('wall-schedule', '2x2', ['map', 'warnings', 'plan-responses', 'power'], { demo: false });

test('a preset gets a daily window on the console, checked as typed, kept by the hub, and removed', async ({ page }) => {
  page.on('pageerror', (e) => console.error(`[console page error] ${e.stack ?? e.message}`));
  await page.goto(`${spec.hub.origin}/?token=${spec.hub.token}&view=console`);
  await page.getByTestId('preset-select').selectOption('quad');
  const section = page.getByTestId('preset-schedule');
  await expect(section).toContainText('定时切换');
  await expect(section.getByTestId('schedule-none')).toBeVisible();

  await section.getByTestId('schedule-name').fill('早班交班会');
  await section.getByTestId('schedule-from').fill('08:30');
  await section.getByTestId('schedule-to').fill('08:30');
  await expect(section.getByTestId('schedule-add')).toBeDisabled();
  await expect(section.locator('.field-error')).toHaveCount(1);
  await section.getByTestId('schedule-to').fill('09:00');
  await expect(section.getByTestId('schedule-add')).toBeEnabled();
  await section.getByTestId('schedule-add').click();

  await expect(section.getByTestId('schedule-row')).toHaveCount(1);
  await expect(section.getByTestId('schedule-row')).toContainText('早班交班会');
  await expect(section.getByTestId('schedule-row')).toContainText('08:30–09:00');
  const settings = (await must(spec.sock, 'wall.get')).settings;
  expect(settings.schedules).toEqual([{ id: 's1', name: '早班交班会', presetId: 'quad', from: '08:30', to: '09:00', displays: [] }]);

  // Another preset does not list it; the night window runs past midnight and says so.
  await page.getByTestId('preset-select').selectOption('single');
  await expect(section.getByTestId('schedule-row')).toHaveCount(0);
  await section.getByTestId('schedule-name').fill('夜间');
  await section.getByTestId('schedule-from').fill('22:00');
  await section.getByTestId('schedule-to').fill('07:00');
  await section.getByTestId('schedule-add').click();
  await expect(section.getByTestId('schedule-row')).toContainText('22:00–次日 07:00');

  await section.getByTestId('schedule-remove').click();
  await expect(section.getByTestId('schedule-row')).toHaveCount(0);
  expect((await must(spec.sock, 'wall.get')).settings.schedules.map((s: { id: string }) => s.id)).toEqual(['s1']);
});
