// Other panels move the map: clicking a duty-log entry on the wall centres its report on the map
// and opens its card; so does a report taken without coordinates (drawn at its street).
import { expect, test, type Page } from '@playwright/test';
import { hubForSpec, must, shots } from './map-support';

const spec = hubForSpec('map-and-log', '2x2', ['map', 'duty-log', null, null]);

/** The map's centre, as [lat, lng]. */
function centre(page: Page): Promise<[number, number]> {
  return page.getByTestId('map-leaflet').evaluate((el) => {
    const c = (el as unknown as { cwMap: { map: { getCenter(): { lat: number; lng: number } } } }).cwMap.map.getCenter();
    return [c.lat, c.lng] as [number, number];
  });
}

test('clicking a duty-log entry centres its report on the map and opens its card', async ({ page }) => {
  const [person] = (await must(spec.sock, 'duty.listPeople', {})).filter((p: { active: boolean }) => p.active);
  const at = { lat: 23.1335, lng: 113.2905 };
  const located = await must(spec.sock, 'duty.recordReport', {
    report: {
      receivedAt: Date.now() - 120_000,
      source: 'hotline-12345',
      category: 'flood',
      street: '大东街',
      location: '东湖路口',
      coordinates: at,
      summary: '路口积水约 30 厘米',
      severity: 'high',
    },
    by: person.id,
  });
  const streetOnly = await must(spec.sock, 'duty.recordReport', {
    report: {
      receivedAt: Date.now() - 60_000,
      source: 'hotline-12345',
      category: 'fire',
      street: '六榕街',
      location: '六榕街某小区',
      summary: '楼道冒烟',
      severity: 'medium',
    },
    by: person.id,
  });

  await page.goto(`${spec.hub.origin}/?token=${spec.hub.token}&view=wall&display=0`);
  await expect(page.getByTestId('map-leaflet')).not.toHaveAttribute('data-features', '0', { timeout: 15_000 });
  const before = await centre(page);

  await page.locator(`[data-testid="duty-log-row"][data-id="${located.id}"]`).click();
  const card = page.getByTestId('map-detail-card');
  await expect(card).toBeVisible();
  await expect(card).toContainText('东湖路口');
  await expect.poll(async () => (await centre(page)).map((v) => v.toFixed(3)), { timeout: 5000 }).toEqual([at.lat.toFixed(3), at.lng.toFixed(3)]);
  expect(before).not.toEqual(await centre(page));
  await page.waitForTimeout(1000); // the fly animation ends (0.8 s) before the screenshot
  await page.screenshot({ path: `${shots}/map-fly-to-report.png` });

  // No coordinates: the map finds the report where it draws it (its street's label point).
  await page.locator(`[data-testid="duty-log-row"][data-id="${streetOnly.id}"]`).press('Enter');
  await expect(card).toContainText('六榕街某小区');
});

test("the wall asks for the map without names, and an object's card still names it", async ({ page }) => {
  const [shelter] = (await must(spec.sock, 'map.listObjects', { kinds: ['shelter'] })).objects;
  // What the wall asks for the whole map: without the names it never draws.
  const asked: unknown[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (f) => {
      const m = typeof f.payload === 'string' && f.payload.includes('map.listObjects') ? JSON.parse(f.payload) : null;
      if (m?.method === 'map.listObjects') asked.push(m.params);
    }),
  );
  await page.goto(`${spec.hub.origin}/?token=${spec.hub.token}&view=wall&display=0`);
  const leaflet = page.getByTestId('map-leaflet');
  await expect(leaflet).not.toHaveAttribute('data-features', '0', { timeout: 15_000 });
  expect(asked.length).toBeGreaterThan(0);
  for (const params of asked) expect(params).toEqual({ packed: true, names: false });

  // Close in, where nothing is clustered, and click the shelter: its card asks for its name.
  await leaflet.evaluate((el, at) => (el as any).cwMap.map.setView([at.lat, at.lng], 18, { animate: false }), shelter.position);
  await expect.poll(() => leaflet.evaluate((el, id) => (el as any).cwMap.pointOf(id) !== null, shelter.id)).toBe(true);
  const p = await leaflet.evaluate((el, id) => {
    const q = (el as any).cwMap.pointOf(id);
    return { x: q.x as number, y: q.y as number };
  }, shelter.id);
  const box = (await leaflet.boundingBox())!;
  await page.mouse.click(box.x + p.x, box.y + p.y);
  await expect(page.getByTestId('map-detail-card')).toHaveAttribute('data-kind', 'shelter');
  await expect(page.getByTestId('map-card-title')).toHaveText(shelter.name);
});
