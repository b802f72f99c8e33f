// The browser every e2e test and the wall bench run (playwright.config.ts): our `--disable-features`
// must repeat Playwright's own list, since Chromium reads only the last `--disable-features` given.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumArgs, PLAYWRIGHT_DISABLED_FEATURES } from '../../../playwright.config';

/** The features Playwright's own launcher disables (its chromiumSwitches.ts, bundled). */
function playwrightsList(): string[] {
  const core = dirname(createRequire(import.meta.url).resolve('playwright-core/package.json'));
  const bundle = readFileSync(join(core, 'lib', 'coreBundle.js'), 'utf8');
  const m = /disabledFeatures = \[([\s\S]*?)\]\.filter\(Boolean\)/.exec(bundle);
  if (!m) throw new Error('playwright-core: its disabledFeatures list was not found in lib/coreBundle.js (moved?): read it again');
  return [...m[1].replace(/\/\/.*$/gm, '').matchAll(/"([^"]+)"/g)].map((x) => x[1]);
}

describe('the Chromium the tests launch', () => {
  it('repeats every feature Playwright disables in its one --disable-features', () => {
    const ours = CHROMIUM_ARGS.filter((a) => a.startsWith('--disable-features='));
    expect(ours).toHaveLength(1);
    const list = ours[0].slice('--disable-features='.length).split(',');
    const theirs = playwrightsList();
    expect(theirs.length).toBeGreaterThan(5);
    expect(theirs.filter((f) => !list.includes(f))).toEqual([]);
    expect([...PLAYWRIGHT_DISABLED_FEATURES].sort()).toEqual([...theirs].sort());
    // The browser's own window UI is off (its renderer took CPU from the wall under test).
    expect(list).toContain('WebUIOmniboxPopup');
  });

  it('adds a test’s own features to the same one flag', () => {
    const args = chromiumArgs('WebRtcHideLocalIpsWithMdns');
    const flags = args.filter((a) => a.startsWith('--disable-features='));
    expect(flags).toHaveLength(1);
    expect(flags[0]).toContain('WebRtcHideLocalIpsWithMdns');
    expect(flags[0]).toContain('PaintHolding');
  });
});
