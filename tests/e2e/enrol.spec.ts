// Enrolling a street centre's browser, in Chromium against the built hub (issue 14): the district
// console (bootstrap token, nobody signed in: the first set-up) issues a code for 华乐街, shown as
// text and as a QR code; a fresh browser opens the code's /enrol address, names itself and lands on
// its console as that street's machine (credential in localStorage, no token or credential left in
// its address, no administration shown); revoked from the district console, it loses the hub.
import { expect, test } from '@playwright/test';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/temp-dir';
import { closePages, consoleUrl, newPage } from './duty-support';
import { shots } from './map-support';

// Twin in shape of plans-durability.spec.ts (and most specs): each spec starts its own demo hub in view; kept apart on purpose.
let hub: HubProcess;
let tmp: ReturnType<typeof tempDir>;

test.beforeAll(async () => {
  tmp = tempDir('cw-e2e-enrol-');
  hub = await startHubProcess(tmp.dir, { extraArgs: ['--demo'] });
});
test.afterEach(closePages);
test.afterAll(async () => {
  await hub?.stop();
  tmp?.remove();
});

test('a street machine enrols by its code and QR address, holds no token, and is cut off when revoked', async ({ browser }) => {
  const desk = await newPage(browser);
  await desk.goto(consoleUrl(hub, 'admin'));
  const machines = desk.getByTestId('machines-console');
  await expect(machines).toBeVisible();
  await desk.getByTestId('enrol-kind').selectOption('street');
  await desk.getByTestId('enrol-street').selectOption('华乐街');
  await desk.getByTestId('enrol-issue').click();
  const code = (await desk.getByTestId('enrol-code-text').textContent())!.trim();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(desk.getByTestId('enrol-code-qr')).toHaveAttribute('src', /^data:image\/png;base64,/);
  await desk.getByTestId('enrol-code').screenshot({ path: `${shots}/enrol-code.png` });

  // A browser with nothing of the hub's: the QR code's address.
  const context = await browser.newContext();
  const street = await context.newPage();
  await street.goto(`${hub.origin}/enrol?code=${encodeURIComponent(code)}`);
  await expect(street.locator('input[name=code]')).toHaveValue(code);
  await street.locator('input[name=name]').fill('华乐街 值班电脑');
  await street.getByRole('button').click();
  await expect(street.getByTestId('console')).toBeVisible();
  await expect(street.getByTestId('transport-status')).toHaveAttribute('data-status', 'open');
  await expect.poll(() => street.evaluate(() => localStorage.getItem('command-wall.machine'))).toMatch(/^cwm\./);
  expect(street.url()).not.toContain('token');
  expect(street.url()).not.toContain('cw-machine');
  // A street machine administers nothing: not even the tab is offered.
  await expect(street.getByTestId('tab-admin')).toHaveCount(0);
  await expect(street.getByTestId('admin-console')).toHaveCount(0);

  // Listed on the district console, and revoked there: the street's page loses the hub.
  const row = desk.getByTestId('machines-table').locator('tr', { hasText: '华乐街 值班电脑' });
  await expect(row).toContainText('127.0.0.1');
  await row.getByTestId('machine-revoke').click();
  await row.getByTestId('machine-revoke-confirm').click();
  await expect(row).toContainText('已吊销');
  await expect(street.getByTestId('transport-status')).not.toHaveAttribute('data-status', 'open', { timeout: 3000 });

  // The audit trail on the console: the enrolment and the revocation, and the chain verifies.
  await desk.getByTestId('audit-method').fill('auth.revokeMachine');
  await desk.getByTestId('audit-apply').click();
  await expect(desk.getByTestId('audit-table').locator('tbody tr')).toHaveCount(1);
  await desk.getByTestId('audit-verify').click();
  await expect(desk.getByTestId('audit-verified')).toContainText('哈希链完整');
  await desk.getByTestId('admin-console').screenshot({ path: `${shots}/admin-console.png` });
  await context.close();
});
