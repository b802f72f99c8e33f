import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The contract's path alias, as tsconfig.json declares it (renderer and tests import `@contract/…`). */
const contract = fileURLToPath(new URL('./src-main/core/contract', import.meta.url));

export default defineConfig({
  resolve: { alias: { '@contract': contract } },
  test: {
    include: ['tests/unit/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/src/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
