// Debian's real snmpd for tests, serving a UPS-MIB (RFC 1628) subtree through pass_persist: a
// small Node script that snmpd runs and that answers from a JSON state file, re-read on every
// request, so a test changes the UPS by rewriting that file (atomically).
import { spawn, type ChildProcess } from 'node:child_process';
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as snmp from 'net-snmp';
import { freeUdpPort } from './free-port';
import { tempDir } from './temp-dir';

export const SNMPD = '/usr/sbin/snmpd';

/** UPS-MIB objects by name, written out here from RFC 1628 (independent of the app's table). */
const OIDS = {
  upsBatteryStatus: '.1.3.6.1.2.1.33.1.2.1.0',
  upsSecondsOnBattery: '.1.3.6.1.2.1.33.1.2.2.0',
  upsEstimatedMinutesRemaining: '.1.3.6.1.2.1.33.1.2.3.0',
  upsEstimatedChargeRemaining: '.1.3.6.1.2.1.33.1.2.4.0',
  upsInputFrequency: '.1.3.6.1.2.1.33.1.3.3.1.2.1',
  upsInputVoltage: '.1.3.6.1.2.1.33.1.3.3.1.3.1',
  upsOutputSource: '.1.3.6.1.2.1.33.1.4.1.0',
  upsOutputFrequency: '.1.3.6.1.2.1.33.1.4.2.0',
  upsOutputVoltage: '.1.3.6.1.2.1.33.1.4.4.1.2.1',
  upsOutputPercentLoad: '.1.3.6.1.2.1.33.1.4.4.1.5.1',
  upsAlarmsPresent: '.1.3.6.1.2.1.33.1.6.1.0',
} as const;
export type UpsMibState = Partial<Record<keyof typeof OIDS, number>>;

export const UPS_ON_MAINS: UpsMibState = {
  upsBatteryStatus: 2,
  upsSecondsOnBattery: 0,
  upsEstimatedMinutesRemaining: 45,
  upsEstimatedChargeRemaining: 100,
  upsInputFrequency: 500,
  upsInputVoltage: 230,
  upsOutputSource: 3,
  upsOutputFrequency: 500,
  upsOutputVoltage: 230,
  upsOutputPercentLoad: 30,
  upsAlarmsPresent: 0,
};

// The pass_persist protocol: PING → PONG; get / getnext + OID → OID, type, value (or NONE).
const PASS_PERSIST = `
import { readFileSync } from 'node:fs';
import readline from 'node:readline';
const stateFile = process.argv[2];
const OIDS = ${JSON.stringify(OIDS)};
const GAUGES = new Set(['upsEstimatedMinutesRemaining', 'upsEstimatedChargeRemaining', 'upsAlarmsPresent']);
const cmp = (a, b) => { const x = a.split('.').filter(Boolean).map(Number), y = b.split('.').filter(Boolean).map(Number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i]; return x.length - y.length; };
function table() {
  const state = JSON.parse(readFileSync(stateFile, 'utf8'));
  return Object.entries(OIDS).filter(([n]) => typeof state[n] === 'number').map(([n, oid]) => [oid, GAUGES.has(n) ? 'gauge' : 'integer', state[n]]).sort((a, b) => cmp(a[0], b[0]));
}
const queue = [];
readline.createInterface({ input: process.stdin }).on('line', (l) => {
  queue.push(l.trim());
  for (;;) {
    const cmd = queue[0];
    if (cmd === undefined) return;
    if (cmd === 'PING') { queue.shift(); process.stdout.write('PONG\\n'); continue; }
    if (cmd === 'get' || cmd === 'getnext') {
      if (queue.length < 2) return;
      const oid = queue[1]; queue.splice(0, 2);
      const rows = table();
      const row = cmd === 'get' ? rows.find((r) => r[0] === oid) : rows.find((r) => cmp(r[0], oid) > 0);
      process.stdout.write(row ? row.join('\\n') + '\\n' : 'NONE\\n');
      continue;
    }
    if (cmd === 'set') { if (queue.length < 3) return; queue.splice(0, 3); process.stdout.write('not-writable\\n'); continue; }
    queue.shift(); process.stdout.write('NONE\\n');
  }
});
`;

export interface SnmpAgent {
  host: '127.0.0.1';
  port: number;
  community: string;
  /** Replaces the UPS state atomically; the next GET sees it. */
  set(state: UpsMibState): void;
  stop(): Promise<void>;
  /** Stops snmpd only (the agent "vanishes"); stop() still cleans up. */
  kill(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

export async function startSnmpAgent(initial: UpsMibState = UPS_ON_MAINS): Promise<SnmpAgent> {
  const tmp = tempDir('cw-snmp-');
  const dir = tmp.dir;
  const port = await freeUdpPort();
  const community = 'cwtest';
  const stateFile = join(dir, 'ups-state.json');
  const script = join(dir, 'ups-mib-pass.mjs');
  const set = (state: UpsMibState): void => {
    writeFileSync(`${stateFile}.tmp`, JSON.stringify(state));
    renameSync(`${stateFile}.tmp`, stateFile);
  };
  set(initial);
  writeFileSync(script, PASS_PERSIST);
  writeFileSync(
    join(dir, 'snmpd.conf'),
    `agentaddress udp:127.0.0.1:${port}\nrocommunity ${community} 127.0.0.1\npass_persist .1.3.6.1.2.1.33 ${process.execPath} ${script} ${stateFile}\n`,
  );
  const log: string[] = [];
  const child = spawn(SNMPD, ['-f', '-C', '-c', join(dir, 'snmpd.conf'), '-Lo', '-M', '/dev/null', '-m', ''], {
    env: { ...process.env, SNMP_PERSISTENT_DIR: join(dir, 'persist'), MIBS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  child.stdout!.on('data', (d: Buffer) => log.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => log.push(d.toString()));
  child.once('exit', () => live.delete(child));
  const kill = (): Promise<void> =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const t = setTimeout(() => child.kill('SIGKILL'), 3000);
      child.once('exit', () => {
        clearTimeout(t);
        resolve();
      });
      child.kill('SIGTERM');
    });
  const agent: SnmpAgent = {
    host: '127.0.0.1',
    port,
    community,
    set,
    kill,
    async stop() {
      await kill();
      tmp.remove();
    },
  };
  try {
    await waitReady(port, community, () => log.join(''));
  } catch (err) {
    await agent.stop();
    throw err;
  }
  return agent;
}

async function waitReady(port: number, community: string, log: () => string): Promise<void> {
  const session = snmp.createSession('127.0.0.1', community, { port, version: snmp.Version2c, timeout: 300, retries: 0 });
  session.on('error', () => undefined);
  const until = Date.now() + 10_000;
  try {
    for (;;) {
      const ok = await new Promise<boolean>((resolve) =>
        session.get([OIDS.upsOutputSource.slice(1)], (err: Error | null, vbs?: snmp.Varbind[]) => resolve(!err && !!vbs && !snmp.isVarbindError(vbs[0]))),
      );
      if (ok) return;
      if (Date.now() > until) throw new Error(`snmpd on udp ${port} never served UPS-MIB:\n${log().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    session.close();
  }
}
