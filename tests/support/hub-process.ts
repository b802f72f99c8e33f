// Starts the built hub (out/main/hub.js, as `npm run hub` does) as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface HubProcess {
  url: string;
  origin: string;
  port: number;
  token: string;
  child: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const ROOT = join(__dirname, '..', '..');

export function startHubProcess(dataDir: string, opts: { port?: number; token?: string; extraArgs?: string[] } = {}): Promise<HubProcess> {
  const token = opts.token ?? 'e2e-token-0123456789';
  // The token by environment, as a supervised hub gets it: never on a command line others can read.
  const child = spawn(process.execPath, [join(ROOT, 'out/main/hub.js'), '--data', dataDir, '--port', String(opts.port ?? 0), ...(opts.extraArgs ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, COMMAND_WALL_TOKEN: token },
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      // A hub that never said it was listening must not outlive the test.
      child.kill('SIGKILL');
      reject(new Error(`hub did not start within 30 s:\n${out}`));
    }, 30_000);
    const onData = (d: Buffer): void => {
      out += d.toString();
      const m = out.match(/listening: (http:\/\/[^\s]+)/);
      if (!m) return;
      clearTimeout(timer);
      const url = m[1];
      const u = new URL(url);
      resolve({
        url,
        origin: u.origin,
        port: Number(u.port),
        token,
        child,
        output: () => out,
        stop: (signal = 'SIGTERM') =>
          new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill(signal);
          }),
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code} before listening:\n${out}`));
    });
  });
}
