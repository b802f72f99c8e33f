// `npm start` (after the build): the desktop app where an Electron runtime exists; otherwise
// one line saying so, then the same UI in browser mode from the headless hub.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    // The electron package exports the path of its downloaded binary, or throws when it has none.
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const args = process.argv.slice(2);
const binary = electronBinary();
const child = binary
  ? spawn(binary, [root, ...args], { stdio: 'inherit' })
  : (console.log('No Electron runtime on this machine: serving the wall in browser mode instead (open the URL below in a browser).'),
    spawn(process.execPath, [`${root}out/main/hub.js`, ...args], { stdio: 'inherit' }));

for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
