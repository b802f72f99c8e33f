// Checks for the system packages the tests need. As root on Debian it installs the missing
// ones with apt-get; otherwise it fails and names the command to run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { SYSTEM_PACKAGES } from './system-packages.mjs';

const missing = SYSTEM_PACKAGES.filter((p) => !existsSync(p.proof));
if (missing.length === 0) process.exit(0);

const names = missing.map((p) => p.pkg);
const command = `apt-get install -y ${names.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const isDebian = existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
for (const p of missing) console.error(`missing system package ${p.pkg} (${p.proof}): ${p.why}`);
if (!isRoot || !isDebian) {
  console.error(`run as root: apt-get update && ${command}`);
  process.exit(1);
}
console.error(`installing: ${names.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', ...names], { stdio: 'inherit', env });
const still = missing.filter((p) => !existsSync(p.proof));
if (still.length > 0) {
  console.error(`still missing after apt-get: ${still.map((p) => p.pkg).join(' ')}`);
  process.exit(1);
}
