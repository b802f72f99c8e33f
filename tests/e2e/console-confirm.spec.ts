// Issue 17's remaining console items, in Chromium against the built hub with the demo set:
// every irreversible one-click action of the console (删除场景, 手动解除 a warning, removing a camera
// source or a tour) first asks, naming the thing, and Esc or 取消 leaves everything as it was
// while 确认 does it; the materials ledger and the consultation name the task, the duty-log entry
// and the plan response instead of showing their ids; and the console uses a wide screen, with a
// tab's list and its detail side by side from 1500 px. Then the rest: a preset's daily window, a
// map object, 清除演示数据 (saying how many go), a tile source, a reserve target, a task done or
// cancelled, a materials request withdrawn or refused all ask first, saying what follows; and a
// consultation's duty-log entry and plan response, and a movement's task, are chosen by name.
import { expect, test, type Page } from '@playwright/test';
import { standardLayout } from '@contract/layouts';
import { capXml } from '../unit/warnings/cap-fixture';
import { actAs, closePages, consoleUrl, newPage } from './duty-support';
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

/** The button `testId` opens its confirmation, whose body says each of `texts`; Esc closes it. */
async function says(page: Page, testId: string, ...texts: string[]): Promise<void> {
  await page.getByTestId(testId).click();
  const body = page.getByTestId(`${testId}-confirm`).locator('.confirm-consequence');
  for (const text of texts) await expect(body).toContainText(text);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId(`${testId}-confirm`)).toBeHidden();
}

test('the last one-click actions ask first, naming the thing and saying what follows; Esc and 取消 change nothing, 确认 does it', async ({ browser }) => {
  const people: { id: string; role: string; active: boolean }[] = await must(spec.sock, 'duty.listPeople');
  const leader = people.find((p) => p.active && p.role === 'leader') ?? people.find((p) => p.active)!;
  const wall: { presets: { id: string; name: string }[]; settings: { schedules?: unknown[] } } = await must(spec.sock, 'wall.get');
  const preset = wall.presets[0];
  await must(spec.sock, 'wall.saveSettings', {
    patch: {
      schedules: [...(wall.settings.schedules ?? []), { id: 'confirm-night', name: '夜班', presetId: preset.id, from: '22:00', to: '07:00', displays: [] }],
    },
  });
  const pond: { id: string } = await must(spec.sock, 'map.saveObject', {
    object: { kind: 'waterlogging', name: '解放北路隧道口积水点', street: '北京街', position: { lat: 23.131, lng: 113.266 } },
  });
  await must(spec.sock, 'map.saveSource', {
    source: { type: 'xyz', id: 'confirm-xyz', name: '内网底图', crs: 'wgs84', url: 'http://127.0.0.1:9/{z}/{x}/{y}.png', minZoom: 0, maxZoom: 18 },
  });
  await must(spec.sock, 'map.activateSource', { id: 'confirm-xyz' });
  await must(spec.sock, 'materials.saveTarget', {
    target: { place: { kind: 'street', street: '北京街' }, item: '沙包', unit: '袋', quantity: 500 },
    by: leader.id,
  });
  const request = (quantity: number): Promise<{ id: string }> =>
    must(spec.sock, 'materials.request', {
      request: { street: '北京街', items: [{ item: '沙包', unit: '袋', quantity }], purpose: '北京路口挡水' },
      by: leader.id,
    });
  const [withdrawn, refused] = [await request(100), await request(50)];
  const issue = (title: string): Promise<{ id: string }> =>
    must(spec.sock, 'tasks.issue', {
      task: { title, content: '按预案处置并回报', priority: 'urgent', addressee: { kind: 'street', name: '北京街' }, deadline: Date.now() + 3600_000 },
      by: leader.id,
    });
  const [toCancel, toFinish, toServe] = [await issue('封闭解放北路隧道'), await issue('清理北京路排水口'), await issue('向北京路口前置排涝泵')];
  await must(spec.sock, 'tasks.acknowledge', { id: toFinish.id, note: '', by: leader.id });

  const page = await newPage(browser);
  // 大屏: a preset's daily window (it saves at once; the per-display rows below only edit a draft saved later).
  await page.goto(consoleUrl(spec.hub, 'wall'));
  await page.getByTestId('preset-select').selectOption(preset.id);
  await says(page, 'schedule-remove-confirm-night', `场景「${preset.name}」`, '22:00–次日 07:00');
  const scheduled = async (): Promise<boolean> =>
    (((await must(spec.sock, 'wall.get')).settings.schedules ?? []) as { id: string }[]).some((x) => x.id === 'confirm-night');
  await asksFirst(page, 'schedule-remove-confirm-night', '删除时段「夜班」？', scheduled);

  // 态势: a map object, a tile source (in use: the map falls back to the outline), then every demo object.
  await page.goto(consoleUrl(spec.hub, 'situation'));
  await page.getByTestId('map-form-find').fill('解放北路隧道口');
  await page.getByTestId('map-form-pick').filter({ hasText: '解放北路隧道口积水点' }).click();
  const objectThere = async (): Promise<boolean> =>
    ((await must(spec.sock, 'map.listObjects', { q: '解放北路隧道口' })).objects as { id: string }[]).some((o) => o.id === pond.id);
  await asksFirst(page, 'map-form-remove', '删除「解放北路隧道口积水点」（内涝风险点）？', objectThere);
  await says(page, 'tile-source-remove-confirm-xyz', '内网底图', '删除后地图改为显示越秀区轮廓');
  // The same question in English when the page is.
  await page.getByTestId('language-toggle').click();
  await page.getByTestId('tile-source-remove-confirm-xyz').click();
  await expect(page.getByTestId('tile-source-remove-confirm-xyz-confirm').locator('h3')).toHaveText('Remove the tile source “内网底图”?');
  await page.keyboard.press('Escape');
  await page.getByTestId('language-toggle').click();
  await expect(page.getByTestId('language-toggle')).toHaveAttribute('data-language', 'zh-CN');
  const sourceThere = async (): Promise<boolean> =>
    ((await must(spec.sock, 'map.listSources')).sources as { id: string }[]).some((x) => x.id === 'confirm-xyz');
  await asksFirst(page, 'tile-source-remove-confirm-xyz', '删除底图源「内网底图」？', sourceThere);
  const demo = (await must(spec.sock, 'map.listObjects', {})).counts.demo as number;
  expect(demo, 'the demo set is on the map').toBeGreaterThan(0);
  await says(page, 'map-clear-demo', `${demo} 个演示对象`);
  await asksFirst(page, 'map-clear-demo', `清除 ${demo} 项演示数据？`, async () => (await must(spec.sock, 'map.listObjects', {})).counts.demo > 0);

  // 物资: a reserve target; a request withdrawn and another refused (each needs its reason first);
  // and a movement's task chosen by its title among the open tasks.
  await page.goto(consoleUrl(spec.hub, 'materials'));
  await actAs(page, leader.id);
  const targetSet = async (): Promise<boolean> =>
    ((await must(spec.sock, 'materials.listTargets', {})).targets as { item: string }[]).some((x) => x.item === '沙包');
  await says(page, 'reserve-remove-0', '北京街物资储备点的沙包储备目标（500 袋）', '未设目标');
  await asksFirst(page, 'reserve-remove-0', '删除储备目标「北京街物资储备点 · 沙包」？', targetSet);
  const stateOf = async (id: string): Promise<string> => (await must(spec.sock, 'materials.getRequest', { id })).state;
  await page.locator(`[data-testid="request-row"][data-id="${withdrawn.id}"]`).click();
  await expect(page.getByTestId('request-cancel')).toBeDisabled();
  await page.getByTestId('request-step-text').fill('雨停，街道自有储备够用');
  await says(page, 'request-cancel', '北京街的这份申请', '“雨停，街道自有储备够用”');
  await asksFirst(page, 'request-cancel', '撤回申请「沙包 100袋」？', async () => (await stateOf(withdrawn.id)) !== 'cancelled');
  await page.locator(`[data-testid="request-row"][data-id="${refused.id}"]`).click();
  await page.getByTestId('request-step-text').fill('区仓库沙包已全部前置');
  await asksFirst(page, 'request-refuse', '驳回北京街的申请「沙包 50袋」？', async () => (await stateOf(refused.id)) !== 'refused');

  const taskPick = page.getByTestId('movement-task');
  const offered = await taskPick.locator('option').allTextContents();
  expect(offered).toContain('向北京路口前置排涝泵 · 北京街');
  for (const id of [toCancel.id, toFinish.id, toServe.id]) expect(offered.join('\n')).not.toContain(id);
  await page.getByTestId('movement-to').selectOption('street:北京街');
  await page.getByTestId('movement-item').fill('排涝泵');
  await page.getByTestId('movement-unit').fill('台');
  await page.getByTestId('movement-quantity').fill('2');
  await page.getByTestId('movement-reason').fill('前置排涝');
  await taskPick.selectOption({ label: '向北京路口前置排涝泵 · 北京街' });
  await expect(taskPick).toHaveValue(toServe.id);
  await page.getByTestId('movement-submit').click();
  await expect(page.locator('[data-testid="ledger-row"]', { hasText: '前置排涝' }).first().getByTestId('ledger-task')).toHaveText(
    ' · 指令：向北京路口前置排涝泵',
  );

  // 指令调度: done and cancelled are final; each needs its text, then asks, saying who hears of it.
  await page.goto(consoleUrl(spec.hub, 'tasks'));
  await actAs(page, leader.id);
  const taskState = async (id: string): Promise<string> => (await must(spec.sock, 'tasks.get', { id })).state;
  await page.getByTestId(`task-row-${toCancel.id}`).click();
  await expect(page.getByTestId('task-cancel')).toBeDisabled();
  await page.getByTestId('task-answer-text').fill('隧道积水已退');
  await says(page, 'task-cancel', '北京街将收到撤销通知', '“隧道积水已退”');
  await asksFirst(page, 'task-cancel', '撤销指令「封闭解放北路隧道」？', async () => (await taskState(toCancel.id)) !== 'cancelled');
  await page.getByTestId(`task-row-${toFinish.id}`).click();
  await page.getByTestId('task-answer-text').fill('排水口已清理 12 处');
  await asksFirst(page, 'task-complete', '办结指令「清理北京路排水口」？', async () => (await taskState(toFinish.id)) !== 'done');

  // 视频会商: its duty-log entry and plan response chosen by name; started, it names them.
  const { reports }: { reports: { id: string; summary: string; status: string }[] } = await must(spec.sock, 'duty.listReports', {});
  const responses: { id: string; status: string; planTitle: string }[] = await must(spec.sock, 'plans.listResponses', {});
  const report = reports.find((r) => r.status !== 'closed')!;
  const response = responses.find((r) => r.status === 'active')!;
  await page.goto(consoleUrl(spec.hub, 'consult'));
  const entry = page.getByTestId('consult-duty-entry');
  const plan = page.getByTestId('consult-plan-response');
  // Offered once the console's duty and plans slices have loaded.
  await expect(entry.locator('option', { hasText: report.summary.slice(0, 40) })).toHaveCount(1);
  await expect(plan.locator('option', { hasText: response.planTitle }).first()).toBeAttached();
  const entries = await entry.locator('option').allTextContents();
  const plans = await plan.locator('option').allTextContents();
  for (const r of reports) expect(entries.join('\n')).not.toContain(r.id);
  for (const r of responses) expect(plans.join('\n')).not.toContain(r.id);
  const entryLabel = entries.find((x) => x.includes(report.summary.slice(0, 40)))!;
  const planLabel = plans.find((x) => x.startsWith(response.planTitle))!;
  expect(entryLabel && planLabel, 'the open entry and the active response are offered by name').toBeTruthy();
  await page.getByTestId('consult-topic').fill('隧道积水会商');
  await page.getByTestId('consult-operator').fill('值班长');
  await page.getByTestId('consult-invite-beijing').check();
  await entry.selectOption({ label: entryLabel });
  await plan.selectOption({ label: planLabel });
  await page.getByTestId('consult-start').click();
  const live = page.getByTestId('consult-live');
  try {
    await expect(live.getByTestId('consult-ref-report')).toHaveText(`值班记录：${report.summary}`);
    await expect(live.getByTestId('consult-ref-response')).toContainText(`预案响应：${response.planTitle}`);
    const started = (await must(spec.sock, 'consult.list', {})).live as { dutyEntryId?: string; planResponseId?: string };
    expect(started).toMatchObject({ dutyEntryId: report.id, planResponseId: response.id });
  } finally {
    const current = (await must(spec.sock, 'consult.list', {})).live as { id: string } | null;
    if (current) await must(spec.sock, 'consult.end', { id: current.id, endedBy: '值班长' });
  }
});
