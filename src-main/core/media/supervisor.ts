// Keeps one Janus process running: writes a fresh config (new secrets, a free port) at every start,
// spawns `janus -F <dir>`, waits for its WebSocket API to answer, and when it dies starts it again
// after a back-off (250 ms doubling to 30 s; reset once it has run 30 s; the first restart of one
// that had come up is immediate). With a port picked per start (wsPort 0) a standby Janus is kept
// started and answering beside the running one (its own config folder, standby-a|b): when the
// running one dies, the hub takes the standby at once instead of waiting for a new Janus to
// load (1.1 s at load 19); the hub's connection, session and rooms on it were opened as soon as it
// answered (onStandby, engine.ts), so the takeover is a swap of pointers; the next standby is
// started 5 s later (out of the sites' way while they publish again). It reports its health on
// every change. A missing binary is a state (未安装), not an error: the rest of the app works.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import type { Log } from '../capability';
import type { MediaHealth, MediaState } from '../contract/media';
import { writeJanusConfig, type JanusConfigInput } from './janus-config';

// Twin in shape of src-renderer/src/consult/sfu-link.ts's constants (a block of named delays): Janus's restart back-off here, other clocks
// there (republish, resubscribe, retry), kept apart on purpose.
const FIRST_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 30_000;
/** Running this long resets the back-off. */
const STABLE_MS = 30_000;
/** Failing to come up this many times in a row is `failed` (still retried). */
const FAILED_AFTER = 5;
const ANSWER_TIMEOUT_MS = 15_000;
const STOP_GRACE_MS = 2000;
const LOG_LINES = 40;
/**
 * The next standby is started this long after a Janus came up (the first one), and this long
 * after a standby was taken over: a Janus loading its plugins takes a core for about half a
 * second, which the sites re-publishing to the new one need more (they are back 1.7 s after a
 * kill at load 10).
 */
const STANDBY_AFTER_START_MS = 1000;
const STANDBY_AFTER_TAKEOVER_MS = 5000;

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
  /** A standby Janus answers: the hub may open its connection to it (and make its rooms) in advance. */
  onStandby?(endpoint: JanusEndpoint): void;
  /** That standby went (exited, killed, or found dead when it was to be taken): drop what was opened on it. */
  onStandbyGone?(endpoint: JanusEndpoint): void;
}

type Health = Omit<MediaHealth, 'mountpoints'>;

interface Standby {
  child: ChildProcess;
  endpoint: JanusEndpoint;
  dir: string;
  answering: Promise<boolean>;
  dropped: boolean;
}

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
  /** Ends the current Janus and starts the next (set while one runs). */
  private lose: (() => void) | null = null;
  /** A Janus started and answering, not used yet (taken when the running one dies). */
  private standby: Standby | null = null;
  private standbyTimer: NodeJS.Timeout | null = null;
  private standbyCount = 0;
  /** When the last running Janus went (the restart's phases are logged from it). */
  private downAt: number | null = null;

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

  /**
   * The hub's connection to a running Janus closed unexpectedly: that Janus is of no use any more
   * (every session on it went with the connection). It is killed and the next one started now,
   * without waiting for its exit to be reported.
   */
  lost(): void {
    if (this.health.state === 'running') this.lose?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.lose = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const child = this.child;
    this.child = null;
    this.opts.onDown();
    if (this.standbyTimer) clearTimeout(this.standbyTimer);
    const standby = this.standby;
    this.standby = null;
    if (standby) ((standby.dropped = true), standby.child.kill('SIGKILL'), this.opts.onStandbyGone?.(standby.endpoint));
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

  /** Januses started by a hub that was killed (its pid file names them, their command line our folder). */
  private killLeftover(): void {
    let pids: number[] = [];
    try {
      pids = readFileSync(join(this.opts.dir, 'janus.pid'), 'utf8').split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return; // no pid file
    }
    for (const pid of pids) {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (cmd.includes(this.opts.dir)) {
          process.kill(pid, 'SIGKILL');
          this.opts.log.warn(`[media] killed Janus ${pid} left running by an earlier hub`);
        }
      } catch {
        // the process is gone
      }
    }
  }

  /** The pid file names the running Janus and the standby (killLeftover reads it). */
  private writePids(): void {
    const pids = [this.child?.pid, this.standby?.child.pid].filter((p): p is number => p !== undefined);
    writeFileSync(join(this.opts.dir, 'janus.pid'), pids.join('\n'), { mode: 0o600 });
  }

  /** Writes a config (a fresh port and secrets) into `dir` and starts Janus on it. */
  private async spawnJanus(dir: string): Promise<{ child: ChildProcess; endpoint: JanusEndpoint }> {
    const wsPort = this.opts.wsPort || (await freePort());
    const apiSecret = secret();
    const adminKey = secret();
    writeJanusConfig({ ...this.opts.config(), wsPort, apiSecret, adminSecret: secret(), adminKey, dir });
    // -o: no colours in the log we keep. Logs go to stdout (kept in memory, errors to our log).
    const child = spawn(this.opts.binary, ['-F', dir, '-C', join(dir, 'janus.jcfg'), '-o'], { stdio: ['ignore', 'pipe', 'pipe'] });
    return { child, endpoint: { url: `ws://127.0.0.1:${wsPort}`, apiSecret, adminKey } };
  }

  /** Polls Janus's API until it answers (true), or until it is no longer wanted or the time is up (false). */
  private async untilAnswers(endpoint: JanusEndpoint, wanted: () => boolean): Promise<boolean> {
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    while (wanted() && Date.now() < deadline) {
      if (await answers(endpoint.url, endpoint.apiSecret)) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }

  /** A standby Janus started beside the running one (only with a port picked per start). */
  private startStandby(delayMs: number): void {
    if (this.opts.wsPort || this.stopping || this.standby || this.standbyTimer) return;
    this.standbyTimer = setTimeout(() => {
      this.standbyTimer = null;
      if (this.stopping || this.standby || this.health.state !== 'running') return;
      const dir = join(this.opts.dir, `standby-${'ab'[this.standbyCount++ % 2]}`);
      this.spawnJanus(dir).then(
        ({ child, endpoint }) => {
          if (this.stopping || this.standby) return void child.kill('SIGKILL');
          const sb: Standby = { child, endpoint, dir, answering: Promise.resolve(false), dropped: false };
          this.standby = sb;
          sb.answering = this.untilAnswers(endpoint, () => !sb.dropped && !this.stopping);
          // Answering: the hub opens its connection to it and makes the rooms on it now.
          void sb.answering.then((ok) => ok && this.standby === sb && this.opts.onStandby?.(endpoint));
          // Its log is not kept (read and dropped, so its pipes never fill).
          child.stdout!.resume();
          child.stderr!.resume();
          child.once('error', (err) => this.opts.log.warn(`[media] standby janus: ${err.message}`));
          child.once('exit', (code, signal) => {
            sb.dropped = true;
            if (this.standby !== sb) return;
            this.standby = null;
            this.opts.onStandbyGone?.(endpoint);
            this.opts.log.warn(`[media] the standby Janus exited (${signal ?? `code ${code}`}): another in 5 s`);
            this.writePids();
            this.startStandby(5000);
          });
          this.writePids();
        },
        (err: Error) => this.opts.log.warn(`[media] standby janus: ${err.message}`),
      );
    }, delayMs);
  }

  /** The standby, answering, taken out of standby (its config copied to the folder's top as the running one's); null if none is ready. */
  private async takeStandby(): Promise<{ child: ChildProcess; endpoint: JanusEndpoint } | null> {
    const sb = this.standby;
    if (!sb) return null;
    this.standby = null;
    const ok = sb.child.exitCode === null && sb.child.signalCode === null && (await sb.answering.catch(() => false));
    if (!ok || this.stopping) {
      sb.dropped = true;
      sb.child.kill('SIGKILL');
      this.opts.onStandbyGone?.(sb.endpoint);
      return null;
    }
    sb.child.removeAllListeners('exit');
    sb.child.removeAllListeners('error');
    for (const f of readdirSync(sb.dir)) if (f.endsWith('.jcfg')) copyFileSync(join(sb.dir, f), join(this.opts.dir, f));
    return { child: sb.child, endpoint: sb.endpoint };
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
    const standby = await this.takeStandby();
    if (this.stopping) return void standby?.child.kill('SIGKILL');
    try {
      ({ child, endpoint } = standby ?? (await this.spawnJanus(this.opts.dir)));
    } catch (err) {
      return this.failed(`cannot start Janus: ${(err as Error).message}`);
    }
    this.child = child;
    this.writePids();
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
    // Gone: its exit, or (first, as a SIGKILLed Janus's exit can be reported a second after its
    // socket closed) the hub's connection to it lost (lost()). Either way it is started again.
    const gone = (why: string): void => {
      if (this.child !== child) return; // stopped on purpose, or handled already
      this.child = null;
      this.lose = null;
      this.downAt = Date.now();
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      this.opts.onDown();
      if (up && this.opts.now() - startedAt >= STABLE_MS) this.failures = 0;
      const last = [...this.lines].reverse().find((l) => l.includes('[ERR]'));
      why = `${why}${last ? `: ${last.slice(0, 300)}` : ''}`;
      this.opts.log.warn(`[media] ${why}`);
      this.health.restarts++;
      // A Janus that was running and died is started again at once (every call through it waits);
      // a second death in a row waits the back-off.
      this.failed(why, up && this.failures === 0);
    };
    child.once('exit', (code, signal) => gone(`Janus exited (${signal ?? `code ${code}`})`));
    // With a fixed port the next Janus waits for this one's exit (its port free again).
    this.lose = this.opts.wsPort ? () => child.kill('SIGKILL') : () => gone('Janus lost (its WebSocket closed)');

    // Wait for its API, then connect.
    const spawnedAt = Date.now();
    const answered = standby !== null || (await this.untilAnswers(endpoint, () => this.child === child));
    const answeredAt = Date.now();
    if (this.child !== child) return;
    try {
      if (!answered) throw new Error(`its WebSocket did not answer within ${ANSWER_TIMEOUT_MS / 1000} s`);
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
    // Where a restart spends its time (the hub's log; tests read it).
    this.opts.log.info(
      `[media] Janus running: ${this.downAt === null ? '' : `started ${spawnedAt - this.downAt} ms after the last went, `}${standby ? 'the standby taken' : `answered ${answeredAt - spawnedAt} ms after its start`}, connected (rooms made) ${Date.now() - answeredAt} ms later`,
    );
    this.startStandby(standby ? STANDBY_AFTER_TAKEOVER_MS : STANDBY_AFTER_START_MS);
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
