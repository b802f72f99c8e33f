// Issue 17's remaining console items, in Chromium against the built hub with the demo set:
// every irreversible one-click action of the console (删除场景, 手动解除 a warning, removing a camera
// source or a tour) first asks, naming the thing, and Esc or 取消 leaves everything as it was
// while 确认 does it; the materials ledger and the consultation name the task, the duty-log entry
// and the plan response instead of showing their ids; and the console uses a wide screen, with a
// tab's list and its detail side by side from 1500 px.
import { expect, test, type Page } from '@playwright/test';
import { standardLayout } from '@contract/layouts';
import { capXml } from '../unit/warnings/cap-fixture';
import { closePages, consoleUrl, newPage } from './duty-support';
import { hubForSpec, must, shots } from './map-support';

const spec = hubForSpec('console-confirm', '2x2', ['duty-log', 'plan-responses', null, null]);
test.afterEach(closePages);

const capTime = (ms: number): string => `${new Date(ms + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;

/**
 * The button `testId` opens its confirmation naming `named`; Esc, then 取消, close it with `stillThere`
 * still true and the focus back on the button; 确认 makes `stillThere` false.
 */
async function asksFirst(page: Page, testId: string, named: string, stillThere: () => Promise<boolean>): Promise<void> {
  const button = page.getByTestId(testId);
  const dialog = page.getByTestId(`${testId}-confirm`);
  await button.click();
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('h3')).toHaveText(named);
  // It opens on 取消: Enter pressed out of habit takes nothing away.
  await expect(page.getByTestId(`${testId}-confirm-no`)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(button).toBeFocused();
  expect(await stillThere(), `${testId}: Esc left it as it was`).toBe(true);
  await button.click();
  await page.getByTestId(`${testId}-confirm-no`).click();
  await expect(dialog).toBeHidden();
  expect(await stillThere(), `${testId}: 取消 left it as it was`).toBe(true);
  await button.click();
  await page.getByTestId(`${testId}-confirm-yes`).click();
  await expect.poll(stillThere, { message: `${testId}: 确认 did it` }).toBe(false);
}

test('every irreversible console action asks first, naming the thing; Esc and 取消 change nothing, 确认 does it', async ({ browser }) => {
  await must(spec.sock, 'wall.savePreset', {
    preset: { id: 'to-delete', name: '待删场景', layout: standardLayout('1x1'), cells: [null] },
  });
  await must(spec.sock, 'cameras.saveSource', {
    source: { id: 'cam-a', name: '北京路口', kind: 'hls', url: 'http://127.0.0.1:9/a.m3u8', street: null, position: null, enabled: true },
  });
  await must(spec.sock, 'cameras.saveSource', {
    source: { id: 'cam-b', name: '农林下路', kind: 'hls', url: 'http://127.0.0.1:9/b.m3u8', street: null, position: null, enabled: true },
  });
  await must(spec.sock, 'cameras.saveTour', { tour: { id: 'tour-a', name: '夜间轮巡', cameraIds: ['cam-b'], tiles: 4, dwellSeconds: 20 } });
  const imported: { outcomes: { warningId: string | null }[] } = await must(spec.sock, 'warnings.importCap', {
    xml: capXml({ identifier: `e2e-confirm-${Date.now()}`, event: '高温黄色预警信号', sent: capTime(Date.now() - 60_000) }),
    fileName: 'e2e-confirm.xml',
  });
  const warningId = imported.outcomes[0].warningId!;

  const page = await newPage(browser);
  // 大屏: 删除场景.
  await page.goto(consoleUrl(spec.hub, 'wall'));
  await page.getByTestId('preset-select').selectOption('to-delete');
  await expect(page.getByTestId('preset-name')).toHaveValue('待删场景');
  const presetThere = async (): Promise<boolean> => ((await must(spec.sock, 'wall.get')).presets as { id: string }[]).some((p) => p.id === 'to-delete');
  await asksFirst(page, 'delete-preset', '删除场景「待删场景」？', presetThere);

  // 态势 → cameras: a camera source, then a tour.
  await page.goto(consoleUrl(spec.hub, 'situation'));
  const cameras = async (): Promise<{ sources: { id: string }[]; tours: { id: string }[] }> => must(spec.sock, 'cameras.get');
  await asksFirst(page, 'camera-remove-cam-a', '删除视频源「北京路口」？', async () => (await cameras()).sources.some((s) => s.id === 'cam-a'));
  await asksFirst(page, 'camera-tour-remove-tour-a', '删除轮巡「夜间轮巡」？', async () => (await cameras()).tours.some((t) => t.id === 'tour-a'));

  // 预警: ending a warning by hand needs a reason first, then asks.
  await page.goto(consoleUrl(spec.hub, 'warnings'));
  const cancel = page.getByTestId(`warning-cancel-${warningId}`);
  await expect(cancel).toBeDisabled();
  await page.getByTestId('warning-cancel-reason').fill('气象台电话通知已解除');
  await expect(page.getByTestId(`warning-cancel-${warningId}-confirm`)).toBeHidden();
  const warningActive = async (): Promise<boolean> => ((await must(spec.sock, 'warnings.get')).active as { id: string }[]).some((w) => w.id === warningId);
  await asksFirst(page, `warning-cancel-${warningId}`, '手动解除「高温黄色」？', warningActive);
});

test('the ledger and the consultation name the task, the duty-log entry and the plan response, never their ids', async ({ browser }) => {
  const people: { id: string; role: string; active: boolean }[] = await must(spec.sock, 'duty.listPeople');
  const leader = people.find((p) => p.active && p.role === 'leader') ?? people.find((p) => p.active)!;
  const title = '向越秀南低洼点前置沙包';
  const task: { id: string } = await must(spec.sock, 'tasks.issue', {
    task: { title, content: '前置沙包 200 袋', priority: 'urgent', addressee: { kind: 'street', name: '北京街' }, deadline: Date.now() + 3600_000 },
    by: leader.id,
  });
  await must(spec.sock, 'materials.move', {
    movement: { kind: 'in', to: { kind: 'street', street: '北京街' }, item: '沙包', unit: '袋', quantity: 200, reason: '前置防汛', taskId: task.id },
    by: leader.id,
  });
  const { reports }: { reports: { id: string; summary: string }[] } = await must(spec.sock, 'duty.listReports', {});
  const responses: { id: string; status: string; planTitle: string; level: string }[] = await must(spec.sock, 'plans.listResponses', {});
  const report = reports[0];
  const response = responses.find((r) => r.status === 'active')!;
  expect(report && response, 'the demo set has a report and an active response').toBeTruthy();
  const consultation: { id: string } = await must(spec.sock, 'consult.start', {
    topic: '防汛会商',
    participants: [{ id: 'beijing', name: '北京街' }],
    startedBy: '值班长',
    dutyEntryId: report.id,
    planResponseId: response.id,
  });

  const page = await newPage(browser);
  await page.goto(consoleUrl(spec.hub, 'materials'));
  const row = page.locator('[data-testid="ledger-row"]', { hasText: '前置防汛' }).first();
  await expect(row.getByTestId('ledger-task')).toHaveText(` · 指令：${title}`);
  await expect(row).not.toContainText(task.id);

  try {
    await page.goto(consoleUrl(spec.hub, 'consult'));
    const live = page.getByTestId('consult-live');
    await expect(live.getByTestId('consult-ref-report')).toHaveText(`值班记录：${report.summary}`);
    await expect(live.getByTestId('consult-ref-response')).toContainText(`预案响应：${response.planTitle}`);
    await expect(live).not.toContainText(report.id);
    await expect(live).not.toContainText(response.id);
    await page.screenshot({ path: `${shots}/console-consult-refs.png` });
    // The response's name opens it on the 预案 tab; the entry's opens it on 值守.
    await live.getByTestId('consult-ref-response').click();
    await expect(page.getByTestId('console')).toHaveAttribute('data-tab', 'plans');
    await expect(page.getByTestId('response-console')).toHaveAttribute('data-id', response.id);
    await page.goto(consoleUrl(spec.hub, 'consult'));
    await page.getByTestId('consult-ref-report').click();
    await expect(page.getByTestId('console')).toHaveAttribute('data-tab', 'duty');
    await expect(page.getByTestId('report-detail')).toHaveAttribute('data-id', report.id);
  } finally {
    await must(spec.sock, 'consult.end', { id: consultation.id, endedBy: '值班长' });
  }
});

test('the console uses a wide screen: list and detail side by side from 1500 px, one above the other below', async ({ browser }) => {
  const sideBySide = async (width: number): Promise<{ consoleWidth: number; beside: boolean }> => {
    const page = await newPage(browser, { width, height: 1000 });
    await page.goto(consoleUrl(spec.hub, 'plans'));
    const list = page.getByTestId('responses-section').locator('.response-picker');
    const detail = page.getByTestId('response-console');
    await expect(detail).toBeVisible();
    const [l, d, c] = await Promise.all([list.boundingBox(), detail.boundingBox(), page.getByTestId('console').boundingBox()]);
    return { consoleWidth: c!.width, beside: d!.x >= l!.x + l!.width && Math.abs(d!.y - l!.y) < 40 };
  };
  const wide = await sideBySide(1920);
  expect(wide.consoleWidth).toBeGreaterThan(1800);
  expect(wide.beside).toBe(true);
  const desk = await sideBySide(1366);
  expect(desk.beside).toBe(false);
});
