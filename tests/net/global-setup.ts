// One build of the app (hub and renderer) for every file of `npm run test:net`, made before the
// first file runs: each file's harness used to build its own (7–11 s each at load 12–15 in s7; not,
// as was thought, most of what the SFU scenario costs: its namespaces, Chromium and 18 site
// processes are). The build is private to this run (not the shared out/, which other
// builds may change under a running test); the harness finds it through CWNET_BUILD and builds its
// own when run outside vitest (the benches). Skipped where the scenarios are (no root, no `ip`).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from './harness';
import { canUseNamespaces } from './netns';

export default function setup(): () => void {
  if (!canUseNamespaces().ok || process.env.CWNET_BUILD) return () => undefined;
  const dir = mkdtempSync(join(tmpdir(), 'cwnet-build-'));
  const t0 = Date.now();
  process.env.CWNET_BUILD = buildApp(dir);
  console.log(`[tests/net] one build for every scenario file: ${Date.now() - t0} ms`);
  return () => rmSync(dir, { recursive: true, force: true });
}
