// `npm run bench -- [name ...]`: runs the named benchmarks (all when none is named). Each
// prints JSON lines; comparisons are measured against a baseline in the same process.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, 'tests/bench');
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''));
const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length > 0) {
  console.error(`unknown benchmark: ${unknown.join(', ')} (available: ${available.join(', ')})`);
  process.exit(2);
}
let failed = false;
for (const name of wanted.length > 0 ? wanted : available) {
  const file = join(dir, `${name}.ts`);
  if (!existsSync(file)) continue;
  // Each benchmark in its own process: one's heap and timers do not disturb the next.
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(dir, '_run.mts'), name], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
