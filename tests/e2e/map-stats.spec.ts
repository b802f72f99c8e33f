// Statistics in Chromium against the built hub with the demo set, no network: Table 1 and Table 2
// charts render, Table 3 shows its 12 indicators (shelter area per person live from the map),
// and a report recorded in the duty log shows in the live counts at once.
import { expect, test } from '@playwright/test';
import { hubForSpec, must, offline, shots } from './map-support';

const spec = hubForSpec('stats', '1x1', ['stats']);

test('the charts render and the counts follow the duty log live', async ({ page }) => {
  const outside = await offline(page, spec.hub.origin);
  await page.goto(`${spec.hub.origin}/?token=${spec.hub.token}&view=wall&display=0`);
  await expect(page.getByTestId('stats-chart-table1')).toContainText('2020', { timeout: 15_000 });
  for (const id of ['stats-chart-table1', 'stats-chart-table2', 'stats-chart-live']) {
    const chart = page.getByTestId(id);
    await expect(chart).toHaveAttribute('data-rendered', 'true', { timeout: 15_000 });
    // The worker's ECharts drew it: an SVG with bars (paths) and labels, sized to its box.
    const drawn = await chart.locator('svg').evaluate((svg: SVGSVGElement) => ({
      paths: svg.querySelectorAll('path').length,
      texts: svg.querySelectorAll('text').length,
      width: svg.getBoundingClientRect().width,
    }));
    expect(drawn.paths, id).toBeGreaterThan(5);
    expect(drawn.texts, id).toBeGreaterThan(3);
    expect(drawn.width, id).toBeGreaterThan(100);
  }
  // As many as fit at the wall's type scale, those not met first, then "另有 N 项" for the rest.
  await expect(page.getByTestId('stats-indicator').first()).toBeVisible();
  const shownRows = await page.getByTestId('stats-indicator').count();
  const more = page.getByTestId('stats-indicators').locator('[data-testid="fit-more"]');
  const moreRows = (await more.count()) > 0 ? Number(await more.getAttribute('data-count')) : 0;
  expect(shownRows + moreRows).toBe(12);
  // A row shown says whether its value is live or not entered yet.
  const area = page.locator('[data-testid="stats-indicator"][data-id="shelter-area-per-person"]');
  if ((await area.count()) > 0) await expect(area).toContainText('实时');
  const training = page.locator('[data-testid="stats-indicator"][data-id="training-rate"]');
  if ((await training.count()) > 0) await expect(training).toContainText('未录入');

  const live = page.getByTestId('stats-live');
  const before = Number((await live.locator('.stats-block-title').innerText()).match(/共 (\d+) 起/)![1]);
  const [person] = (await must(spec.sock, 'duty.listPeople', {})).filter((p: { active: boolean }) => p.active);
  await must(spec.sock, 'duty.recordReport', {
    report: {
      receivedAt: Date.now() - 60_000,
      source: 'hotline-12345',
      category: 'flood',
      street: '大塘街',
      location: '大塘街某小区',
      summary: '地下车库进水',
      severity: 'medium',
    },
    by: person.id,
  });
  await expect(live.locator('.stats-block-title')).toContainText(`共 ${before + 1} 起`);
  await page.screenshot({ path: `${shots}/stats-wall.png` });

  // The wall restarts: every chart comes back as it last drew it, without starting ECharts. Only
  // once every chart has drawn the new count and kept it (a restart before that draws afresh), and
  // with the live chart on the view a restart opens on (by day): the view turns every 15 s, and a
  // slow run had it on another view, so the restart's by-day chart was new and started the worker.
  await page.getByTestId('stats-view-day').click();
  await expect(live).toHaveAttribute('data-view', 'day');
  for (const id of ['stats-chart-table1', 'stats-chart-table2', 'stats-chart-live'])
    await expect(page.getByTestId(id)).toHaveAttribute('data-remembered', 'true');
  await page.reload();
  for (const id of ['stats-chart-table1', 'stats-chart-table2', 'stats-chart-live'])
    await expect(page.getByTestId(id)).toHaveAttribute('data-rendered', 'true');
  await expect(page.getByTestId('stats-chart-table1')).toContainText('2020');
  expect(page.workers(), 'no chart worker after a restart with nothing changed').toEqual([]);

  await page.getByTestId('stats-view-street').click();
  await expect(live).toHaveAttribute('data-view', 'street');
  await page.screenshot({ path: `${shots}/stats-by-street.png` });
  expect(outside).toEqual([]);
});
