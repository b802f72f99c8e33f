// The wall's map read from the back row (issue 17), in Chromium against the built hub with the
// demo set at 3840×2160: no controls drawn (no zoom buttons, no attribution line for the embedded
// outline, no search, no street menu, no checkboxes); the demo's 146 risk points (and the other
// objects) are clustered into counts written at the wall's type scale, each cluster in the colour
// and shape of the worst risk inside; the legend is the wall's one legend (shared/Legend.tsx):
// below the map, never over it, at the wall's least letter size, each level drawn with its shape,
// colour and word, only what the map draws; and axe finds no serious or critical violation.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { hubForSpec, offline, shots } from './map-support';

const spec = hubForSpec('wall-map', '1+5', ['map', 'warnings', 'duty-now', 'plan-responses', 'power', 'duty-log']);
const wallUrl = () => `${spec.hub.origin}/?token=${spec.hub.token}&view=wall&display=0`;

interface Cluster {
  count: number;
  level: string | null;
}

test.use({ viewport: { width: 3840, height: 2160 } });

test('the wall map is control-free and clusters its points by the worst risk inside, at the wall type scale', async ({ page }) => {
  const outside = await offline(page, spec.hub.origin);
  await page.goto(wallUrl());
  const leaflet = page.getByTestId('map-leaflet');
  await expect(leaflet).toHaveAttribute('data-drawn', 'true', { timeout: 20_000 });
  await expect(page.getByTestId('map-panel')).toHaveAttribute('data-risk', '146');

  // Nothing to operate on a screen nobody touches.
  await expect(leaflet).toHaveAttribute('data-controls', 'false');
  await expect(page.locator('.leaflet-control-zoom')).toHaveCount(0);
  await expect(page.locator('.leaflet-control-attribution')).toHaveCount(0);
  await expect(page.getByTestId('map-search')).toHaveCount(0);
  await expect(page.getByTestId('map-street-filter')).toHaveCount(0);
  await expect(page.locator('[data-testid="map-panel"] input')).toHaveCount(0);

  // Every clustered object is in a cluster or stands alone; the demo's one orange point makes an
  // orange cluster (or stands alone), none is red (there is no red point).
  const clusters = (await leaflet.evaluate((el) => (el as unknown as { cwMap: { clusters(): Cluster[] } }).cwMap.clusters())) as Cluster[];
  expect(clusters.length).toBeGreaterThan(0);
  expect(clusters.every((c) => c.level !== 'red')).toBe(true);
  const icons = page.locator('.map-cluster-count');
  await expect(icons.first()).toBeVisible();
  const drawn = await icons.evaluateAll((els) =>
    els.map((e) => ({ level: (e as HTMLElement).dataset.level, n: Number((e as HTMLElement).dataset.count), px: parseFloat(getComputedStyle(e).fontSize) })),
  );
  expect(drawn.length).toBe(clusters.length);
  expect(drawn.reduce((a, c) => a + c.n, 0)).toBeLessThanOrEqual(146 + 35 + 23 + 26 + 3 + 1 + 100);
  // The wall's least letter at 3840 px for a 3.6 m wall read from 8 m is 35 px (type-scale.ts).
  for (const c of drawn) expect(c.px, `cluster of ${c.n}`).toBeGreaterThanOrEqual(35);
  const levels = new Set(drawn.map((c) => c.level));
  expect([...levels].every((l) => ['orange', 'yellow', 'blue', 'none'].includes(l ?? ''))).toBe(true);
  // The worst level is shown by shape as well as colour: a blue cluster is round, a yellow one square-ish.
  const shapes = await page
    .locator('.map-cluster')
    .evaluateAll((els) => els.map((e) => ({ cls: e.className, radius: getComputedStyle(e).borderRadius, clip: getComputedStyle(e).clipPath })));
  for (const s of shapes) {
    if (s.cls.includes('map-cluster-orange')) expect(s.clip).toContain('polygon');
    if (s.cls.includes('map-cluster-blue')) expect(s.radius).toBe('50%');
  }

  // Every live report is a marker with its place written beside it, at the wall's least size.
  const legend = page.getByTestId('map-legend');
  const reports = Number(await legend.locator('[data-key="report"]').getAttribute('data-count'));
  expect(reports).toBeGreaterThan(0);
  const labels = page.locator('.map-incident-label span');
  await expect(labels).toHaveCount(Math.min(reports, 12));
  for (const px of await labels.evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)))) expect(px).toBeGreaterThanOrEqual(35);

  // The legend is read, not clicked: the shared legend's look, each level with its shape and word,
  // and only what is drawn (the demo has no red point, and no task or team out before any is sent).
  await expect(legend).toHaveClass(/wall-legend/);
  await expect(legend.locator('[data-key="risk-orange"]')).toContainText('▲');
  await expect(legend.locator('[data-key="risk-orange"]')).toContainText('橙色');
  await expect(legend.locator('[data-key="risk-blue"]')).toContainText('●');
  const keys = await legend.locator('[data-testid="legend-entry"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.key));
  expect(keys).not.toContain('risk-red');
  expect(keys.filter((k) => k?.startsWith('task-') || k?.startsWith('sortie-'))).toEqual([]);
  expect(await legend.locator('input, button').count()).toBe(0);
  // Below the map, never over it; inside the cell; one letter size, the wall's least.
  const stage = (await page.getByTestId('map-leaflet').boundingBox())!;
  const box = (await legend.boundingBox())!;
  const cell = (await page.getByTestId('map-panel').boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(stage.y + stage.height - 1);
  expect(box.y + box.height).toBeLessThanOrEqual(cell.y + cell.height + 1);
  const sizes = await legend.locator('.wall-legend-word, .wall-legend-shape').evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
  expect(new Set(sizes).size).toBe(1);
  expect(sizes[0]).toBeGreaterThanOrEqual(35);
  expect(sizes[0]).toBeLessThan(37);
  await page.screenshot({ path: `${shots}/wall-map-4k.png` });
  expect(outside).toEqual([]);

  // Real CJK letters, never slanted: no visible text on the wall is set in (synthetic) italics.
  const slanted = () =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="wall"] *')]
      .filter((e) => [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim()) && e.checkVisibility())
      .filter((e) => getComputedStyle(e).fontStyle !== 'normal')
      .map((e) => (e.textContent ?? '').trim().slice(0, 20));
  // The check finds an italic when there is one (an <i> asking for it in its style)…
  await page.evaluate(() => {
    const i = document.createElement('i');
    i.id = 'italic-probe';
    i.style.fontStyle = 'italic';
    i.textContent = '斜体';
    document.querySelector('[data-testid="wall"] .panel')!.append(i);
  });
  expect(await page.evaluate(slanted)).toContain('斜体');
  await page.evaluate(() => document.getElementById('italic-probe')!.remove());
  // …and the wall has none.
  expect(await page.evaluate(slanted)).toEqual([]);
});

test('axe finds no serious or critical violation in the wall map and the wall around the cells', async ({ page }) => {
  await page.goto(wallUrl());
  await expect(page.getByTestId('map-leaflet')).toHaveAttribute('data-drawn', 'true', { timeout: 20_000 });
  const serious = (r: Awaited<ReturnType<AxeBuilder['analyze']>>): string[] =>
    r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 5)
            .join(' | ')}`,
      );
  // The whole wall is checked and what other panels still have is said in the report (their
  // folders belong to other work); the map cell and the wall's own frame must be clean.
  const whole = serious(await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze());
  test.info().annotations.push({ type: 'axe, other panels', description: whole.join('\n') || 'none' });
  const mine = serious(
    await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).include('[data-testid="wall-cell"][data-panel="map"]').include('.wall-header').analyze(),
  );
  expect(mine, 'serious or critical violations in the map cell and the header').toEqual([]);
  // Colour contrast is checked on the whole wall: the colour language's pairs hold on every panel.
  expect(
    whole.filter((v) => v.startsWith('color-contrast')),
    'contrast on the whole wall',
  ).toEqual([]);
});
