// A checklist tick survives a crash: the hub is killed with SIGKILL right after it acknowledged
// the tick, restarted on the same data, and the tick is there (on the console and through the API).
import { expect, test } from '@playwright/test';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/temp-dir';
import { actAs, closePages, consoleUrl, newPage } from './duty-support';
import { must, rpc, shots } from './map-support';

// Twin in shape of enrol.spec.ts (and most specs): each spec starts its own demo hub in view; this one restarts it below.
let hub: HubProcess;
// Made in beforeAll: the test runner also loads this file (to list the tests) and would leave one behind.
let tmp: ReturnType<typeof tempDir>;

test.beforeAll(async () => {
  tmp = tempDir('cw-e2e-plans-kill-');
  hub = await startHubProcess(tmp.dir, { extraArgs: ['--demo'] });
});
test.afterEach(closePages);
test.afterAll(async () => {
  await hub?.stop();
  tmp?.remove();
});

test('a tick acknowledged just before SIGKILL is there after restart', async ({ browser }) => {
  let sock = await rpc(hub);
  const [response] = await must(sock, 'plans.listResponses', {});
  const officer = (await must(sock, 'duty.getOnDuty', {})).current.find((s: { role: string }) => s.role === 'officer');
  const pending = response.actions.filter((a: { status: string }) => a.status === 'pending');
  expect(pending.length).toBeGreaterThanOrEqual(2);
  const [viaConsole, viaApi] = pending;

  const desk = await newPage(browser);
  await desk.goto(consoleUrl(hub, 'plans'));
  await actAs(desk, officer.personId);
  const row = desk.locator(`[data-testid="checklist-row"][data-id="${viaConsole.id}"]`);
  await row.getByTestId('action-status').selectOption('done');
  await row.getByTestId('action-note').fill('抽排设备已到位（SIGKILL 前确认）');
  await row.getByTestId('action-save').click();
  // The console shows the hub's reply: the tick is acknowledged (durable before the reply).
  await expect(row).toHaveAttribute('data-status', 'done');

  // A second tick through the API, and the kill in the same turn as its acknowledgement.
  const ack = await sock.call('plans.updateAction', {
    responseId: response.id,
    actionId: viaApi.id,
    status: 'in_progress',
    note: '已出发',
    by: officer.personId,
  });
  hub.child.kill('SIGKILL');
  expect(ack.error).toBeUndefined();
  await hub.stop('SIGKILL');
  sock.close();

  hub = await startHubProcess(tmp.dir, { port: hub.port });
  sock = await rpc(hub);
  const after = (await must(sock, 'plans.getResponse', { id: response.id })) as { actions: { id: string; status: string; note: string }[] };
  expect(after.actions.find((a) => a.id === viaConsole.id)).toMatchObject({ status: 'done', note: '抽排设备已到位（SIGKILL 前确认）' });
  expect(after.actions.find((a) => a.id === viaApi.id)).toMatchObject({ status: 'in_progress', note: '已出发' });
  sock.close();

  // The console reconnects by itself to the restarted hub (same port) and shows both.
  await expect(desk.locator(`[data-testid="checklist-row"][data-id="${viaApi.id}"]`)).toHaveAttribute('data-status', 'in_progress', { timeout: 20_000 });
  await desk.reload();
  await expect(desk.locator(`[data-testid="checklist-row"][data-id="${viaConsole.id}"]`)).toHaveAttribute('data-status', 'done');
  await expect(desk.locator(`[data-testid="checklist-row"][data-id="${viaApi.id}"]`)).toHaveAttribute('data-status', 'in_progress');
  await expect(desk.getByTestId('response-timeline')).toContainText('抽排设备已到位');
  await desk.getByTestId('responses-section').screenshot({ path: `${shots}/plans-console-after-sigkill.png` });
});
