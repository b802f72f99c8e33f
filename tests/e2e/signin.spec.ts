// Signing in on the console, in Chromium against the built hub with the demo set: a signed-in
// 值班员 is refused a Level Ⅰ response (the page-wide banner names plans.activateMajor); signed out
// and signed in as the 带班领导, the same activation goes through and the wall shows it; a reload
// of the console resumes the session (auth.resume). People have passwords here, so the console
// page on the token acts only as whoever signs in (actAs signs in; no 当前操作人 drop-down).
import { expect, test, type Page } from '@playwright/test';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import type { TestSocket } from '../support/rpc-socket';
import { tempDir } from '../support/temp-dir';
import { actAs, closePages, consoleUrl, newPage, wallUrl } from './duty-support';
import { must, rpc, shots, showOnWall } from './map-support';

const PASSWORD = 'e2e sign-in 1';

let hub: HubProcess;
let sock: TestSocket;
// Made in beforeAll: the test runner also loads this file (to list the tests) and would leave one behind.
let tmp: ReturnType<typeof tempDir>;

interface Person {
  id: string;
  name: string;
  role: string;
  active: boolean;
}
let officer: Person;
let leader: Person;
let plan: { id: string; title: string };

test.beforeAll(async () => {
  tmp = tempDir('cw-e2e-signin-');
  hub = await startHubProcess(tmp.dir, { extraArgs: ['--demo'] });
  sock = await rpc(hub);
  await showOnWall(sock, 'signin', '2x2', ['plan-responses', null, null, null]);
  const people: Person[] = await must(sock, 'duty.listPeople');
  officer = people.find((p) => p.active && p.role === 'officer')!;
  leader = people.find((p) => p.active && p.role === 'leader')!;
  // The bootstrap token sets the first passwords (the first set-up).
  for (const p of [officer, leader]) await must(sock, 'auth.setPassword', { personId: p.id, password: PASSWORD });
  const plans: { id: string; title: string; activeResponseId: string | null; levels: string[] }[] = await must(sock, 'plans.list');
  plan = plans.find((p) => p.activeResponseId === null && p.levels.includes('I'))!;
});
test.afterEach(closePages);
test.afterAll(async () => {
  sock?.close();
  await hub?.stop();
  tmp?.remove();
});

async function signIn(page: Page, who: Person): Promise<void> {
  await actAs(page, who.id, { name: who.name, password: PASSWORD });
  await expect(page.getByTestId('signin-who')).toHaveText(`${who.name} · ${who.role === 'leader' ? '带班领导' : '值班员'}`);
}

async function activateLevelOne(page: Page): Promise<void> {
  await page.getByTestId('plan-row').filter({ hasText: plan.title }).first().click();
  await expect(page.getByTestId('plan-detail')).toHaveAttribute('data-id', plan.id);
  await page.getByTestId('activate-level').selectOption('I');
  await page.getByTestId('activate-plan').click();
}

test('a 值班员 is refused a Level Ⅰ response, the 带班领导 starts it, and a reload stays signed in', async ({ browser }) => {
  const wall = await newPage(browser, { width: 1920, height: 1080 });
  await wall.goto(wallUrl(hub));
  await expect(wall.getByTestId('wall')).toHaveAttribute('data-preset', 'signin');
  const desk = await newPage(browser);
  await desk.goto(consoleUrl(hub, 'plans'));
  // The first set-up is over (people have passwords): this console page on the bootstrap token
  // (browser mode) offers no 当前操作人 to choose, only the sign-in box.
  await expect(desk.getByTestId('actor-picker').first()).toHaveAttribute('data-rule', 'session');

  // A wrong password is refused beside the form.
  await desk.getByTestId('signin-name').fill(officer.name);
  await desk.getByTestId('signin-password').fill('not the password');
  await desk.getByTestId('signin-submit').click();
  await expect(desk.getByTestId('signin-error')).toContainText('姓名或密码错误');

  await signIn(desk, officer);
  await desk.getByTestId('signin-box').screenshot({ path: `${shots}/signin-officer.png` });
  await activateLevelOne(desk);
  await expect(desk.getByTestId('error-banner')).toBeVisible();
  await expect(desk.getByTestId('error-message')).toContainText('没有权限：此操作需要“预案启动（Ⅰ/Ⅱ级）”权限');
  await expect(desk.getByTestId('error-detail')).toContainText('plans.activateMajor');
  await desk.getByTestId('error-dismiss').click();

  await desk.getByTestId('signout').click();
  await expect(desk.getByTestId('signin-name')).toBeVisible();
  // People have passwords: this console page on the token acts only as whoever signs in (no
  // 当前操作人 to choose; the hub refuses a `by` from it without a session).
  await expect(desk.getByTestId('actor-sign-in-first').first()).toBeVisible();
  await expect(desk.getByTestId('actor-select').first()).toBeDisabled();
  await signIn(desk, leader);
  await activateLevelOne(desk);
  await expect(wall.locator('[data-testid="plan-response"][data-level="I"]')).toHaveCount(1);
  await expect(desk.getByTestId('error-banner')).toHaveCount(0);
  // The wall's duty slot says who is signed in at which console (this page is on the token: the host),
  // and only who is: the 值班员 signed out.
  await expect(wall.getByTestId('slot-signed-in')).toContainText(`${leader.name}（主机）`);
  await expect(wall.getByTestId('slot-signed-in')).not.toContainText(officer.name);

  // A reload resumes the session kept for this window.
  await desk.reload();
  await expect(desk.getByTestId('signin-who')).toHaveText(`${leader.name} · 带班领导`);
  await expect(desk.getByTestId('actor-select').first()).toHaveValue(leader.id);
});

// A data folder from before sign-in: its people have no password (the demo's chief has none here).
// Nobody signs in without one: the administrator (here the bootstrap token's page, the first set-up)
// issues a one-time code, and the person sets their own password with it at 首次登录.
test('first sign-in: a person without a password sets one with an administrator’s one-time code', async ({ browser }) => {
  const people: Person[] = await must(sock, 'duty.listPeople');
  const chief = people.find((p) => p.active && p.role === 'chief')!;
  const desk = await newPage(browser);
  await desk.goto(consoleUrl(hub, 'duty'));
  // No password yet: refused like a wrong one, and pointed at 首次登录.
  await desk.getByTestId('signin-name').fill(chief.name);
  await desk.getByTestId('signin-password').fill('anything at all');
  await desk.getByTestId('signin-submit').click();
  await expect(desk.getByTestId('signin-error')).toContainText('首次登录', { timeout: 15_000 });

  const admin = await newPage(browser);
  await admin.goto(consoleUrl(hub, 'admin'));
  const row = admin.locator(`[data-testid="account-${chief.id}"]`);
  await expect(row).toContainText('未设置密码', { timeout: 15_000 });
  await admin.getByTestId(`account-issue-${chief.id}`).click();
  await expect(admin.getByTestId('password-code-text')).toBeVisible({ timeout: 15_000 });
  const code = (await admin.getByTestId('password-code-text').textContent())!.trim();
  expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  await expect(row).toContainText('一次性码待使用', { timeout: 15_000 });

  await desk.getByTestId('signin-first').click();
  await desk.getByTestId('first-name').fill(chief.name);
  await desk.getByTestId('first-code').fill(code);
  await desk.getByTestId('first-password').fill('chief first 1');
  await desk.getByTestId('first-again').fill('chief first 2');
  await expect(desk.getByTestId('first-hint')).toContainText('不一致');
  await expect(desk.getByTestId('first-submit')).toBeDisabled();
  await desk.getByTestId('first-again').fill('chief first 1');
  await desk.getByTestId('first-submit').click();
  await expect(desk.getByTestId('signin-who')).toHaveText(`${chief.name} · 值班长`, { timeout: 15_000 });
  await expect(desk.getByTestId('actor-select').first()).toHaveValue(chief.id);
  // The code is spent: the same code sets nothing again.
  const again = await sock.call('auth.setFirstPassword', { name: chief.name, code, password: 'taken over 1' });
  expect(again.error?.code).toBe(-32001);
});
