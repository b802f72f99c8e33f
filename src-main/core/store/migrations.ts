import type { Migration } from './types';
import { StoreError } from './types';

/** Checks that versions are exactly 1..n (any order in the array) and returns them sorted. */
export function validateMigrations(migrations: Migration[]): Migration[] {
  if (!Array.isArray(migrations)) throw new StoreError('migrations must be an array');
  for (const m of migrations) {
    if (!m || !Number.isInteger(m.version) || m.version < 1) {
      throw new StoreError(`migration ${JSON.stringify(m?.name)} has invalid version ${String(m?.version)}: versions are integers starting at 1`);
    }
    if (typeof m.up !== 'string') throw new StoreError(`migration ${m.version} (${JSON.stringify(m.name)}) has no SQL in "up"`);
  }
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (let i = 0; i < sorted.length; i++) {
    const m = sorted[i];
    if (i > 0 && sorted[i - 1].version === m.version) {
      throw new StoreError(`migration version ${m.version} is defined twice (${JSON.stringify(sorted[i - 1].name)} and ${JSON.stringify(m.name)})`);
    }
    if (m.version !== i + 1) {
      throw new StoreError(`migrations must be numbered 1..n without gaps: version ${i + 1} is missing (next is ${m.version}, ${JSON.stringify(m.name)})`);
    }
  }
  return sorted;
}
