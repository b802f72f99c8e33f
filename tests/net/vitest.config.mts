// The consultation scenarios: real Chromium in network namespaces (root only). Run apart from
// the unit tests: `npx vitest run --config tests/net/vitest.config.mts`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The contract's path alias, as tsconfig.json declares it (renderer and tests import `@contract/…`). */
const contract = fileURLToPath(new URL('../../src-main/core/contract', import.meta.url));

export default defineConfig({
  resolve: { alias: { '@contract': contract } },
  test: {
    include: ['tests/net/**/*.test.ts'],
    // One build of the app for every file (each harness used to build its own).
    globalSetup: ['tests/net/global-setup.ts'],
    environment: 'node',
    // One harness (three browsers) at a time, and the scenarios in order on the same call.
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['verbose'],
  },
});
