// Presets on a schedule from the console (issue 17) in Chromium against the built hub: on the 大屏
// tab the operator gives a preset a daily window; the form checks it as typed (a window that ends
// where it starts keeps 添加时段 disabled, said under the field), the window is listed with the
// preset and kept by the hub, and removing it takes it off.
import { expect, test } from '@playwright/test';
import { hubForSpec, must } from './map-support';

const spec = hubForSpec('wall-schedule', '2x2', ['map', 'warnings', 'plan-responses', 'power'], { demo: false });

test('a preset gets a daily window on the console, checked as typed, kept by the hub, and removed', async ({ page }) => {
  page.on('pageerror', (e) => console.error(`[console page error] ${e.stack ?? e.message}`));
  await page.goto(`${spec.hub.origin}/?token=${spec.hub.token}&view=console&tab=wall`);
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

  // Removing a window asks first (ConfirmButton), naming it.
  await section.getByTestId('schedule-remove-s2').click();
  await expect(section.getByTestId('schedule-remove-s2-confirm').locator('h3')).toHaveText('删除时段「夜间」？');
  await section.getByTestId('schedule-remove-s2-confirm-yes').click();
  await expect(section.getByTestId('schedule-row')).toHaveCount(0);
  expect((await must(spec.sock, 'wall.get')).settings.schedules.map((s: { id: string }) => s.id)).toEqual(['s1']);
});

test('a display gets its own day / night rows on the 大屏 tab, checked per field in the page’s language, with what it shows now and next', async ({ page }) => {
  page.on('pageerror', (e) => console.error(`[console page error] ${e.stack ?? e.message}`));
  await page.goto(`${spec.hub.origin}/?token=${spec.hub.token}&view=console&tab=wall`);
  const section = page.getByTestId('display-schedule');
  await expect(section.getByTestId('display-schedule-none')).toBeVisible();
  const row = (n: number) => section.getByTestId('display-schedule-row').nth(n);

  await section.getByTestId('row-add').click();
  await section.getByTestId('row-add').click();
  await row(0).getByTestId('row-start').fill('07:00');
  await row(0).getByTestId('row-preset').selectOption('quad');
  await row(1).getByTestId('row-start').fill('07:00');
  await expect(row(1).locator('.field-error')).toHaveText('与另一行的开始时间相同：每行的开始时间须不同');
  await expect(section.getByTestId('display-schedule-save')).toBeDisabled();
  await expect(section.getByTestId('still-to-fix')).toContainText('第 2 行的开始（时:分）');
  // The same check in English when the page is.
  await page.getByTestId('language-toggle').click();
  await expect(row(1).locator('.field-error')).toHaveText('Another row starts at the same time: each row needs its own start');
  await page.getByTestId('language-toggle').click();

  // Night from 22:00 runs into 07:00, over the 08:30–09:00 window every display has (the test above).
  await row(1).getByTestId('row-start').fill('22:00');
  await row(1).getByTestId('row-preset').selectOption('single');
  await expect(row(0).locator('.field-error')).toContainText('早班交班会');
  await row(0).getByTestId('row-start').fill('09:00');
  await expect(row(1).locator('.field-error')).toContainText('早班交班会');
  await section.getByTestId('row-add').click();
  await row(2).getByTestId('row-kind').selectOption('off');
  await row(2).getByTestId('row-start').fill('06:00');
  await expect(section.locator('.field-error')).toHaveCount(0);
  await expect(row(1).getByTestId('row-until')).toHaveText('至 06:00');
  await section.getByTestId('display-schedule-save').click();
  await expect(section.getByTestId('display-schedule-done')).toBeVisible();

  const kept = (await must(spec.sock, 'wall.get')).settings.schedules as { id: string; from: string; to: string; displays: number[] }[];
  expect(kept.map((s) => [s.id, s.from, s.to, s.displays])).toEqual([
    ['s1', '08:30', '09:00', []],
    ['d1-day-0900', '09:00', '22:00', [0]],
    ['d1-night-2200', '22:00', '06:00', [0]],
  ]);
  // Read back in time order, the gap as an off row; the table says what display 1 does next.
  await expect(section.getByTestId('display-schedule-row')).toHaveCount(3);
  await expect(row(0).getByTestId('row-kind')).toHaveValue('off');
  const now = section.locator('[data-testid="display-now-next-row"][data-display="0"]');
  await expect(now).not.toContainText('无时间表');
  await expect(now).toContainText(/\d\d:\d\d (切换到|时段结束)/);
  await expect(section.locator('[data-testid="display-now-next-row"][data-display="1"]')).toContainText(/08:30 切换到|09:00 时段结束/);
});
