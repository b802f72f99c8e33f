// Starts tests/support/demo-hub-child.ts in a child process (node --import tsx) and resolves with
// its port once it listens: the durability tests kill it with SIGKILL, the dispatch bench loads it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export function startDemoHubChild(dataDir: string, token: string, timeoutMs = 30_000): Promise<{ child: ChildProcess; port: number }> {
  const c = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'demo-hub-child.ts'), dataDir, token], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub child did not start within ${timeoutMs / 1000} s:\n${out}`)), timeoutMs);
    c.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /ready on port (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child: c, port: Number(m[1]) });
      }
    });
    c.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    c.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`hub child exited (${code ?? signal}) before it was ready:\n${out}`));
    });
  });
}
