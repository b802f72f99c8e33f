// Debian's real NUT server for tests: the dummy-ups driver and upsd on a free loopback port, with
// their configuration, state and pid files in a temp dir (NUT_CONFPATH, NUT_STATEPATH,
// NUT_ALTPIDPATH). The UPS is driven by SET VAR through an admin account (the driver applies it
// on its next ~1 s loop) or by rewriting the .dev file (write, bump mtime, rename).
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { freeTcpPort } from './free-port';
import { tempDir } from './temp-dir';

export const NUT_DRIVER = '/lib/nut/dummy-ups';
export const NUT_UPSD = '/lib/nut/upsd';
export const ADMIN = { user: 'cwadmin', password: 'cw-admin-pass' };
export const MONITOR = { user: 'cwmon', password: 'cw mon "pass"' };

export interface NutServer {
  host: '127.0.0.1';
  port: number;
  ups: string;
  dir: string;
  /** SET VAR through upsd; resolves once upsd accepted it (the driver applies it within ~1 s). */
  setVar(name: string, value: string): Promise<void>;
  /** Rewrites the .dev file atomically with a newer mtime; the driver re-reads it within ~1 s. */
  writeDev(vars: Record<string, string>): void;
  /** Reads one variable through upsd. */
  getVar(name: string): Promise<string>;
  /** Waits until upsd reports the variable with this value. */
  waitVar(name: string, value: string, timeoutMs?: number): Promise<void>;
  stopUpsd(): Promise<void>;
  startUpsd(): Promise<void>;
  stopDriver(): Promise<void>;
  startDriver(): Promise<void>;
  /** Stops everything and removes the temp dir; safe to call twice. */
  stop(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv, logTo: string[]): ChildProcess {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.stdout!.on('data', (d: Buffer) => logTo.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => logTo.push(d.toString()));
  child.once('exit', () => live.delete(child));
  return child;
}

function kill(child: ChildProcess | null): Promise<void> {
  return new Promise((resolve) => {
    if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
    const t = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(t);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** One request/answer exchange with upsd on a fresh connection (login first when `auth`). */
export async function nutTalk(port: number, lines: string[]): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    let buf = '';
    const out: string[] = [];
    let i = 0;
    const t = setTimeout(() => {
      s.destroy();
      reject(new Error(`upsd on ${port} did not answer ${lines.join(' | ')}`));
    }, 3000);
    s.on('error', (e) => {
      clearTimeout(t);
      reject(e);
    });
    s.on('connect', () => s.write(`${lines[0]}\n`));
    s.on('data', (d) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        out.push(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        i++;
        if (i < lines.length) s.write(`${lines[i]}\n`);
        else {
          clearTimeout(t);
          s.end();
          resolve(out);
        }
      }
    });
  });
}

export function devText(vars: Record<string, string>): string {
  return (
    Object.entries(vars)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n') + '\n'
  );
}

export const ONLINE_UPS: Record<string, string> = {
  'ups.status': 'OL CHRG',
  'battery.charge': '100',
  'battery.runtime': '1800',
  'ups.load': '35',
  'input.voltage': '230',
  'output.voltage': '230',
  'input.frequency': '50.0',
};

/**
 * Starts dummy-ups and upsd. `driver: false` starts upsd alone (it answers DRIVER-NOT-CONNECTED
 * until startDriver()); `waitReady: false` returns before the UPS reports its status (WAIT phase).
 */
export async function startNutServer(opts: { ups?: string; vars?: Record<string, string>; waitReady?: boolean; driver?: boolean } = {}): Promise<NutServer> {
  const tmp = tempDir('cw-nut-');
  const dir = tmp.dir;
  const state = join(dir, 'state');
  mkdirSync(state, { mode: 0o700 });
  const ups = opts.ups ?? 'hallups';
  const port = await freeTcpPort();
  const dev = join(dir, `${ups}.dev`);
  writeFileSync(dev, devText(opts.vars ?? ONLINE_UPS));
  writeFileSync(join(dir, 'ups.conf'), `[${ups}]\n  driver = dummy-ups\n  port = ${dev}\n  desc = "test UPS"\n  pollinterval = 1\n`);
  writeFileSync(join(dir, 'upsd.conf'), `LISTEN 127.0.0.1 ${port}\nMAXAGE 5\n`);
  writeFileSync(
    join(dir, 'upsd.users'),
    `[${ADMIN.user}]\n  password = ${ADMIN.password}\n  actions = SET\n  instcmds = ALL\n\n[${MONITOR.user}]\n  password = "${MONITOR.password.replace(/"/g, '\\"')}"\n  upsmon secondary\n`,
  );
  chmodSync(join(dir, 'upsd.users'), 0o600);
  chmodSync(join(dir, 'upsd.conf'), 0o600);
  const env = { NUT_CONFPATH: dir, NUT_STATEPATH: state, NUT_ALTPIDPATH: state };
  const log: string[] = [];
  let driver: ChildProcess | null = null;
  let upsd: ChildProcess | null = null;
  let devMtime = Math.floor(Date.now() / 1000);

  const startDriver = async (): Promise<void> => {
    driver = run(NUT_DRIVER, ['-a', ups, '-u', 'root', '-F'], env, log);
  };
  const waitListening = async (): Promise<void> => {
    const until = Date.now() + 10_000;
    for (;;) {
      try {
        await nutTalk(port, ['VER']);
        return;
      } catch (err) {
        if (Date.now() > until) throw new Error(`upsd did not listen on ${port}: ${(err as Error).message}\n${log.join('')}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  const startUpsd = async (): Promise<void> => {
    upsd = run(NUT_UPSD, ['-u', 'root', '-F'], env, log);
    await waitListening();
  };
  const getVar = async (name: string): Promise<string> => {
    const [line] = await nutTalk(port, [`GET VAR ${ups} ${name}`]);
    const m = line.match(/^VAR \S+ \S+ "(.*)"$/);
    if (!m) throw new Error(line);
    return m[1];
  };
  const waitVar = async (name: string, value: string, timeoutMs = 10_000): Promise<void> => {
    const until = Date.now() + timeoutMs;
    let last = '';
    while (Date.now() < until) {
      try {
        last = await getVar(name);
        if (last === value) return;
      } catch (err) {
        last = (err as Error).message;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`upsd never reported ${name} = ${value} (last: ${last})\n${log.join('')}`);
  };

  const server: NutServer = {
    host: '127.0.0.1',
    port,
    ups,
    dir,
    async setVar(name, value) {
      const replies = await nutTalk(port, [`USERNAME ${ADMIN.user}`, `PASSWORD ${ADMIN.password}`, `SET VAR ${ups} ${name} "${value}"`]);
      if (replies.some((r) => !r.startsWith('OK'))) throw new Error(`SET VAR ${name} failed: ${replies.join(' | ')}`);
    },
    writeDev(vars) {
      const tmpFile = `${dev}.tmp`;
      writeFileSync(tmpFile, devText(vars));
      // The driver compares mtimes in whole seconds: always move forward by at least one.
      devMtime = Math.max(devMtime + 1, Math.floor(Date.now() / 1000) + 1);
      utimesSync(tmpFile, devMtime, devMtime);
      renameSync(tmpFile, dev);
    },
    getVar,
    waitVar,
    stopUpsd: () => kill(upsd),
    startUpsd,
    stopDriver: () => kill(driver),
    startDriver,
    async stop() {
      await kill(upsd);
      await kill(driver);
      tmp.remove();
    },
  };
  try {
    if (opts.driver !== false) await startDriver();
    await startUpsd();
    if (opts.waitReady !== false && opts.driver !== false) await waitVar('ups.status', (opts.vars ?? ONLINE_UPS)['ups.status']);
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

/** A NUT source of the power contract that monitors this server's UPS as MONITOR; `over` changes any field. */
export function nutSourceOf(nut: NutServer, over: Record<string, unknown> = {}) {
  return {
    kind: 'nut' as const,
    id: 'ups-hall',
    name: '大厅 UPS',
    host: '127.0.0.1',
    port: nut.port,
    ups: nut.ups,
    username: MONITOR.user,
    password: MONITOR.password,
    login: true,
    ...over,
  };
}
