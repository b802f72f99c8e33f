// The consultation scenarios: real Chromium in network namespaces (root only). Run apart from
// the unit tests: `npx vitest run --config tests/net/vitest.config.mts`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/net/**/*.test.ts'],
    environment: 'node',
    // One harness (three browsers) at a time, and the scenarios in order on the same call.
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 120_000,
    hookTimeout: 180_000,
    reporters: ['verbose'],
  },
});
