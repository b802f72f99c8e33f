// The wall in replay (复盘上墙, issue 15), in Chromium against the built hub with the demo set: from
// the console's 复盘 tab a leader shows a past moment on the wall. The wall says so in a large
// 回放 hh:mm badge (with the time it goes back to live by itself), the tasks panel and the map show
// the tasks and teams as they were then (a task issued and a team dispatched after the moment are
// not there), a panel replay does not fold says in grey that it is live; the significant-events
// board, the alert strip and the header's warning slot show the moment too (a warning issued after
// it is not in them), the header's other slots are marked live; the time the wall goes back to
// live by itself is set on the 复盘 tab; at 1920×1080 in replay the header keeps the centre's name
// on one line, uncut, in both languages; a reload keeps the replay (it is the wall's stored
// state); the console's button takes the wall back to live.
import { expect, test, type Page } from '@playwright/test';
import { capXml } from '../unit/warnings/cap-fixture';
import { closePages, consoleUrl, newPage } from './duty-support';
import { hubForSpec, must, shots } from './map-support';

const spec = hubForSpec('wall-replay', '1+5', ['map', 'tasks', 'teams', 'duty-now', 'warnings', 'events-board']);
const wallUrl = () => `${spec.hub.origin}/?token=${spec.hub.token}&view=wall&display=0`;
const POINT_A = { lat: 23.1255, lng: 113.2705 };
const POINT_B = { lat: 23.128, lng: 113.274 };

test.use({ viewport: { width: 1920, height: 1080 } });
test.afterAll(closePages);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** hh:mm in Beijing time, as the badge writes it. */
const hhmm = (ms: number): string => new Date(ms + 8 * 3600_000).toISOString().slice(11, 16);

/**
 * The wall header at this size, as a leader reads it: the centre's name on one line and not cut,
 * every part of the header (name, 回放 badge, slots, clock) inside the screen on one row.
 */
async function headerFacts(page: Page) {
  return page.getByTestId('wall-header').evaluate((h) => {
    const name = h.querySelector('.header-centre-name') as HTMLElement;
    const range = document.createRange();
    range.selectNodeContents(name);
    const tops: number[] = [];
    for (const r of range.getClientRects()) if (r.width > 0 && !tops.some((t) => Math.abs(t - r.top) < 6)) tops.push(r.top);
    const box = h.getBoundingClientRect();
    const parts = [...h.children].map((c) => c.getBoundingClientRect());
    return {
      name: name.textContent ?? '',
      nameLines: tops.length,
      nameCut: name.scrollWidth > name.clientWidth + 1,
      outside: parts.filter((r) => r.right > box.right + 1 || r.left < box.left - 1).length,
      // One row: every part's middle within the tallest part's span.
      oneRow: parts.every((r) => parts.every((q) => r.top + r.height / 2 > q.top - 1 && r.top + r.height / 2 < q.bottom + 1)),
      height: Math.round(box.height),
    };
  });
}

async function drawn(page: Page): Promise<void> {
  await expect(page.getByTestId('map-leaflet')).toHaveAttribute('data-drawn', 'true', { timeout: 20_000 });
}

test('a past moment shown on the wall from the 复盘 tab: badge, the tasks and teams as they were, live panels say so, back to live', async ({
  page,
  browser,
}) => {
  // A wall, a console and the header checked in both languages: room for a loaded machine.
  test.setTimeout(120_000);
  const people: { id: string; role: string; active: boolean }[] = await must(spec.sock, 'duty.listPeople');
  const leader = people.find((p) => p.active && p.role === 'leader')!;
  const task = (title: string, position: { lat: number; lng: number }) => ({
    title,
    content: title,
    priority: 'urgent',
    addressee: { kind: 'street', name: '北京街' },
    deadline: Date.now() + 3600_000,
    position,
  });
  // Before the moment: task A. After it: task B and a team dispatched.
  const a = await must(spec.sock, 'tasks.issue', { task: task('回放前：转移北京路低洼点群众', POINT_A), by: leader.id });
  await sleep(1600);
  const moment = Date.now();
  await sleep(1600);
  const b = await must(spec.sock, 'tasks.issue', { task: task('回放后：封闭北京路隧道', POINT_B), by: leader.id });
  const { teams }: { teams: { id: string; name: string; status: string }[] } = await must(spec.sock, 'teams.list');
  const squad = teams.find((t) => t.status === 'standby')!;
  await must(spec.sock, 'teams.dispatch', {
    teamId: squad.id,
    task: { title: '回放后：排涝抢险', content: '赶赴北京路', priority: 'urgent', deadline: Date.now() + 3600_000, position: POINT_B },
    by: leader.id,
  });

  // A warning issued after the moment: live on the strip, not in the replay.
  await must(spec.sock, 'warnings.importCap', {
    xml: capXml({ identifier: 'REPLAY-AFTER-1', event: '暴雨黄色预警信号', sent: `${new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 19)}+08:00` }),
  });
  const liveWarnings = ((await must(spec.sock, 'warnings.get')) as { active: unknown[] }).active.length;
  const then: { warnings: unknown[] } = await must(spec.sock, 'replay.getAt', { at: moment });
  expect(then.warnings.length).toBe(liveWarnings - 1);

  page.on('console', (m) => m.type() === 'error' && console.log('[wall console]', m.text()));
  // The wall, live: both tasks and the team out on the map; no badge.
  await page.goto(wallUrl());
  await drawn(page);
  const marker = (key: string) => page.locator(`[data-testid="map-op"][data-key="${key}"]`);
  await expect(marker(`task:${b.id}`)).toBeVisible();
  await expect(marker(squad.id)).toBeVisible();
  await expect(page.getByTestId('wall-replay-badge')).toHaveCount(0);

  // The console's 复盘 tab: the moment chosen on the slider, then shown on the wall.
  const desk = await newPage(browser);
  await desk.goto(consoleUrl(spec.hub, 'replay'));
  const slider = desk.getByTestId('replay-slider');
  await expect(slider).toBeVisible({ timeout: 15_000 });
  // The time the wall goes back to live by itself: a wall setting, set here (1–720 min, default 30).
  const returnMin = desk.getByTestId('replay-return-min');
  await expect(returnMin).toHaveValue('30');
  await returnMin.fill('0');
  await expect(desk.locator('.field-error')).toContainText('1');
  await expect(desk.getByTestId('replay-return-save')).toBeDisabled();
  await returnMin.fill('45');
  await desk.getByTestId('replay-return-save').click();
  await expect(desk.getByTestId('replay-return')).toHaveAttribute('data-stored', '45');
  expect(((await must(spec.sock, 'wall.get', {})) as { settings: { replayReturnMin?: number } }).settings.replayReturnMin).toBe(45);
  await slider.fill(String(moment));
  await expect(desk.getByTestId('replay-state')).toBeVisible();
  const t0 = Date.now();
  await desk.getByTestId('replay-show-on-wall').click();

  // The wall: the badge within 1 s, 回放 hh:mm and the time it goes back to live (30 min later).
  const badge = page.getByTestId('wall-replay-badge');
  await expect(badge).toBeVisible({ timeout: 1000 });
  test.info().annotations.push({ type: 'replay badge on the wall', description: `${Date.now() - t0} ms` });
  const at = Number(await badge.getAttribute('data-at'));
  expect(Math.abs(at - moment)).toBeLessThanOrEqual(1000);
  const onWall = ((await must(spec.sock, 'wall.get', {})) as { replay: { since: number; until: number } }).replay;
  expect(onWall.until - onWall.since).toBe(45 * 60_000);
  await expect(badge).toContainText(`回放 ${hhmm(at)}`);
  await expect(badge).toContainText('自动回到实时');
  await expect(page.getByTestId('wall')).toHaveAttribute('data-replay', '1');
  await expect(desk.getByTestId('replay-wall-state')).toContainText(`大屏正在回放 ${hhmm(at)}`);

  // Tasks as they were: A, not B; on the map too, and the team not yet out.
  const tasksCell = page.locator('[data-testid="wall-cell"][data-panel="tasks"]');
  await expect(tasksCell).toHaveAttribute('data-replay', 'moment');
  await expect(tasksCell.getByTestId('replay-cell-tasks')).toContainText('回放前：转移北京路低洼点群众');
  await expect(tasksCell.getByTestId('replay-cell-tasks')).not.toContainText('回放后');
  await expect(tasksCell.getByTestId('cell-replay-mark')).toContainText(`回放 ${hhmm(at)}`);
  await expect(marker(`task:${a.id}`)).toBeVisible();
  await expect(marker(`task:${b.id}`)).toHaveCount(0);
  await expect(marker(squad.id)).toHaveCount(0);
  const teamsCell = page.locator('[data-testid="wall-cell"][data-panel="teams"]');
  await expect(teamsCell.getByTestId('replay-cell-teams')).toBeVisible();
  await expect(teamsCell.locator(`[data-status="dispatched"]`).filter({ hasText: squad.name })).toHaveCount(0);
  // A panel replay does not fold: live, and it says so in grey.
  const dutyCell = page.locator('[data-testid="wall-cell"][data-panel="duty-now"]');
  await expect(dutyCell).toHaveAttribute('data-replay', 'live');
  await expect(dutyCell.getByTestId('cell-replay-live')).toHaveText('回放中：本面板为实时');
  // The events board as it stood then: the task issued before the moment, none of what came after.
  const boardCell = page.locator('[data-testid="wall-cell"][data-panel="events-board"]');
  await expect(boardCell).toHaveAttribute('data-replay', 'moment');
  await expect(boardCell.getByTestId('panel-events-board')).toContainText('回放前：转移北京路低洼点群众');
  await expect(boardCell.getByTestId('panel-events-board')).not.toContainText('回放后');
  // The alert strip and the header's warning slot: the warnings in force then (not the one issued
  // after), marked 回放 hh:mm; the header's other slots marked live.
  const strip = page.getByTestId('alert-strip');
  await expect(strip).toHaveAttribute('data-replay', 'moment');
  await expect(strip).toHaveAttribute('data-warnings', String(then.warnings.length));
  await expect(strip.getByTestId('strip-replay-mark')).toHaveText(`回放 ${hhmm(at)}`);
  await expect(page.getByTestId('slot-warnings')).toHaveAttribute('data-replay', 'moment');
  await expect(page.getByTestId('slot-warnings')).toHaveAttribute('data-active', String(then.warnings.length));
  await expect(page.getByTestId('header-live-tag')).toHaveText('实时：');
  await page.screenshot({ path: `${shots}/wall-replay-1080.png` });
  // The header in replay at 1920×1080, in both languages: the centre's name on one line, uncut, beside the badge.
  for (const [lang, live] of [
    ['zh-CN', '实时：'],
    ['en', 'Live:'],
  ] as const) {
    await must(spec.sock, 'settings.save', { patch: { language: lang } });
    await expect(page.getByTestId('header-live-tag')).toHaveText(live);
    await page.screenshot({ path: `${shots}/wall-replay-header-${lang}-1080.png`, clip: { x: 0, y: 0, width: 1920, height: 160 } });
    const facts = await headerFacts(page);
    console.log(`[wall-replay] header ${lang} 1920×1080 in replay: ${JSON.stringify(facts)}`);
    expect.soft(facts, `${lang}: ${JSON.stringify(facts)}`).toMatchObject({ nameLines: 1, nameCut: false, outside: 0, oneRow: true });
    // The slots may wrap beside the badge, but the header leaves the grid the wall: at most 200 px of 1080.
    expect.soft(facts.height, `${lang}: header height`).toBeLessThanOrEqual(200);
  }
  await must(spec.sock, 'settings.save', { patch: { language: 'zh-CN' } });
  await expect(page.getByTestId('header-live-tag')).toHaveText('实时：');

  // The replay is the wall's stored state: a reloaded wall is still in it.
  await page.reload();
  await expect(page.getByTestId('wall-replay-badge')).toBeVisible({ timeout: 15_000 });
  await drawn(page);
  await expect(marker(`task:${a.id}`)).toBeVisible();
  await expect(marker(`task:${b.id}`)).toHaveCount(0);

  // Back to live from the console: the badge goes, the map and the tasks panel are live again.
  await desk.getByTestId('replay-wall-live').click();
  await expect(page.getByTestId('wall-replay-badge')).toHaveCount(0, { timeout: 1000 });
  await expect(page.getByTestId('wall')).toHaveAttribute('data-replay', '0');
  await expect(marker(`task:${b.id}`)).toBeVisible();
  await expect(marker(squad.id)).toBeVisible();
  await expect(tasksCell.getByTestId('panel-tasks')).toBeVisible();
  await expect(dutyCell.getByTestId('cell-replay-live')).toHaveCount(0);
  await expect(desk.getByTestId('replay-wall-state')).toContainText('大屏为实时画面');
  await expect(page.getByTestId('alert-strip')).not.toHaveAttribute('data-replay', /.*/);
  await expect(page.getByTestId('slot-warnings')).toHaveAttribute('data-active', String(liveWarnings));
  await expect(page.getByTestId('header-live-tag')).toHaveCount(0);
});
