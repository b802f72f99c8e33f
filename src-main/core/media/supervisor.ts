// Keeps one Janus process running: writes a fresh config (new secrets, a free port) at every start,
// spawns `janus -F <dir>`, waits for its WebSocket API to answer, and when it dies starts it again
// after a back-off (250 ms doubling to 30 s; reset once it has run 30 s; the first restart of one
// that had come up is immediate). It reports its health on
// every change. A missing binary is a state (未安装), not an error: the rest of the app works.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { Log } from '../capability';
import type { MediaHealth, MediaState } from '../contract/media';
import { writeJanusConfig, type JanusConfigInput } from './janus-config';

const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 30_000;
/** Running this long resets the back-off. */
const STABLE_MS = 30_000;
/** Failing to come up this many times in a row is `failed` (still retried). */
const FAILED_AFTER = 5;
const ANSWER_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 2000;
const LOG_LINES = 40;

/** Where the running Janus answers, and the secrets the hub uses with it. */
export interface JanusEndpoint {
  url: string;
  apiSecret: string;
  adminKey: string;
}

export interface SupervisorOptions {
  binary: string;
  /** The generated config folder (its janus.pid names a process left by a hub that died). */
  dir: string;
  /** The config, less what the supervisor picks per start (port and secrets). */
  config: () => Omit<JanusConfigInput, 'wsPort' | 'apiSecret' | 'adminSecret' | 'adminKey' | 'dir'>;
  /** A fixed WebSocket port; 0 picks a free one at every start. */
  wsPort: number;
  log: Log;
  now: () => number;
  /** Janus answers: connect to it. A rejection counts as a failed start. */
  onUp(endpoint: JanusEndpoint): Promise<void>;
  /** Janus went away (or is being stopped): drop everything held on it. */
  onDown(): void;
  onHealth(): void;
}

type Health = Omit<MediaHealth, 'mountpoints'>;

const secret = (): string => randomBytes(24).toString('base64url');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Whether Janus's WebSocket answers an `info` request with our secret. */
function answers(url: string, apiSecret: string): Promise<boolean> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, 'janus-protocol');
    const done = (ok: boolean): void => {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), 1000);
    ws.on('open', () => ws.send(JSON.stringify({ janus: 'info', transaction: 'probe', apisecret: apiSecret })));
    ws.on('message', (data) => done(String(data).includes('server_info')));
    ws.on('error', () => done(false));
  });
}

export class JanusSupervisor {
  private child: ChildProcess | null = null;
  private health: Health = { state: 'starting', pid: null, upSince: null, restarts: 0, lastError: null };
  private failures = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopping = false;
  private readonly lines: string[] = [];

  constructor(private readonly opts: SupervisorOptions) {}

  get current(): Health {
    return { ...this.health };
  }

  /** The last lines Janus printed (its log is warnings and errors only). */
  get recentLog(): string[] {
    return [...this.lines];
  }

  start(): void {
    this.stopping = false;
    this.killLeftover();
    void this.launch();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const child = this.child;
    this.child = null;
    this.opts.onDown();
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const hard = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(hard);
    }
    rmSync(join(this.opts.dir, 'janus.pid'), { force: true });
  }

  private set(patch: Partial<Health>): void {
    this.health = { ...this.health, ...patch };
    this.opts.onHealth();
  }

  /** A Janus started by a hub that was killed (its pid file names it, its command line our folder). */
  private killLeftover(): void {
    const pidFile = join(this.opts.dir, 'janus.pid');
    try {
      const pid = Number(readFileSync(pidFile, 'utf8'));
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes(this.opts.dir)) {
        process.kill(pid, 'SIGKILL');
        this.opts.log.warn(`[media] killed Janus ${pid} left running by an earlier hub`);
      }
    } catch {
      // no pid file, or the process is gone
    }
  }

  private async launch(): Promise<void> {
    this.timer = null;
    if (this.stopping) return;
    if (!existsSync(this.opts.binary)) {
      this.set({ state: 'missing', pid: null, upSince: null, lastError: `${this.opts.binary} is not installed (apt-get install janus)` });
      return;
    }
    const state: MediaState = this.health.restarts > 0 || this.failures > 0 ? (this.failures >= FAILED_AFTER ? 'failed' : 'restarting') : 'starting';
    let endpoint: JanusEndpoint;
    let child: ChildProcess;
    try {
      const wsPort = this.opts.wsPort || (await freePort());
      const apiSecret = secret();
      const adminKey = secret();
      writeJanusConfig({ ...this.opts.config(), wsPort, apiSecret, adminSecret: secret(), adminKey, dir: this.opts.dir });
      endpoint = { url: `ws://127.0.0.1:${wsPort}`, apiSecret, adminKey };
      // -o: no colours in the log we keep. Logs go to stdout (kept in memory, errors to our log).
      child = spawn(this.opts.binary, ['-F', this.opts.dir, '-C', join(this.opts.dir, 'janus.jcfg'), '-o'], { stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      return this.failed(`cannot start Janus: ${(err as Error).message}`);
    }
    this.child = child;
    if (child.pid) writeFileSync(join(this.opts.dir, 'janus.pid'), String(child.pid), { mode: 0o600 });
    this.set({ state, pid: child.pid ?? null, upSince: null });
    const startedAt = this.opts.now();
    let up = false;
    const onLine = (chunk: Buffer): void => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        this.lines.push(line);
        if (this.lines.length > LOG_LINES) this.lines.shift();
        if (line.includes('[ERR]')) this.opts.log.warn(`[media] janus: ${line.replace(/^\[[^\]]*\]\s*/, '')}`);
      }
    };
    child.stdout!.on('data', onLine);
    child.stderr!.on('data', onLine);
    child.once('error', (err) => this.opts.log.warn(`[media] janus: ${err.message}`));
    child.once('exit', (code, signal) => {
      if (this.child !== child) return; // stopped on purpose
      this.child = null;
      this.opts.onDown();
      if (up && this.opts.now() - startedAt >= STABLE_MS) this.failures = 0;
      const last = [...this.lines].reverse().find((l) => l.includes('[ERR]'));
      const why = `Janus exited (${signal ?? `code ${code}`})${last ? `: ${last.slice(0, 300)}` : ''}`;
      this.opts.log.warn(`[media] ${why}`);
      this.health.restarts++;
      // A Janus that was running and died is started again at once (every call through it waits);
      // a second death in a row waits the back-off.
      this.failed(why, up && this.failures === 0);
    });

    // Wait for its API, then connect.
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    while (this.child === child && Date.now() < deadline) {
      if (await answers(endpoint.url, endpoint.apiSecret)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    if (this.child !== child) return;
    try {
      if (Date.now() >= deadline) throw new Error(`its WebSocket did not answer within ${ANSWER_TIMEOUT_MS / 1000} s`);
      await this.opts.onUp(endpoint);
    } catch (err) {
      if (this.child !== child) return;
      this.set({ lastError: `Janus did not come up: ${(err as Error).message}` });
      child.kill('SIGKILL'); // its exit schedules the next try
      return;
    }
    if (this.child !== child) return;
    up = true;
    this.set({ state: 'running', upSince: this.opts.now() });
  }

  /** Records a failure and schedules the next start. */
  private failed(why: string, atOnce = false): void {
    this.failures++;
    const state: MediaState = this.failures >= FAILED_AFTER ? 'failed' : 'restarting';
    this.set({ state, pid: null, upSince: null, lastError: why.slice(0, 500) });
    if (this.stopping) return;
    const backoff = atOnce ? 0 : Math.min(FIRST_BACKOFF_MS * 2 ** (this.failures - 1), MAX_BACKOFF_MS);
    this.timer = setTimeout(() => void this.launch(), backoff);
  }
}
