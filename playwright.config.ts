import { defineConfig } from '@playwright/test';

/**
 * Playwright's own `--disable-features` (playwright-core 1.65, chromiumSwitches.ts). Chromium reads
 * only the last `--disable-features` of a command line, so a list of ours replaces Playwright's
 * unless it repeats them (tests/unit/architecture/chromium-args.test.ts checks it still does).
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * Chromium's own window UI (its "top chrome": the omnibox popup, preloaded for each new tab) is
 * web pages too, rendered in a renderer of their own even headless: 0.9 s of CPU during one 4K
 * wall load (a Chromium trace, s10), taken from the page on two cores. Electron, which runs the
 * wall, has none of it. Without it the 4K wall bench's restarts took 2967–4307 ms (median 3954) against
 * 3514–5914 ms (median 4768) with it, in the same hour.
 */
const NO_BROWSER_UI = ['PreloadTopChromeWebUI', 'WebUIOmniboxPopup', 'WebUIOmniboxFullPopup', 'WebUIOmniboxAimPopup'];

/** Debian's Chromium, never a downloaded browser (this machine has no internet); `disabled`: more features off. */
export function chromiumArgs(...disabled: string[]): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--disable-features=${[...PLAYWRIGHT_DISABLED_FEATURES, ...NO_BROWSER_UI, ...disabled].join(',')}`,
  ];
}

export const CHROMIUM_ARGS = chromiumArgs();

/**
 * Specs run one at a time, with nothing beside them (`npm run test:e2e` runs this project after the
 * others): a latency budget of 1-2 s (a change on one page seen on another, a warning switching the
 * wall, a camera tile starting) that a second browser and hub on a two-core machine would eat into,
 * live video judged by its frame rate, or Janus. Every other spec starts its own hub on a free port
 * in its own temporary folder, so two of them run at once: among them the power states
 * (power-continuity: each within 5-10 s), whose budgets held in two workers three runs in a row on
 * a machine at load 18-20 (the HLS camera tile of map-cameras did not: it stays here).
 */
const ALONE = [
  'cameras-rtsp.spec.ts',
  'cameras-whep.spec.ts',
  'consult-sfu.spec.ts',
  'dispatch.spec.ts',
  'duty-live.spec.ts',
  'handover.spec.ts',
  'map-cameras.spec.ts',
  'map-tasks.spec.ts',
  'wall-alarm-preset.spec.ts',
  'wall.spec.ts',
  'wall-replay.spec.ts',
].map((f) => `**/${f}`);

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results/e2e',
  timeout: 60_000,
  workers: 2,
  projects: [
    { name: 'shared', testIgnore: ALONE },
    { name: 'alone', testMatch: ALONE, workers: 1 },
  ],
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    viewport: { width: 1920, height: 1080 },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
