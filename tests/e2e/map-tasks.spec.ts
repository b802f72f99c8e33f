// Tasks and teams on the wall map (issues 15 and 17), in Chromium against the built hub with the
// demo set: a task issued with a position appears on the wall map within 1 s as a labelled marker
// in its state's shape and word; a team dispatched to that place shows at its last known position
// with a line to its task, and its card gives the teams capability's status (已出动), since when
// and the task. Then the legend at 3840×2160 in a 3×3 and in a 2+8 (map in the large cell): the
// wall's one legend, below the map and never over it, inside the cell (screenshots in
// test-results/screenshots).
import { expect, test, type Page } from '@playwright/test';
import { hubForSpec, must, offline, shots, showOnWall } from './map-support';

const spec = hubForSpec('map-tasks', '1+5', ['map', 'tasks', 'teams', 'warnings', 'duty-now', 'power']);
const wallUrl = () => `${spec.hub.origin}/?token=${spec.hub.token}&view=wall&display=0`;
const POINT = { lat: 23.1255, lng: 113.2705 }; // a point in 北京街

test.use({ viewport: { width: 1920, height: 1080 } });

async function drawn(page: Page): Promise<void> {
  await expect(page.getByTestId('map-leaflet')).toHaveAttribute('data-drawn', 'true', { timeout: 20_000 });
}

test('a task with a position is on the wall map within 1 s; a team dispatched there shows with its line, and its card says its status and task', async ({
  page,
}) => {
  const outside = await offline(page, spec.hub.origin);
  await page.goto(wallUrl());
  await drawn(page);
  const people: { id: string; role: string; active: boolean }[] = await must(spec.sock, 'duty.listPeople');
  const leader = people.find((p) => p.active && p.role === 'leader')!;

  const title = '转移北京路低洼点群众';
  const t0 = Date.now();
  const issued = await must(spec.sock, 'tasks.issue', {
    task: {
      title,
      content: '组织转移低洼点群众',
      priority: 'urgent',
      addressee: { kind: 'street', name: '北京街' },
      deadline: Date.now() + 3600_000,
      position: POINT,
    },
    by: leader.id,
  });
  const marker = page.locator(`[data-testid="map-op"][data-key="task:${issued.id}"]`);
  await expect(marker).toBeVisible({ timeout: 1000 });
  const latency = Date.now() - t0;
  test.info().annotations.push({ type: 'task on the wall map', description: `${latency} ms` });
  expect(latency).toBeLessThanOrEqual(1000);
  // Labelled: its title and its state in words, with the state's shape (issued: attention ▲).
  await expect(marker).toContainText(title);
  await expect(marker).toContainText('已下达');
  await expect(marker).toHaveAttribute('data-tone', 'task-issued');
  await expect(marker.locator('.map-op-glyph')).toHaveText('▲');
  await expect(page.locator('[data-testid="map-legend"] [data-key="task-issued"]')).toHaveAttribute('data-count', /[1-9]/);

  // A team standing by is dispatched to the same place.
  const { teams }: { teams: { id: string; name: string; status: string }[] } = await must(spec.sock, 'teams.list');
  const squad = teams.find((t) => t.status === 'standby')!;
  const sent = await must(spec.sock, 'teams.dispatch', {
    teamId: squad.id,
    task: { title: '排涝抢险', content: '携带抽水泵赶赴北京路', priority: 'urgent', deadline: Date.now() + 3600_000, position: POINT },
    by: leader.id,
  });
  const team = page.locator(`[data-testid="map-op"][data-key="${squad.id}"]`);
  await expect(team).toBeVisible({ timeout: 1000 });
  await expect(team).toContainText(squad.name);
  await expect(team).toContainText('已出动');
  await expect(team).toHaveAttribute('data-task', sent.task.id);
  // On its way: a line with an arrow to its task's place.
  await expect(page.locator('.map-op-arrow')).toHaveCount(1);

  // Its card: the teams capability's status (not the map's coarse "deployed"), since when, the task.
  await team.dispatchEvent('click');
  const card = page.getByTestId('map-detail-card');
  await expect(card).toHaveAttribute('data-kind', 'team');
  await expect(page.getByTestId('map-card-team-status')).toContainText('已出动');
  await expect(page.getByTestId('map-card-team-status').locator('[data-status]')).toHaveAttribute('data-status', 'dispatched');
  await expect(page.getByTestId('map-card-team-since')).toBeVisible();
  await expect(page.getByTestId('map-card-team-task')).toContainText('排涝抢险');

  // Live: the team reports on scene; the line goes, the word follows.
  await must(spec.sock, 'teams.changeStatus', { id: squad.id, status: 'on_scene', by: leader.id });
  await expect(team).toContainText('到达现场', { timeout: 1000 });
  await expect(page.locator('.map-op-arrow')).toHaveCount(0);
  await expect(page.getByTestId('map-card-team-status')).toContainText('到达现场');
  // A finished task leaves the map.
  await must(spec.sock, 'tasks.cancel', { id: issued.id, reason: '已由其他队伍处置', by: leader.id });
  await expect(marker).toHaveCount(0, { timeout: 1000 });
  await page.screenshot({ path: `${shots}/map-tasks-1080.png` });
  expect(outside).toEqual([]);
});

for (const layout of ['3x3', '2+8'] as const) {
  test(`the legend sits below the map, never over it, inside its cell, at 3840×2160 in ${layout}`, async ({ page }) => {
    await page.setViewportSize({ width: 3840, height: 2160 });
    await showOnWall(spec.sock, `legend-${layout.replace('+', 'p')}`, layout, [
      'map',
      'tasks',
      'teams',
      'warnings',
      'duty-now',
      'power',
      'clock-status',
      'this-centre',
      null,
      null,
    ]);
    await page.goto(wallUrl());
    await drawn(page);
    const cell = (await page.getByTestId('map-panel').boundingBox())!;
    const map = (await page.getByTestId('map-leaflet').boundingBox())!;
    const legend = page.getByTestId('map-legend');
    // In a cell too small for it the legend gives way to the map (shared/Legend.tsx); where shown,
    // it is the wall's one legend: under the map, inside the cell, at the wall's least letter size.
    if ((await legend.count()) > 0) {
      const box = (await legend.boundingBox())!;
      expect(box.y, 'legend below the map').toBeGreaterThanOrEqual(map.y + map.height - 1);
      expect(box.y + box.height).toBeLessThanOrEqual(cell.y + cell.height + 1);
      expect(box.x).toBeGreaterThanOrEqual(cell.x - 1);
      expect(box.x + box.width).toBeLessThanOrEqual(cell.x + cell.width + 1);
      // The map keeps most of its cell.
      expect(map.height).toBeGreaterThanOrEqual(cell.height * 0.7 - 1);
      const px = await legend.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      const min = Number(await page.getByTestId('wall').getAttribute('data-min-px'));
      expect(px).toBeGreaterThanOrEqual(min - 0.5);
    }
    test.info().annotations.push({
      type: `legend ${layout}`,
      description: `map ${Math.round(map.width)}×${Math.round(map.height)} in a cell ${Math.round(cell.width)}×${Math.round(cell.height)}, legend ${(await legend.count()) > 0 ? 'shown' : 'given way'}`,
    });
    await page.screenshot({ path: `${shots}/map-legend-${layout}-4k.png` });
  });
}
