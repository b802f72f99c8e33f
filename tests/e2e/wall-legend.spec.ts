// The wall's legends (issue 17), in Chromium against the built hub with the demo set, an orange
// warning in force and an urgent task: every panel that tells states apart by colour or shape
// (responses, warnings, power, tasks, teams, statistics) says what they mean in one legend of the
// same look, only for the states on screen; its letters are never under the wall's least size, it
// stays inside its cell and draws over nothing, at 3840×2160 and 1920×1080, in Chinese and English.
import { expect, test, type Page } from '@playwright/test';
import { capXml } from '../unit/warnings/cap-fixture';
import { hubForSpec, must, shots } from './map-support';

const PANELS = ['plan-responses', 'warnings', 'power', 'tasks', 'teams', 'stats', 'duty-now', 'duty-log', 'plan-overview'];
const spec = hubForSpec('wall-legend', '3x3', PANELS);
const wallUrl = () => `${spec.hub.origin}/?token=${spec.hub.token}&view=wall&display=0`;
// Six helpers share two cores: a wall at 4K can take most of a minute to settle on a loaded machine.
test.setTimeout(120_000);

/** Each panel's root on the wall, by its test id. */
const ROOT: Record<string, string> = {
  'plan-responses': 'panel-plan-responses',
  warnings: 'warnings-panel',
  power: 'power-panel',
  tasks: 'panel-tasks',
  teams: 'panel-teams',
  stats: 'stats-panel',
};

test.beforeAll(async () => {
  await must(spec.sock, 'warnings.importCap', { xml: capXml({ identifier: 'GZ-LEGEND-1', event: '暴雨橙色预警信号' }), fileName: 'orange.xml' });
  const people: { id: string; role: string; active: boolean }[] = await must(spec.sock, 'duty.listPeople');
  const leader = people.find((p) => p.active && p.role === 'leader')!;
  await must(spec.sock, 'tasks.issue', {
    task: {
      title: '转移北京路低洼点群众',
      content: '组织转移',
      priority: 'urgent',
      addressee: { kind: 'street', name: '北京街' },
      deadline: Date.now() + 3600_000,
    },
    by: leader.id,
  });
});

interface LegendFacts {
  keys: Record<string, string[]>;
  words: Record<string, string[]>;
  /** Letters under the wall's least size, legends outside their cell, legend text crossing other text. */
  problems: string[];
}

/** Reads every panel's legend (runs in the page). */
function readLegends(roots: Record<string, string>): LegendFacts {
  const wall = document.querySelector<HTMLElement>('[data-testid="wall"]')!;
  const minPx = Number(wall.dataset.minPx);
  const out: LegendFacts = { keys: {}, words: {}, problems: [] };
  for (const [panel, id] of Object.entries(roots)) {
    const root = document.querySelector(`[data-testid="${id}"]`);
    const legend = root?.querySelector<HTMLElement>('[data-testid="legend"]');
    out.keys[panel] = legend ? [...legend.querySelectorAll<HTMLElement>('[data-testid="legend-entry"]')].map((e) => e.dataset.key ?? '') : [];
    out.words[panel] = legend ? [...legend.querySelectorAll('.wall-legend-word')].map((e) => e.textContent ?? '') : [];
    if (!legend) continue;
    const cell = legend.closest('[data-testid="wall-cell"]')!.getBoundingClientRect();
    const box = legend.getBoundingClientRect();
    if (box.top < cell.top - 1 || box.bottom > cell.bottom + 1 || box.left < cell.left - 1 || box.right > cell.right + 1)
      out.problems.push(`${panel}: legend ${JSON.stringify(box)} outside its cell ${JSON.stringify(cell)}`);
    for (const el of legend.querySelectorAll('.wall-legend-shape, .wall-legend-word')) {
      const px = parseFloat(getComputedStyle(el).fontSize);
      if (px < minPx - 0.5) out.problems.push(`${panel}: “${el.textContent}” at ${px} px < ${minPx} px`);
      const r = el.getBoundingClientRect();
      // Nothing else of the cell is drawn where the legend's words are.
      for (const other of legend.closest('[data-testid="wall-cell"]')!.querySelectorAll('*')) {
        if (legend.contains(other) || other.contains(legend) || !other.checkVisibility() || other.children.length > 0) continue;
        if (!(other.textContent ?? '').trim()) continue;
        const o = other.getBoundingClientRect();
        const w = Math.min(r.right, o.right) - Math.max(r.left, o.left);
        const h = Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top);
        if (w > 2 && h > Math.min(r.height, o.height) / 3) out.problems.push(`${panel}: legend “${el.textContent}” over “${other.textContent?.slice(0, 30)}”`);
      }
    }
  }
  return out;
}

async function openWall(page: Page): Promise<void> {
  await page.goto(wallUrl());
  await expect(page.getByTestId('wall')).toHaveAttribute('data-preset', 'wall-legend');
  for (const id of Object.values(ROOT)) await expect(page.getByTestId(id)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('warning-active').first()).toBeVisible();
  await expect(page.getByTestId('task-line').first()).toBeVisible();
  await expect(page.getByTestId('stats-indicator').first()).toBeVisible({ timeout: 20_000 });
  // The lists have measured themselves.
  await page.waitForTimeout(1000);
}

for (const lang of ['zh-CN', 'en'] as const)
  for (const [width, height] of [
    [3840, 2160],
    [1920, 1080],
  ] as const)
    test(`${lang} at ${width}×${height}: each panel says what its colours and shapes mean, for what it shows, inside its cell`, async ({ browser }) => {
      await must(spec.sock, 'settings.save', { patch: { language: lang } });
      const page = await browser.newPage({ viewport: { width, height } });
      await openWall(page);
      const facts = await page.evaluate(readLegends, ROOT);
      await page.screenshot({ path: `${shots}/wall-legend-${lang}-${width}.png` });
      console.log(`[legend] ${lang} ${width}×${height}: ${JSON.stringify(facts.keys)}`);
      for (const p of facts.problems) console.log(`  problem: ${p}`);
      expect(facts.problems).toEqual([]);

      // Responses: the demo's Ⅲ response with its overdue actions.
      expect(facts.keys['plan-responses']).toEqual(expect.arrayContaining(['level-III', 'overdue']));
      const levels = await page.locator('[data-testid="plan-response"]').evaluateAll((els) => els.map((e) => `level-${e.getAttribute('data-level')}`));
      expect(facts.keys['plan-responses'].filter((k) => k.startsWith('level-')).sort()).toEqual([...new Set(levels)].sort());
      // Warnings: the orange signal in force, and no level that is not.
      expect(facts.keys.warnings).toEqual(['level-orange']);
      expect(facts.words.warnings).toEqual([lang === 'en' ? 'Orange warning signal' : '橙色预警信号']);
      // Power: the look of the banner's state (and of each tile), named in words.
      const state = await page.getByTestId('power-state').getAttribute('data-state');
      const look = { MAINS: 'normal', ON_GENERATOR: 'attention', UNKNOWN: 'stale', ON_BATTERY: 'alarm', LOW_BATTERY: 'alarm' }[state ?? 'UNKNOWN']!;
      expect(facts.keys.power).toContain(look);
      if (look === 'stale') expect(facts.words.power).toContain(lang === 'en' ? 'Unknown' : '状态未知');
      // Tasks: the urgent task's bar.
      expect(facts.keys.tasks).toContain('urgent');
      expect(facts.words.tasks).toContain(lang === 'en' ? 'Urgent' : '紧急');
      // Teams: a legend only for the teams out.
      const out = Number(await page.getByTestId('panel-teams').getAttribute('data-out'));
      if (out === 0) expect(facts.keys.teams).toEqual([]);
      else expect(facts.keys.teams.length).toBeGreaterThan(0);
      // Statistics: the colour of an indicator not met, only when one is shown.
      const unmet = await page.locator('[data-testid="stats-indicator"][data-state="unmet"]').count();
      expect(facts.keys.stats).toEqual(unmet > 0 ? ['unmet'] : []);
      // One look for all: the same class, at the same letter size in every cell of the same wall.
      const sizes = await page.locator('[data-testid="legend"]').evaluateAll((els) => els.map((e) => getComputedStyle(e).fontSize));
      expect(new Set(sizes).size).toBe(1);
      await page.close();
    });
