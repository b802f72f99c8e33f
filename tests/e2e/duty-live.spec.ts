// Duty and plans in Chromium against the built hub with the demo set: an officer records a
// report, escalates it into a plan response and ticks its checklist on the console, while a
// second page (the wall) shows each change within 1 s; a handover completes; the duty log prints,
// each report with its handling history, every sheet with its page number (第 n 页 共 m 页).
import { inflateSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import type { TestSocket } from '../support/rpc-socket';
import { DAY_MS, localDateString } from '@contract/yuexiu';
import { tempDir } from '../support/temp-dir';
import { actAs, closePages, consoleUrl, latency, newPage, recordLatency, wallUrl } from './duty-support';
import { must, rpc, shots, showOnWall } from './map-support';

let hub: HubProcess;
let sock: TestSocket;
// Made in beforeAll: the test runner also loads this file (to list the tests) and would leave one behind.
let tmp: ReturnType<typeof tempDir>;

interface Ref {
  id: string;
  name: string;
}
let leader: Ref;
let officers: Ref[];

test.beforeAll(async () => {
  tmp = tempDir('cw-e2e-duty-');
  hub = await startHubProcess(tmp.dir, { extraArgs: ['--demo'] });
  sock = await rpc(hub);
  await showOnWall(sock, 'duty-room', '2x2', ['duty-now', 'duty-log', 'plan-responses', 'plan-overview']);
  const onDuty = await must(sock, 'duty.getOnDuty', {});
  const ref = (s: { personId: string; person: { name: string } }): Ref => ({ id: s.personId, name: s.person.name });
  leader = ref(onDuty.current.find((s: { role: string }) => s.role === 'leader'));
  officers = onDuty.current.filter((s: { role: string }) => s.role === 'officer').map(ref);
});
test.afterEach(closePages);
test.afterAll(async () => {
  sock?.close();
  await hub?.stop();
  tmp?.remove();
});

async function openWall(page: Page): Promise<void> {
  await page.goto(wallUrl(hub));
  await expect(page.getByTestId('wall')).toHaveAttribute('data-preset', 'duty-room');
  await expect(page.getByTestId('panel-duty-log')).toBeVisible();
  await expect(page.getByTestId('duty-log-row').first()).toBeVisible();
}

test('the wall shows who is on duty, the log, the live response and the KPIs', async ({ browser }) => {
  const page = await newPage(browser, { width: 1920, height: 1080 });
  await openWall(page);
  await expect(page.getByTestId('slot-leader')).toHaveText(leader.name);
  for (const o of officers) await expect(page.getByTestId('slot-officers')).toContainText(o.name);
  await expect(page.getByTestId('duty-role-leader')).toContainText(leader.name);
  await expect(page.getByTestId('plan-response')).toHaveCount(1);
  await expect(page.getByTestId('plan-response')).toHaveAttribute('data-level', 'III');
  // The demo response has items past their due time: red, and counted.
  expect(Number(await page.getByTestId('response-overdue').getAttribute('data-count'))).toBeGreaterThan(0);
  await expect(page.getByTestId('overdue-action').first()).toBeVisible();
  await expect(page.getByTestId('kpi-revision')).toHaveAttribute('data-rate', '0.95');
  await expect(page.getByTestId('demo-tag').first()).toHaveText('演示数据');
  await page.screenshot({ path: `${shots}/duty-wall-panels.png` });
});

test('an officer records, escalates and ticks on the console; the wall shows each change within 1 s', async ({ browser }) => {
  const wall = await newPage(browser, { width: 1920, height: 1080 });
  await openWall(wall);
  const desk = await newPage(browser);
  await desk.goto(consoleUrl(hub, 'duty'));
  await actAs(desk, officers[0].id);

  // 接报
  const summary = `e2e：人民北路某商铺冒烟，已疏散 ${Date.now() % 100000}`;
  await desk.getByTestId('report-source').selectOption('transfer-119');
  await desk.getByTestId('report-category').selectOption('fire');
  await desk.getByTestId('report-severity').selectOption('high');
  await desk.getByTestId('report-street').selectOption('流花街');
  await desk.getByTestId('report-location').fill('人民北路 123 号');
  await desk.getByTestId('report-lat').fill('23.1430');
  await desk.getByTestId('report-lng').fill('113.2570');
  await desk.getByTestId('report-summary').fill(summary);
  await desk.getByTestId('report-caller').fill('店主 138 0000 1234');
  await desk.screenshot({ path: `${shots}/duty-console-report-form.png` });
  const recorded = await latency(
    wall,
    () => desk.getByTestId('record-report').click(),
    () => [...document.querySelectorAll('[data-testid="duty-log-row"][data-fresh="true"]')].some((r) => r.textContent?.includes('人民北路某商铺冒烟')),
  );
  recordLatency('report recorded → wall duty log (flashing)', recorded);
  await wall.screenshot({ path: `${shots}/duty-wall-new-report-flash.png` });

  // The console opened the new report: escalate it into the fire plan.
  const detail = desk.getByTestId('report-detail');
  await expect(detail).toHaveAttribute('data-status', 'new');
  const reportId = (await detail.getAttribute('data-id'))!;
  const plan = desk.getByTestId('escalate-plan');
  await expect(plan.locator('option').first()).toContainText('火灾');
  await desk.getByTestId('escalate-note').fill('商铺冒烟，启动火灾预案');
  await detail.screenshot({ path: `${shots}/duty-console-report-escalate.png` });
  const escalated = await latency(
    wall,
    () => desk.getByTestId('escalate-report').click(),
    () => document.querySelectorAll('[data-testid="plan-response"]').length === 2,
  );
  recordLatency('report escalated → wall plan responses', escalated);
  await expect(wall.locator(`[data-testid="duty-log-row"][data-id="${reportId}"]`)).toHaveAttribute('data-status', 'handling');
  // The console opened the new response on the plans tab, its detail there and the keyboard on it.
  await expect(desk.getByTestId('console')).toHaveAttribute('data-tab', 'plans');
  await expect(desk.getByTestId('response-console')).toContainText('火灾');
  await expect(desk.getByTestId('response-console-heading')).toBeFocused();

  // Tick the new response's checklist on the plans tab.
  const pick = desk.getByTestId('console-response').filter({ hasText: '火灾' });
  await pick.click();
  const responseId = (await pick.getAttribute('data-id'))!;
  const card = `[data-testid="plan-response"][data-id="${responseId}"]`;
  await expect(wall.locator(`${card} [data-testid="response-progress"]`)).toHaveAttribute('data-finished', '0');
  const rows = desk.getByTestId('checklist-row');
  const ticks: [string, number][] = [];
  // After each tick: [finished, in progress] on the wall's progress line.
  for (const [i, status, finished, inProgress] of [
    [0, 'done', 1, 0],
    [1, 'in_progress', 1, 1],
    [2, 'na', 2, 1],
  ] as const) {
    const row = rows.nth(i);
    await row.getByTestId('action-status').selectOption(status);
    if (status === 'na') await row.getByTestId('action-note').fill('现场无此需要');
    // The next row's draft begun before this tick is saved: the tick's update must not wipe it.
    if (i === 0) await rows.nth(1).getByTestId('action-status').selectOption('in_progress');
    const ms = await latency(
      wall,
      () => row.getByTestId('action-save').click(),
      ([sel, f, p]: readonly [string, number, number]) => {
        const bar = document.querySelector(`${sel} [data-testid="response-progress"]`);
        return bar?.getAttribute('data-finished') === String(f) && bar?.getAttribute('data-in-progress') === String(p);
      },
      [card, finished, inProgress] as const,
    );
    ticks.push([status, ms]);
    recordLatency(`checklist item → ${status} → wall`, ms);
    await expect(row).toHaveAttribute('data-status', status);
    if (i === 0) await expect(rows.nth(1).getByTestId('action-status'), 'a neighbour’s tick kept this draft').toHaveValue('in_progress');
  }
  await expect(wall.locator(`${card} [data-testid="response-progress"]`)).toHaveAttribute('data-finished', '2');
  await desk.screenshot({ path: `${shots}/plans-console-checklist.png`, fullPage: true });
  await wall.screenshot({ path: `${shots}/duty-wall-after-ticks.png` });

  for (const ms of [recorded, escalated, ...ticks.map(([, m]) => m)]) expect(ms).toBeLessThan(1000);
});

test('a handover completes: the outgoing officer hands over, the incoming one confirms', async ({ browser }) => {
  const out = await newPage(browser);
  await out.goto(consoleUrl(hub, 'duty'));
  await actAs(out, officers[0].id);
  await out.getByTestId('start-handover').click();
  // The roster suggests the next officer; open reports are carried over by default.
  const incomingId = await out.getByTestId('handover-incoming').inputValue();
  expect(incomingId).toMatch(/^per_/);
  await expect(out.getByTestId('handover-item').first()).toBeChecked();
  await out.getByTestId('handover-notes').fill('本班次共接报 1 起火情，已启动火灾预案；暴雨预警仍在生效。');
  await out.getByTestId('handover-new-item').fill('19:00 前向区三防办报送雨情');
  await out.getByTestId('handover-add-item').click();
  await out.getByTestId('handover-section').screenshot({ path: `${shots}/duty-console-handover-form.png` });
  await out.getByTestId('hand-over').click();
  const pending = out.getByTestId('pending-handover');
  await expect(pending).toBeVisible();
  const id = (await pending.getAttribute('data-id'))!;
  await expect(pending.getByTestId('cancel-handover')).toBeVisible(); // only the outgoing officer may withdraw

  // The incoming officer, at another seat, confirms.
  const inc = await newPage(browser);
  await inc.goto(consoleUrl(hub, 'duty'));
  await actAs(inc, incomingId);
  const mine = inc.locator(`[data-testid="pending-handover"][data-id="${id}"]`);
  await expect(mine).toContainText('19:00 前向区三防办报送雨情');
  await mine.getByTestId('handover-reply').fill('已接班，清楚待办事项');
  await mine.getByTestId('confirm-handover').click();
  await expect(inc.locator(`[data-testid="handover-row"][data-id="${id}"]`)).toHaveAttribute('data-status', 'confirmed');
  // The outgoing seat follows live.
  await expect(out.locator(`[data-testid="handover-row"][data-id="${id}"]`)).toHaveAttribute('data-status', 'confirmed');
  await inc.getByTestId('handover-section').screenshot({ path: `${shots}/duty-console-handover-confirmed.png` });
  const h = (await must(sock, 'duty.listHandovers', {})).find((x: { id: string }) => x.id === id);
  expect(h).toMatchObject({ status: 'confirmed', outgoing: { id: officers[0].id }, incoming: { id: incomingId }, confirmNote: '已接班，清楚待办事项' });
  expect(h.confirmedAt).toBeGreaterThanOrEqual(h.handedOverAt);
});

test('the duty log opens from the console as a printable page and prints', async ({ browser }) => {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  // Count print calls instead of opening a dialog.
  await ctx.addInitScript(() => {
    const w = window as unknown as { __prints: number };
    w.__prints = 0;
    window.print = () => void w.__prints++;
  });
  const desk = await ctx.newPage();
  await desk.goto(consoleUrl(hub, 'duty'));
  await expect(desk.getByTestId('log-tools')).toBeVisible();
  // Yesterday and today (Beijing dates): the demo reports span the last 40 hours, so just after
  // midnight "today" alone holds only one or two of them.
  await desk.getByTestId('log-from').fill(localDateString(Date.now() - DAY_MS));
  await desk.screenshot({ path: `${shots}/duty-console-top.png` });
  const [sheet] = await Promise.all([ctx.waitForEvent('page'), desk.getByTestId('open-print-log').click()]);
  await expect(sheet.getByTestId('print-log')).toHaveAttribute('data-state', 'ready');
  expect(new URL(sheet.url()).searchParams.get('view')).toBe('print-log');
  expect(await sheet.getByTestId('print-report').count()).toBeGreaterThan(5);
  await expect(sheet.getByTestId('print-people')).toContainText(leader.name);
  await sheet.screenshot({ path: `${shots}/duty-log-print-page.png`, fullPage: true });
  await sheet.getByTestId('print-button').click();
  expect(await sheet.evaluate(() => (window as unknown as { __prints: number }).__prints)).toBe(1);
  // What the paper gets: the toolbar is gone, black on white, A4 landscape.
  await sheet.emulateMedia({ media: 'print' });
  await expect(sheet.getByTestId('print-toolbar')).toBeHidden();
  // Each report's handling history under it: who did what, when.
  const reports = await sheet.getByTestId('print-report').count();
  await expect(sheet.getByTestId('print-history')).toHaveCount(reports);
  const events = await sheet.getByTestId('print-history').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-events'))));
  expect(events.every((n) => n >= 1)).toBe(true);
  await expect(sheet.getByTestId('print-history').first()).toContainText('登记');
  // The sheet as the print dialog lays it out (its own @page size and margins).
  const pdf = await sheet.pdf({ path: `${shots}/duty-log-print.pdf`, preferCSSPageSize: true, printBackground: true });
  const pages = pdfPages(pdf);
  console.log(`[print] ${reports} reports, ${events.reduce((a, b) => a + b, 0)} history lines, ${pages.length} pages`);
  expect(pages.length).toBeGreaterThanOrEqual(2);
  for (const [i, text] of pages.entries()) expect(text.replaceAll(' ', '')).toContain(`第${i + 1}页共${pages.length}页`);
  expect(pages.join('')).toContain('登记');
  await sheet.screenshot({ path: `${shots}/duty-log-print-media.png`, fullPage: true });
  await ctx.close();
});

test('recording the overdue drill as held lifts the drill execution rate on the wall; the library shows a plan in full', async ({ browser }) => {
  const wall = await newPage(browser, { width: 1920, height: 1080 });
  await openWall(wall);
  const before = Number(await wall.getByTestId('kpi-drills').getAttribute('data-rate'));
  expect(before).toBeLessThan(1);

  const desk = await newPage(browser, { width: 1366, height: 1000 });
  await desk.goto(consoleUrl(hub, 'plans'));
  await actAs(desk, officers[0].id);
  await desk.locator('[data-testid="drill-row"][data-status="overdue"]').first().click();
  const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
  await desk.getByTestId('drill-held-on').fill(today);
  await desk.getByTestId('drill-participants').fill('区三防办、各街道、区水务局');
  await desk.getByTestId('drill-count').fill('86');
  await desk.getByTestId('drill-findings').fill('部分街道抽排设备调度偏慢');
  await desk.getByTestId('drills-section').screenshot({ path: `${shots}/plans-console-drill-form.png` });
  const ms = await latency(
    wall,
    () => desk.getByTestId('save-drill').click(),
    () => document.querySelector('[data-testid="kpi-drills"]')?.getAttribute('data-rate') === '1',
  );
  recordLatency('drill recorded as held → wall drill execution rate', ms);
  expect(ms).toBeLessThan(1000);
  await expect(wall.getByTestId('kpi-drills')).toContainText('100%');

  await desk.getByTestId('plan-filter-category').selectOption('hazchem');
  await desk.getByTestId('plan-row').first().click();
  await expect(desk.getByTestId('plan-detail')).toBeVisible();
  await expect(desk.getByTestId('activate-plan')).toBeEnabled();
  await desk.getByTestId('plan-library').screenshot({ path: `${shots}/plans-console-library.png` });
});

/**
 * The text of each page of a PDF that Chromium (Skia) wrote: its content streams decoded through
 * each font's ToUnicode map. Enough for our own sheets (no object streams, Identity-H fonts).
 */
function pdfPages(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const objects = new Map<number, { dict: string; stream: string | null }>();
  for (const m of raw.matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = m[2];
    const at = body.search(/stream\r?\n/);
    let stream: string | null = null;
    if (at >= 0) {
      const start = body.indexOf('\n', at) + 1;
      try {
        stream = inflateSync(Buffer.from(body.slice(start, body.lastIndexOf('endstream')), 'latin1')).toString('latin1');
      } catch {
        stream = null;
      }
    }
    objects.set(Number(m[1]), { dict: at >= 0 ? body.slice(0, at) : body, stream });
  }
  const ref = (dict: string, key: string): number | null => {
    const m = new RegExp(`/${key}\\s*(\\d+) 0 R`).exec(dict);
    return m ? Number(m[1]) : null;
  };
  const cmap = (n: number): Map<number, string> => {
    const out = new Map<number, string>();
    const s = objects.get(n)?.stream ?? '';
    const utf16 = (hex: string): string => String.fromCharCode(...hex.match(/.{4}/g)!.map((h) => parseInt(h, 16)));
    for (const block of s.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
      for (const [, a, b] of block[1].matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi)) out.set(parseInt(a, 16), utf16(b));
    for (const block of s.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
      for (const [, a, b, c] of block[1].matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*<([0-9a-f]+)>/gi))
        for (let i = parseInt(a, 16); i <= parseInt(b, 16); i++) out.set(i, String.fromCharCode(parseInt(c, 16) + i - parseInt(a, 16)));
    return out;
  };
  const pages: string[] = [];
  for (const [, { dict }] of [...objects].sort((a, b) => a[0] - b[0])) {
    if (!/\/Type\s*\/Page\b(?!s)/.test(dict)) continue;
    const resources = ref(dict, 'Resources');
    const resDict = resources !== null ? objects.get(resources)!.dict : dict;
    const fontRef = ref(resDict, 'Font');
    const fontDict = fontRef !== null ? objects.get(fontRef)!.dict : (/\/Font\s*<<([\s\S]*?)>>/.exec(resDict)?.[1] ?? '');
    const fonts = new Map<string, { map: Map<number, string>; width: number }>();
    for (const [, name, n] of fontDict.matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
      const font = objects.get(Number(n))!.dict;
      const unicode = ref(font, 'ToUnicode');
      fonts.set(name, { map: unicode !== null ? cmap(unicode) : new Map(), width: font.includes('/Type0') ? 4 : 2 });
    }
    const content = objects.get(ref(dict, 'Contents') ?? -1)?.stream ?? '';
    let font = { map: new Map<number, string>(), width: 4 };
    let text = '';
    for (const t of content.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|(<[0-9a-f]*>|\[[\s\S]*?\])\s*T[jJ]/gi)) {
      if (t[1]) {
        font = fonts.get(t[1]) ?? font;
        continue;
      }
      for (const [, hex] of t[2].matchAll(/<([0-9a-f]*)>/gi))
        for (let i = 0; i < hex.length; i += font.width) text += font.map.get(parseInt(hex.slice(i, i + font.width), 16)) ?? '?';
    }
    pages.push(text);
  }
  return pages;
}
