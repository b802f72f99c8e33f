// The console as a duty officer works it, in Chromium against the built hub with the demo set:
// axe-core finds no serious or critical problem on any tab; a report is recorded, escalated and
// closed by keyboard alone (the key presses are counted and printed); irreversible actions say
// what they will do first and Esc takes them back; a form says what is wrong next to the field,
// in Chinese, and cannot be sent until it is right; a refused workbook's row problems are said in
// the page's language.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { CONSOLE_TABS } from '../../src-renderer/src/console/duty/console-tab';
import { actAs, closePages, consoleUrl, newPage } from './duty-support';
import { hubForSpec, must, shots } from './map-support';

const spec = hubForSpec('console-ops', '2x2', ['duty-log', 'plan-responses', null, null]);
test.afterEach(closePages);

/** The tab's address. */
const tabUrl = (tab: string): string => `${spec.hub.origin}/?token=${spec.hub.token}&view=console&tab=${tab}`;

for (const tab of CONSOLE_TABS) {
  test(`axe-core: the ${tab} tab has no serious or critical violation`, async ({ browser }) => {
    // axe needs a page of a context the test made itself.
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(tabUrl(tab));
    await expect(page.getByTestId('console')).toHaveAttribute('data-tab', tab);
    await expect(page.locator('.console-loading')).toHaveCount(0);
    const result = await new AxeBuilder({ page }).include('[data-testid="console"]').analyze();
    const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const described = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')}`);
    await context.close();
    expect(described, described.join('\n')).toEqual([]);
  });
}

/** Keys pressed by the keyboard-only test: every Tab, arrow, Enter, Escape and typed character. */
class Keys {
  count = 0;
  constructor(private readonly page: Page) {}

  async press(key: string): Promise<void> {
    this.count++;
    await this.page.keyboard.press(key);
  }

  async type(text: string): Promise<void> {
    this.count += [...text].length;
    await this.page.keyboard.type(text);
  }

  /** Tabs (backwards if it comes earlier on the page) until the element with this test id has the focus (at most 60 presses). */
  async tabTo(testId: string): Promise<void> {
    const from = this.count;
    try {
      await this.tabToInner(testId);
    } finally {
      this.steps.push(`${testId}:${this.count - from}`);
    }
  }

  readonly steps: string[] = [];

  private async tabToInner(testId: string): Promise<void> {
    for (let i = 0; i < 60; i++) {
      const where = await this.page.evaluate((id) => {
        const target = document.querySelector(`[data-testid="${id}"]`);
        const at = document.activeElement;
        if (!target || !at || at === target) return at === target ? 0 : 1;
        return at.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING ? -1 : 1;
      }, testId);
      if (where === 0) return;
      await this.press(where < 0 ? 'Shift+Tab' : 'Tab');
    }
    throw new Error(`Tab never reached ${testId}`);
  }
}

test('a report is recorded, escalated and closed by keyboard alone', async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto(consoleUrl(spec.hub, 'duty'));
  await expect(page.getByTestId('actor-select').first()).toBeVisible();
  const keys = new Keys(page);
  await page.locator('body').focus();

  // Who acts, then the report's street, place and what happened.
  await keys.tabTo('actor-select');
  await keys.press('ArrowDown');
  await keys.tabTo('report-street');
  await keys.press('ArrowDown');
  await keys.tabTo('report-location');
  await keys.type('解放北路 1 号');
  await keys.tabTo('report-summary');
  await keys.type('地下车库进水');
  await keys.tabTo('record-report');
  await keys.press('Enter');

  // The new report opens, and the keyboard is there (not dropped to the page).
  const detail = page.getByTestId('report-detail');
  await expect(detail).toContainText('地下车库进水');
  await expect(detail.locator('h3')).toBeFocused();
  const id = await detail.getAttribute('data-id');

  // Escalate it into a plan response: the plan the form proposes for a flood, at its usual level
  // (or into that plan's response, when one is already running).
  const intoRunning = await page.getByTestId('link-report').isVisible();
  await keys.tabTo(intoRunning ? 'link-report' : 'escalate-report');
  await keys.press('Enter');
  if (!intoRunning) {
    // A new response opens on 预案 with the keyboard on it; back on 值守 the report is still open, focused.
    await expect(page.getByTestId('console')).toHaveAttribute('data-tab', 'plans');
    await expect(page.getByTestId('response-console-heading')).toBeFocused();
    // The tab list is one stop (the open tab); ← moves to 值守, Enter opens it.
    await keys.tabTo('tab-plans');
    await keys.press('ArrowLeft');
    await expect(page.getByTestId('tab-duty')).toBeFocused();
    await keys.press('Enter');
    await expect(detail.locator('h3').first()).toBeFocused();
  }
  await expect(page.getByTestId('report-responses')).toBeVisible();
  // Linked responses are named by plan and level, not by id.
  await expect(page.getByTestId('report-responses')).not.toContainText('rsp_');

  // On to 已办结 (through 核实中 if it is still new); closing asks first, Esc takes it back and the focus returns.
  if ((await detail.getAttribute('data-status')) === 'new') {
    await keys.tabTo('report-status-verifying');
    await keys.press('Enter');
    await expect(detail).toHaveAttribute('data-status', 'verifying');
  }
  const before = await detail.getAttribute('data-status');
  await keys.tabTo('report-status-closed');
  await keys.press('Enter');
  const confirm = page.getByTestId('report-status-closed-confirm');
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('办结后不能再改状态');
  await keys.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(page.getByTestId('report-status-closed')).toBeFocused();
  await expect(detail).toHaveAttribute('data-status', before!);
  await keys.press('Enter');
  await expect(confirm).toBeVisible();
  await keys.press('Shift+Tab');
  await expect(page.getByTestId('report-status-closed-confirm-yes')).toBeFocused();
  await keys.press('Enter');
  await expect(detail).toHaveAttribute('data-status', 'closed');
  expect((await must(spec.sock, 'duty.getReport', { id })).status).toBe('closed');
  console.log(
    `[keyboard] a report recorded, escalated and closed in ${keys.count} key presses (typed characters included); Tabs to each control: ${keys.steps.join(' ')}`,
  );

  // The same rows are reachable from the list: ↓ moves, Enter opens.
  const rows = page.getByTestId('console-report-row');
  await rows.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(detail).toHaveAttribute('data-id', (await rows.nth(1).getAttribute('data-id'))!);
});

test('closing a response says which actions are still open, and Esc leaves it running', async ({ browser }) => {
  const responses: { id: string; status: string; actions: { status: string }[] }[] = await must(spec.sock, 'plans.listResponses', {});
  const active = responses.find((r) => r.status === 'active');
  // The demo set always has the 三防 response running.
  expect(active, 'the demo set has an active response').toBeTruthy();
  const page = await newPage(browser);
  await page.goto(consoleUrl(spec.hub, 'plans'));
  const people: { id: string; active: boolean }[] = await must(spec.sock, 'duty.listPeople');
  await page
    .getByTestId('actor-select')
    .first()
    .selectOption(people.find((p) => p.active)!.id);
  await page.getByTestId('close-response').first().click();
  const confirm = page.getByTestId('close-response-confirm').first();
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('不再可修改');
  const open = active!.actions.filter((a) => a.status === 'pending' || a.status === 'in_progress').length;
  if (open > 0) await expect(confirm.getByTestId('close-open-actions')).toContainText(`还有 ${open} 项行动`);
  await page.screenshot({ path: `${shots}/console-close-response-confirm.png` });
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  const after: { id: string; status: string }[] = await must(spec.sock, 'plans.listResponses', {});
  expect(after.find((r) => r.id === active!.id)?.status).toBe('active');
});

test('the report form says what is wrong next to the field and cannot be sent until it is right', async ({ browser }) => {
  const page = await newPage(browser);
  await page.goto(consoleUrl(spec.hub, 'duty'));
  const people: { id: string; active: boolean }[] = await must(spec.sock, 'duty.listPeople');
  await page
    .getByTestId('actor-select')
    .first()
    .selectOption(people.find((p) => p.active)!.id);
  const form = page.getByTestId('report-form');
  // Untouched: nothing is marked, but the button is off and says what is still needed.
  await expect(form.locator('.field.invalid')).toHaveCount(0);
  await expect(page.getByTestId('record-report')).toBeDisabled();
  await expect(form.getByTestId('still-to-fix')).toContainText('摘要');
  // Typed and cleared: 必填, next to the field.
  await page.getByTestId('report-summary').fill('x');
  await page.getByTestId('report-summary').fill('');
  await expect(form.locator('.field.invalid')).toContainText('必填');
  await expect(page.getByTestId('report-summary')).toHaveAttribute('aria-invalid', 'true');
  // Coordinates that are not numbers.
  await page.getByTestId('report-lat').fill('abc');
  await expect(form.locator('.field.invalid', { has: page.getByTestId('report-lat') })).toBeVisible();
  await page.getByTestId('report-lat').fill('');
  await page.getByTestId('report-street').selectOption({ index: 1 });
  await page.getByTestId('report-location').fill('越秀北路');
  await page.getByTestId('report-summary').fill('树木倒伏');
  await expect(form.locator('.field.invalid')).toHaveCount(0);
  await expect(page.getByTestId('record-report')).toBeEnabled();
  await page.getByTestId('record-report').click();
  await expect(page.getByTestId('report-detail')).toContainText('树木倒伏');
});

test('a refused roster workbook names each row’s problem in the page’s language, Chinese or English', async ({ browser }) => {
  const people: { id: string; role: string; active: boolean }[] = await must(spec.sock, 'duty.listPeople');
  const chief = people.find((p) => p.active && p.role === 'chief')!;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('排班表');
  ws.addRow(['编号', '姓名', '角色', '电话', '单位', '开始时间', '结束时间', '备注']);
  ws.addRow([null, '王丽华', '组长', null, null, '2031-03-13 08:00', '2031-03-14 08:00', null]); // row 2: no such role
  ws.addRow([null, '吴婷', '值班员', null, null, '2031-03-32 08:00', '2031-03-12 20:00', null]); // row 3: not a date
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const reasons = async (lang: 'zh-CN' | 'en'): Promise<string[]> => {
    await must(spec.sock, 'settings.save', { patch: { language: lang } });
    const page = await newPage(browser);
    await page.goto(consoleUrl(spec.hub, 'duty'));
    await actAs(page, chief.id);
    await page
      .getByTestId('roster-import-file')
      .setInputFiles({ name: 'roster.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: bytes });
    const rows = page.getByTestId('import-problem');
    await expect(rows).toHaveCount(2);
    await page.getByTestId('roster-import-problems').screenshot({ path: `${shots}/console-roster-import-refused-${lang}.png` });
    return rows.evaluateAll((els) => els.map((e) => e.lastElementChild?.textContent ?? ''));
  };
  try {
    const zh = await reasons('zh-CN');
    expect(zh[0]).toMatch(/^“组长”不是角色（带班领导、/);
    expect(zh[1]).toBe('不是日期时间');
    const en = await reasons('en');
    expect(en[0]).toMatch(/^“组长” is not a role \(Leader on duty, /);
    expect(en[1]).toBe('not a date');
    // No English reason in the Chinese dialog, no Chinese one (beyond the cell quoted) in the English.
    expect(zh.join(' ')).not.toMatch(/[a-z]{3,}/);
    expect(en[1]).not.toMatch(/\p{Script=Han}/u);
  } finally {
    await must(spec.sock, 'settings.save', { patch: { language: 'zh-CN' } });
  }
});
