// `npm run bench -- power`: alarm latency, from a state change at the server (SET VAR at upsd,
// a new UPS-MIB value behind snmpd, a register on the Modbus controller) to the power.alarmRaised
// notification at a WebSocket client of the hub. Real servers throughout; n ≥ 20 per source.
// Targets: NUT p95 ≤ 1.5 s (dummy-ups itself applies a change on its ~1 s loop), SNMP and Modbus
// p95 ≤ 0.5 s. The recovery hold is set to 0 so each round can return to MAINS at once; the alarm
// measured is the one that matters, the move away from mains.
import { join } from 'node:path';
import WebSocket from 'ws';
import { openCore, type Core } from '../../src-main/core/app';
import { startHub, type Hub } from '../../src-main/hub/server';
import { GENERATOR_STANDBY, startModbusGenerator } from '../support/modbus-generator';
import { ONLINE_UPS, startNutServer } from '../support/nut-server';
import { startSnmpAgent, UPS_ON_MAINS } from '../support/snmp-agent';
import { tempDir } from '../support/temp-dir';

const ROUNDS = 20;
const TOKEN = 'bench-power-token-0123';
const quiet = { info() {}, warn() {}, error() {} };

interface Rig {
  core: Core;
  hub: Hub;
  ws: WebSocket;
  /** Resolves at the client when the next notification of `method` matching arrives. */
  next(method: string, match: (p: any) => boolean, timeoutMs: number): Promise<number>;
  call(method: string, params: unknown): Promise<void>;
  close(): Promise<void>;
}

async function rig(): Promise<Rig> {
  const tmp = tempDir('cw-bench-power-');
  const core = await openCore({ dataDir: join(tmp.dir, 'data'), host: 'hub', log: quiet });
  const hub = await startHub({ core, token: TOKEN, hosts: ['127.0.0.1'], port: 0, log: quiet });
  const ws = new WebSocket(`ws://127.0.0.1:${hub.port}/rpc?token=${TOKEN}`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const waiters: { method: string; match: (p: any) => boolean; resolve: (t: number) => void }[] = [];
  ws.on('message', (data) => {
    const at = performance.now();
    const msg = JSON.parse(data.toString());
    if (!msg.method) return;
    const i = waiters.findIndex((w) => w.method === msg.method && w.match(msg.params));
    if (i >= 0) waiters.splice(i, 1)[0].resolve(at);
  });
  let id = 1;
  const call = (method: string, params: unknown): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const myId = id++;
      const onMsg = (data: WebSocket.RawData): void => {
        const msg = JSON.parse(data.toString());
        if (msg.id !== myId) return;
        ws.off('message', onMsg);
        if (msg.error) reject(new Error(`${method}: ${msg.error.message}`));
        else resolve();
      };
      ws.on('message', onMsg);
      ws.send(JSON.stringify({ jsonrpc: '2.0', id: myId, method, params }));
    });
  await call('power.saveThresholds', { patch: { recoveryHoldSeconds: 0 } });
  return {
    core,
    hub,
    ws,
    next: (method, match, timeoutMs) =>
      new Promise((resolve, reject) => {
        const w = { method, match, resolve: (t: number) => (clearTimeout(timer), resolve(t)) };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`no ${method} within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(w);
      }),
    call,
    async close() {
      ws.close();
      await hub.close();
      await core.close();
      tmp.remove();
    },
  };
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

/** Runs `rounds` of: change at the server → time to the alarm at the client → back to mains. */
async function measure(r: Rig, cut: () => Promise<void> | void, restore: () => Promise<void> | void, alarmCode: string, timeoutMs: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    // A random pause, so that changes land anywhere in the poll cycle rather than phase-locked
    // just after a poll (the recovery that ended the last round was itself seen on a poll).
    await new Promise((res) => setTimeout(res, Math.random() * 500));
    const alarm = r.next('power.alarmRaised', (a) => a.code === alarmCode, timeoutMs);
    const t0 = performance.now();
    await cut();
    out.push((await alarm) - t0);
    const back = r.next('power.stateChanged', (p) => p.transition.to === 'MAINS', timeoutMs);
    await restore();
    await back;
  }
  return out;
}

function report(print: (o: object) => void, source: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 10) / 10;
  print({
    bench: 'power.alarm',
    source,
    p50_ms: round(percentile(sorted, 50)),
    p95_ms: round(percentile(sorted, 95)),
    n: sorted.length,
    max_ms: round(sorted[sorted.length - 1]),
  });
}

/** One source kind: the power.saveSource source, the change at its server, and back. */
interface SourceCase {
  name: string;
  source: unknown;
  cut(): Promise<void> | void;
  restore(): Promise<void> | void;
  alarmCode: string;
  timeoutMs: number;
}

/** Adds the source to a fresh rig, waits for mains, measures and prints; then stops the rig and `server`. */
async function benchSource(print: (o: object) => void, server: { stop(): Promise<void> }, c: SourceCase): Promise<void> {
  const r = await rig();
  try {
    const mains = r.next('power.stateChanged', (p) => p.transition.to === 'MAINS', 10_000);
    await r.call('power.saveSource', { source: c.source });
    await mains;
    report(print, c.name, await measure(r, c.cut, c.restore, c.alarmCode, c.timeoutMs));
  } finally {
    await r.close();
    await server.stop();
  }
}

export async function benchPower(print: (o: object) => void): Promise<void> {
  // NUT: upsd + dummy-ups; the change is a SET VAR through an admin account.
  const nut = await startNutServer();
  await benchSource(print, nut, {
    name: 'nut',
    source: { kind: 'nut', id: 'ups', name: 'UPS', host: nut.host, port: nut.port, ups: nut.ups, pollMs: 250 },
    cut: () => nut.setVar('ups.status', 'OB DISCHRG'),
    restore: () => nut.setVar('ups.status', ONLINE_UPS['ups.status']),
    alarmCode: 'STATE_ON_BATTERY',
    timeoutMs: 10_000,
  });
  // SNMP: snmpd with a pass_persist UPS-MIB; the change is the agent's next answer.
  const agent = await startSnmpAgent();
  await benchSource(print, agent, {
    name: 'snmp',
    source: { kind: 'snmp', id: 'ups', name: 'UPS', host: agent.host, port: agent.port, community: agent.community, pollMs: 250 },
    cut: () => agent.set({ ...UPS_ON_MAINS, upsOutputSource: 5 }),
    restore: () => agent.set(UPS_ON_MAINS),
    alarmCode: 'STATE_ON_BATTERY',
    timeoutMs: 5_000,
  });
  // Modbus: the generator controller; the change is mains lost with the generator running.
  const gen = await startModbusGenerator();
  await benchSource(print, gen, {
    name: 'modbus',
    source: { kind: 'modbus', id: 'gen', name: 'Generator', host: gen.host, port: gen.port, pollMs: 250 },
    cut: () => gen.set({ running: 1, mainsAvailable: 0, engineSpeed: 1500 }),
    restore: () => gen.set(GENERATOR_STANDBY),
    alarmCode: 'STATE_ON_GENERATOR',
    timeoutMs: 5_000,
  });
}
