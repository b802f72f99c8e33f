// The desktop app's first run and client role, in Chromium against the built hub (issue 14). No
// Electron binary runs here, so the preload's bridge is stood in by an init script with the same
// shape (client/bridge.ts); everything else is real: the setup page, the district's code spent at
// the hub's /enrol (as the shell's enrolWithHub does, tested under Node in tests/unit/shell), and a
// client window whose socket list (link A, then B, with the machine's credential) is what the
// shell's preload hands over: link A is down, so the window must reach the hub on B.
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { startHubProcess, type HubProcess } from '../support/hub-process';
import { tempDir } from '../support/temp-dir';
import { closePages, consoleUrl, newPage } from './duty-support';

let hub: HubProcess;
let tmp: ReturnType<typeof tempDir>;
let deadPort: number;

test.beforeAll(async () => {
  tmp = tempDir('cw-e2e-desktop-');
  hub = await startHubProcess(tmp.dir, { extraArgs: ['--demo'] });
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  deadPort = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
});
test.afterEach(closePages);
test.afterAll(async () => {
  await hub?.stop();
  tmp?.remove();
});

test('first run: the setup page names what to fix in either language, enrols with the district code, and the client window reaches the hub over link B', async ({
  browser,
}) => {
  const desk = await newPage(browser);
  await desk.goto(consoleUrl(hub, 'admin'));
  await desk.getByTestId('enrol-kind').selectOption('street');
  await desk.getByTestId('enrol-street').selectOption('北京街');
  await desk.getByTestId('enrol-issue').click();
  const code = (await desk.getByTestId('enrol-code-text').textContent())!.trim();

  // The first run's window: the bridge says "no role yet" and carries the choice to the "shell".
  const setupContext = await browser.newContext();
  await setupContext.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    w.commandWall = {
      machine: { role: 'setup' },
      invoke: () => Promise.reject(new Error('no core on a machine being set up')),
      subscribe: () => () => undefined,
      printToPdf: async () => ({ ok: false }),
      setUp: async (choice: { role: string; hubUrls: string[]; code: string; name: string }) => {
        const res = await fetch(`${choice.hubUrls[1]}/enrol`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code: choice.code, name: choice.name }),
        });
        const body = await res.json();
        if (!res.ok) return { ok: false, reason: 'refused', message: body.error.message };
        w.enrolled = body;
        return { ok: true };
      },
    };
  });
  const setup = await setupContext.newPage();
  // In the app the page comes from app://wall; here the hub serves it (it calls nothing on the hub).
  await setup.goto(`${hub.origin}/?token=${hub.token}&view=setup`);
  await expect(setup.getByTestId('setup-page')).toContainText('首次设置');
  await setup.getByTestId('setup-submit').click();
  await expect(setup.getByTestId('setup-page').locator('.field-error')).toHaveText([
    '请填写链路 A 上的服务端地址',
    '注册码为 8 位字母或数字，如 K7QF-3MZD',
    '请填写本机名称',
  ]);
  await setup.getByTestId('language-toggle').click();
  await expect(setup.getByTestId('setup-page').locator('.field-error').first()).toHaveText('Give the hub’s address on link A');
  await setup.getByTestId('setup-hub-a').fill(`http://127.0.0.1:${deadPort}`);
  await setup.getByTestId('setup-hub-b').fill(hub.origin);
  await setup.getByTestId('setup-code').fill(code.toLowerCase());
  await setup.getByTestId('setup-name').fill('北京街 值班电脑');
  await setup.getByTestId('setup-submit').click();
  await expect(setup.getByTestId('setup-reply')).toHaveText('Saved; restarting in the chosen role…');
  const enrolled = (await setup.evaluate(() => (window as unknown as { enrolled: { credential: string; machine: { street: string } } }).enrolled))!;
  expect(enrolled.machine.street).toBe('北京街');
  await setupContext.close();

  // After the restart: a client window, its sockets on link A (down) and link B.
  const clientContext = await browser.newContext();
  const sockets = [`ws://127.0.0.1:${deadPort}/rpc`, `${hub.origin.replace('http', 'ws')}/rpc`].map(
    (u) => `${u}?token=${encodeURIComponent(enrolled.credential)}`,
  );
  await clientContext.addInitScript((s: string[]) => {
    (window as unknown as Record<string, unknown>).commandWall = {
      machine: { role: 'client', sockets: s, machineName: '北京街 值班电脑' },
      invoke: () => Promise.reject(new Error('a client window has no core')),
      subscribe: () => () => undefined,
      printToPdf: async () => ({ ok: false }),
      setUp: async () => ({ ok: false, reason: 'invalid', message: 'set up already' }),
    };
  }, sockets);
  const street = await clientContext.newPage();
  // In the app the page comes from app://wall; here the hub serves it (the credential lets the page load in).
  await street.goto(`${hub.origin}/?token=${encodeURIComponent(enrolled.credential)}&view=console`);
  await expect(street.getByTestId('console')).toBeVisible();
  await expect(street.getByTestId('transport-status')).toHaveAttribute('data-status', 'open', { timeout: 10_000 });
  // A street machine: no administration offered.
  await expect(street.getByTestId('tab-admin')).toHaveCount(0);
  await clientContext.close();
});
