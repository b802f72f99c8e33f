// A stand-in for systemd, for tests and benchmarks on machines where systemd is not PID 1 (this
// sandbox's PID 1 is another program, so resources/systemd/command-wall-hub.service cannot run
// here). It reads Restart= and RestartSec= from that unit file and does what systemd does with
// them: when the hub's process exits, it starts it again after RestartSec, if Restart= says so.
// Nothing else of the unit is applied (no sandbox, no dynamic user, no ExecStartPost, no
// watchdog timer): the hub is the built out/main/hub.js with the flags the caller gives, and the
// token goes by --token-file as in the unit. Figures measured under it are the restart policy's
// and the hub's own start-up time, not systemd's.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const HUB_UNIT = join(ROOT, 'resources/systemd/command-wall-hub.service');

export type RestartPolicy = 'no' | 'always' | 'on-success' | 'on-failure' | 'on-abnormal' | 'on-abort' | 'on-watchdog';

export interface RestartSettings {
  restart: RestartPolicy;
  restartSecMs: number;
}

/** systemd's time spans: "500ms", "2", "1.5s", "1min 30s", "1m30s" (a bare number is seconds). */
export function parseTimeSpanMs(text: string): number {
  const units: Record<string, number> = {
    us: 0.001,
    usec: 0.001,
    ms: 1,
    msec: 1,
    s: 1000,
    sec: 1000,
    second: 1000,
    seconds: 1000,
    m: 60_000,
    min: 60_000,
    minute: 60_000,
    minutes: 60_000,
    h: 3_600_000,
    hr: 3_600_000,
    hour: 3_600_000,
    hours: 3_600_000,
  };
  const t = text.trim();
  if (t === '' || t === 'infinity') throw new Error(`not a finite time span: "${text}"`);
  let total = 0;
  let rest = t.replace(/\s+/g, '');
  while (rest.length > 0) {
    const m = rest.match(/^(\d+(?:\.\d+)?)([a-z]*)/);
    if (!m || m[0].length === 0) throw new Error(`not a time span: "${text}"`);
    const unit = m[2] === '' ? 's' : m[2];
    if (!(unit in units)) throw new Error(`unknown time unit "${unit}" in "${text}"`);
    total += Number(m[1]) * units[unit];
    rest = rest.slice(m[0].length);
  }
  return total;
}

/** Restart= and RestartSec= of a unit file's [Service] section, with systemd's defaults (no, 100ms). */
export function readRestartSettings(unitFile = HUB_UNIT): RestartSettings {
  let section = '';
  const out: RestartSettings = { restart: 'no', restartSecMs: 100 };
  for (const raw of readFileSync(unitFile, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const sec = line.match(/^\[(.+)\]$/);
    if (sec) {
      section = sec[1];
      continue;
    }
    if (section !== 'Service') continue;
    const kv = line.match(/^([A-Za-z]+)\s*=\s*(.*)$/);
    if (!kv) continue;
    if (kv[1] === 'Restart') out.restart = kv[2].trim() as RestartPolicy;
    if (kv[1] === 'RestartSec') out.restartSecMs = parseTimeSpanMs(kv[2]);
  }
  return out;
}

/** Whether systemd restarts a service that ended this way under the policy (systemd.service(5), table 2). */
export function shouldRestart(policy: RestartPolicy, code: number | null, signal: NodeJS.Signals | null): boolean {
  const clean = code === 0 || (signal !== null && ['SIGHUP', 'SIGINT', 'SIGTERM', 'SIGPIPE'].includes(signal));
  const uncleanSignal = signal !== null && !clean;
  switch (policy) {
    case 'always':
      return true;
    case 'on-success':
      return clean;
    case 'on-failure':
      return !clean;
    case 'on-abnormal':
      return uncleanSignal;
    case 'on-abort':
      return uncleanSignal;
    default:
      return false;
  }
}

export interface SupervisedHub {
  readonly settings: RestartSettings;
  /** The running hub's process, or null between an exit and its restart. */
  readonly child: ChildProcess | null;
  readonly pid: number | null;
  /** Processes started so far (1 + restarts). */
  readonly starts: number;
  /** What the hubs printed, all of them. */
  output(): string;
  /** Stops supervising, then the hub (SIGTERM, SIGKILL after 10 s like TimeoutStopSec=10). */
  stop(): Promise<void>;
}

/**
 * Runs out/main/hub.js under the restart policy of `unitFile`. `args` are the hub's flags
 * (--data, --token-file, --port: a fixed port, as the unit has, since a restarted hub must be found
 * where it was). Resolves once the first process is spawned; wait for /healthz yourself.
 */
export function superviseHub(args: string[], opts: { unitFile?: string; env?: NodeJS.ProcessEnv } = {}): SupervisedHub {
  const settings = readRestartSettings(opts.unitFile);
  let child: ChildProcess | null = null;
  let starts = 0;
  let stopping = false;
  let out = '';
  let pendingRestart: NodeJS.Timeout | null = null;

  const start = (): void => {
    pendingRestart = null;
    if (stopping) return;
    starts++;
    const c = spawn(process.execPath, [join(ROOT, 'out/main/hub.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: opts.env ?? process.env });
    child = c;
    const keep = (d: Buffer): void => {
      out += d.toString();
      if (out.length > 1 << 20) out = out.slice(-(1 << 19));
    };
    c.stdout!.on('data', keep);
    c.stderr!.on('data', keep);
    c.once('exit', (code, signal) => {
      if (child === c) child = null;
      if (stopping || !shouldRestart(settings.restart, code, signal)) return;
      pendingRestart = setTimeout(start, settings.restartSecMs);
    });
  };
  start();

  return {
    settings,
    get child() {
      return child;
    },
    get pid() {
      return child?.pid ?? null;
    },
    get starts() {
      return starts;
    },
    output: () => out,
    stop() {
      stopping = true;
      if (pendingRestart) clearTimeout(pendingRestart);
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return Promise.resolve();
      return new Promise<void>((done) => {
        const kill = setTimeout(() => c.kill('SIGKILL'), 10_000);
        c.once('exit', () => {
          clearTimeout(kill);
          done();
        });
        c.kill('SIGTERM');
      });
    },
  };
}
