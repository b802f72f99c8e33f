import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

/** The contract's path alias, as tsconfig.json declares it (renderer and tests import `@contract/…`). */
const contract = fileURLToPath(new URL('./src-main/core/contract', import.meta.url));

const INCLUDE = ['tests/unit/**/*.test.ts', 'src-main/**/*.test.ts', 'src-renderer/src/**/*.test.{ts,tsx}'];

/**
 * Files run one at a time, after the others (nothing else runs beside them): real servers with
 * timing targets (Janus, upsd, slapd, Modbus and SNMP within two poll intervals), time and
 * event-loop budgets of about a second a busy neighbour would eat into, and the tests that walk
 * the source tree (import circles, English complete, refusals, the colour language; a new test
 * that walks it goes here too): lint-rules.test.ts, in the unit group, writes probe files into
 * src-main and src-renderer for a few seconds, and a walk listing one as it is removed would fail
 * on a missing file. The walks take a second or so each; the lint test (13-20 s of type-aware
 * lint) runs beside the others instead.
 */
const ALONE = [
  'tests/unit/media/recording.test.ts',
  'tests/unit/media/janus-supervisor.test.ts',
  'tests/unit/media/sfu.test.ts',
  'tests/unit/power/nut.test.ts',
  'tests/unit/power/modbus.test.ts',
  'tests/unit/power/snmp.test.ts',
  'tests/unit/hub/hardening.test.ts',
  'tests/unit/identity/enrol.test.ts',
  'tests/unit/plans/live.test.ts',
  'tests/unit/identity/ldap.test.ts',
  'tests/unit/duty/xlsx-bomb.test.ts',
  'tests/unit/warnings/xml-budget.test.ts',
  'tests/unit/warnings/cap-budget.test.ts',
  'tests/unit/architecture/import-circles.test.ts',
  'tests/unit/architecture/english-complete.test.ts',
  'tests/unit/contract/refusals.test.ts',
  'tests/unit/wall/colour-language.test.ts',
];

export default defineConfig({
  resolve: { alias: { '@contract': contract } },
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: INCLUDE,
          exclude: [...configDefaults.exclude, ...ALONE],
          // Two files at a time even on two cores (vitest's default there is one): most files wait on
          // sockets, child processes and timers, not on the CPU.
          maxWorkers: Math.max(2, availableParallelism() - 1),
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'alone',
          include: ALONE,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
