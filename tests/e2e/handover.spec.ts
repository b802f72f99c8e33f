// The console for operations (issue 17), in Chromium against the built hub with the demo set:
// escalating a report opens the new response on 预案 (its detail open, the keyboard on it) and the
// report then names it (plan and level, a link back), never an id; a handover carries the active
// response with its overdue actions and the warning in force, and once the incoming officer
// confirms, the wall's duty slot and 今日值班 show the incoming officer within 1 s.
import { expect, test } from '@playwright/test';
import { actAs, closePages, consoleUrl, latency, newPage, recordLatency, wallUrl } from './duty-support';
import { hubForSpec, must, shots } from './map-support';
import { capXml } from '../unit/warnings/cap-fixture';

const spec = hubForSpec('handover', '2x2', ['duty-now', 'duty-log', 'plan-responses', null]);
test.afterEach(closePages);

/** A CAP time in Beijing time (YYYY-MM-DDThh:mm:ss+08:00). */
const capTime = (ms: number): string => `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;

interface OnDutyShift {
  personId: string;
  role: string;
  person: { name: string };
}

test('escalating a report opens the new response, and the report names it with a link back', async ({ browser }) => {
  const onDuty: { current: OnDutyShift[] } = await must(spec.sock, 'duty.getOnDuty', {});
  const officer = onDuty.current.find((s) => s.role === 'officer')!;
  const summary = `e2e：中山五路某餐馆厨房起火 ${Date.now() % 100000}`;
  const report: { id: string } = await must(spec.sock, 'duty.recordReport', {
    report: {
      receivedAt: Date.now() - 60_000,
      source: 'transfer-119',
      category: 'fire',
      street: '北京街',
      location: '中山五路 8 号',
      summary,
      severity: 'high',
    },
    by: officer.personId,
  });
  const desk = await newPage(browser);
  await desk.goto(consoleUrl(spec.hub, 'duty'));
  await actAs(desk, officer.personId);
  await desk.locator(`[data-testid="console-report-row"][data-id="${report.id}"]`).click();
  await expect(desk.getByTestId('escalate-plan').locator('option').first()).toContainText('火灾');
  await desk.getByTestId('escalate-report').click();

  // The console is on 预案 with the new response open and focused.
  await expect(desk.getByTestId('console')).toHaveAttribute('data-tab', 'plans');
  const responses: { id: string; planTitle: string; reportIds: string[] }[] = await must(spec.sock, 'plans.listResponses', {});
  const started = responses.find((r) => r.reportIds.includes(report.id))!;
  await expect(desk.getByTestId('response-console')).toHaveAttribute('data-id', started.id);
  await expect(desk.getByTestId('response-console-heading')).toBeFocused();
  await expect(desk.getByTestId('response-summary-line')).toContainText('北京街');
  await expect(desk.getByTestId('response-console')).not.toContainText('rep_');

  // Back on 值守 the report is still open and says 已启动 <plan> <level>, a link to it, no id anywhere.
  await desk.getByTestId('tab-duty').click();
  const line = desk.getByTestId('report-responses');
  await expect(line).toContainText(`已启动 ${started.planTitle}`);
  await expect(line).not.toContainText('rsp_');
  await expect(desk.getByTestId('report-history')).toContainText(`升级为预案响应 ${started.planTitle}`);
  await expect(desk.locator(`[data-testid="console-report-row"][data-id="${report.id}"]`)).toContainText(started.planTitle);
  await desk.screenshot({ path: `${shots}/console-escalated-report.png` });
  await line.getByTestId('open-response').click();
  await expect(desk.getByTestId('console')).toHaveAttribute('data-tab', 'plans');
  await expect(desk.getByTestId('response-console')).toHaveAttribute('data-id', started.id);
});

test('a handover carries the response and the warning in force; the wall shows the incoming officer within 1 s of confirmation', async ({ browser }) => {
  await must(spec.sock, 'warnings.importCap', {
    xml: capXml({ identifier: `e2e-${Date.now()}`, event: '暴雨黄色预警信号', sent: capTime(Date.now() - 60_000) }),
    fileName: 'e2e.xml',
  });
  const onDuty: { current: OnDutyShift[] } = await must(spec.sock, 'duty.getOnDuty', {});
  const outgoing = onDuty.current.find((s) => s.role === 'officer')!;
  const people: { id: string; name: string; role: string; active: boolean }[] = await must(spec.sock, 'duty.listPeople');
  const onNow = new Set(onDuty.current.map((s) => s.personId));
  const incoming = people.find((p) => p.active && p.role === 'officer' && !onNow.has(p.id))!;

  const wall = await newPage(browser, { width: 1920, height: 1080 });
  await wall.goto(wallUrl(spec.hub));
  await expect(wall.getByTestId('slot-officers')).toContainText(outgoing.person.name);
  await expect(wall.getByTestId('slot-officers')).not.toContainText(incoming.name);

  const out = await newPage(browser);
  await out.goto(consoleUrl(spec.hub, 'duty'));
  await actAs(out, outgoing.personId);
  await out.getByTestId('start-handover').click();
  const form = out.getByTestId('handover-form');
  // The draft lists the running response with its overdue actions, the warning in force and the open reports.
  await expect(form.locator('[data-kind="response"][data-testid="handover-item-line"]').first()).toContainText('响应中');
  await expect(form.locator('[data-kind="response"] .handover-details li').first()).toContainText('逾期');
  await expect(form.locator('[data-kind="warning"][data-testid="handover-item-line"]')).toContainText('暴雨黄色预警信号');
  await expect(form.locator('[data-kind="report"][data-testid="handover-item-line"]').first()).toBeVisible();
  await out.getByTestId('handover-incoming').selectOption(incoming.id);
  await out.getByTestId('handover-section').screenshot({ path: `${shots}/console-handover-draft-carries.png` });
  await out.getByTestId('hand-over').click();
  const pending = out.getByTestId('pending-handover');
  await expect(pending).toBeVisible();
  const id = (await pending.getAttribute('data-id'))!;
  const record = (await must(spec.sock, 'duty.listHandovers', {})).find((h: { id: string }) => h.id === id);
  expect(record.openItems.map((i: { kind?: string }) => i.kind)).toEqual(expect.arrayContaining(['response', 'warning', 'report']));

  const inc = await newPage(browser);
  await inc.goto(consoleUrl(spec.hub, 'duty'));
  await actAs(inc, incoming.id);
  const mine = inc.locator(`[data-testid="pending-handover"][data-id="${id}"]`);
  await expect(mine.locator('[data-kind="warning"]').first()).toContainText('暴雨黄色预警信号');
  await expect(mine.getByTestId('confirm-handover')).toBeEnabled();
  const shown = await latency(
    wall,
    () => mine.getByTestId('confirm-handover').click(),
    (name: string) => document.querySelector('[data-testid="slot-officers"]')?.textContent?.includes(name) ?? false,
    incoming.name,
  );
  recordLatency('handover confirmed → wall duty slot', shown);
  expect(shown).toBeLessThan(1000);
  await expect(wall.getByTestId('slot-officers')).not.toContainText(outgoing.person.name);
  await expect(wall.getByTestId('panel-duty-now')).toContainText(incoming.name);
  await wall.screenshot({ path: `${shots}/wall-after-handover.png` });
  // The record keeps what was carried.
  await expect(inc.locator(`[data-testid="handover-row"][data-id="${id}"] [data-testid="handover-record-items"]`)).toBeVisible();
});
