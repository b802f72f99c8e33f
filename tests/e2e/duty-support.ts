// Shared by the duty and plans e2e specs: pages on the hub, the acting person, and a timer that
// measures how long a change made on the console takes to show on another page.
import { expect, type Browser, type Page } from '@playwright/test';
import { appendFileSync, mkdirSync } from 'node:fs';
import type { ConsoleTab } from '../../src-renderer/src/console/duty/console-tab';
import type { HubProcess } from '../support/hub-process';

export const wallUrl = (hub: HubProcess, display = 0): string => `${hub.origin}/?token=${hub.token}&view=wall&display=${display}`;
export const consoleUrl = (hub: HubProcess, tab: ConsoleTab = 'duty'): string => `${hub.origin}/?token=${hub.token}&view=console&tab=${tab}`;

const opened: Page[] = [];

/** A new page (its own context, so its own acting person) that reports its script errors in the test log. */
export async function newPage(browser: Browser, viewport = { width: 1366, height: 900 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (e) => console.error(`[page error] ${e.stack ?? e.message}`));
  opened.push(page);
  return page;
}

/** Closes the pages newPage opened (they outlive a test otherwise, and keep reconnecting to a stopped hub). */
export async function closePages(): Promise<void> {
  await Promise.all(opened.splice(0).map((p) => p.context().close()));
}

/**
 * Makes a person the one who acts on this console (every record is signed with it). While nobody
 * has a password (the first set-up: the demo data) the console's 当前操作人 is chosen from its
 * drop-down; once anyone has one, a console page on the token acts only as whoever signs in
 * (contract/identity.ts ActorRule): give the person's name and password and actAs signs them in.
 */
export async function actAs(page: Page, personId: string, signIn?: { name: string; password: string }): Promise<void> {
  if (!signIn) {
    await page.getByTestId('actor-select').first().selectOption(personId);
    return;
  }
  await page.getByTestId('signin-name').fill(signIn.name);
  await page.getByTestId('signin-password').fill(signIn.password);
  await page.getByTestId('signin-password').press('Enter');
  // The acting person is the signed-in one, and cannot be changed.
  await expect(page.getByTestId('actor-select').first()).toHaveValue(personId);
  await expect(page.getByTestId('actor-select').first()).toBeDisabled();
}

// `shown` runs in the other page with `arg` (serialised into it), hence its loose parameter type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type InPage = (arg: any) => boolean;

/**
 * Milliseconds from just before `act` (a click on the console) until `shown` holds on the other
 * page, checked every 10 ms in that page: an upper bound on the push latency, since it includes
 * the click, the server's durable write and the render.
 */
export async function latency(other: Page, act: () => Promise<void>, shown: InPage, arg?: unknown): Promise<number> {
  const t0 = Date.now();
  await act();
  await other.waitForFunction(shown, arg, { polling: 10, timeout: 5000 });
  return Date.now() - t0;
}

/** Measured latencies go to test-results/duty-latencies.jsonl (one line per change) and the log. */
export function recordLatency(change: string, ms: number): void {
  mkdirSync('test-results', { recursive: true });
  appendFileSync('test-results/duty-latencies.jsonl', `${JSON.stringify({ change, ms, at: new Date().toISOString() })}\n`);
  console.log(`[latency] ${change}: ${ms} ms`);
}
