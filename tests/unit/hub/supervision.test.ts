// The systemd units of the headless hub (resources/systemd/), the health probe they run, and the
// stand-in supervisor the abuse bench uses where systemd is not PID 1. The units cannot run here;
// what can be checked without systemd is checked: their settings, that the hub accepts the flags
// they pass, that the probe tells a healthy hub from a dead or hung one by its exit code, and
// (where systemd-analyze exists) that systemd parses them without a warning.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseHubArgs } from '../../../src-main/hub/cli-args';
import { HUB_UNIT, parseTimeSpanMs, readRestartSettings, shouldRestart } from '../../support/supervisor';

const DIR = join(__dirname, '..', '..', '..', 'resources/systemd');
const WATCHDOG = join(DIR, 'command-wall-hub-watchdog.service');
const TIMER = join(DIR, 'command-wall-hub-watchdog.timer');
const PROBE = join(DIR, 'healthz-probe.mjs');

/** key → every value it has in [section] (later lines after earlier ones). */
function unitSection(file: string, section: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current = '';
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const s = line.match(/^\[(.+)\]$/);
    if (s) current = s[1];
    else if (current === section) {
      const i = line.indexOf('=');
      out.set(line.slice(0, i), [...(out.get(line.slice(0, i)) ?? []), line.slice(i + 1)]);
    }
  }
  return out;
}
const one = (m: Map<string, string[]>, key: string): string | undefined => m.get(key)?.at(-1);

describe('the hub unit', () => {
  const svc = unitSection(HUB_UNIT, 'Service');

  it('restarts the hub whatever ended it, soon enough for serving again within 3 s', () => {
    const r = readRestartSettings(HUB_UNIT);
    expect(r.restart).toBe('always');
    expect(r.restartSecMs).toBeLessThanOrEqual(500);
    expect(one(unitSection(HUB_UNIT, 'Unit'), 'StartLimitIntervalSec')).toBe('0');
  });

  it('runs as a user of its own, writing only a private state directory', () => {
    expect(one(svc, 'DynamicUser')).toBe('yes');
    expect(one(svc, 'StateDirectory')).toBe('command-wall');
    expect(one(svc, 'StateDirectoryMode')).toBe('0700');
    expect(one(svc, 'UMask')).toBe('0077');
    for (const [k, v] of [
      ['NoNewPrivileges', 'yes'],
      ['ProtectSystem', 'strict'],
      ['ProtectHome', 'yes'],
      ['PrivateTmp', 'yes'],
      ['PrivateDevices', 'yes'],
      ['RestrictAddressFamilies', 'AF_INET AF_INET6 AF_UNIX'],
      ['CapabilityBoundingSet', ''],
      ['SystemCallFilter', '@system-service'],
    ])
      expect([k, one(svc, k)]).toEqual([k, v]);
    // V8's JIT and WebAssembly need writable-then-executable memory: Node would not start.
    expect(svc.has('MemoryDenyWriteExecute')).toBe(false);
  });

  it('passes the hub flags it accepts, the token by file in the state directory and never on the command line', () => {
    const exec = one(svc, 'ExecStart')!;
    const [node, script, ...flags] = exec
      .replace(/%S/g, '/var/lib')
      .replace('${CW_HUB_PORT}', '4310')
      .replace('$CW_HUB_HOSTS', '--host 10.20.1.5 --host 172.30.1.5')
      .split(/\s+/);
    expect(node).toMatch(/^\/.*node$/);
    expect(script).toMatch(/out\/main\/hub\.js$/);
    const args = parseHubArgs(flags);
    expect(args).toMatchObject({ dataDir: '/var/lib/command-wall/data', tokenFile: '/var/lib/command-wall/token', port: 4310, demo: false });
    expect(args.token).toBeUndefined();
    // Loopback always (the watchdog probes it), and one address per link.
    expect(args.hosts).toEqual(['127.0.0.1', '10.20.1.5', '172.30.1.5']);
    // With no links configured, $CW_HUB_HOSTS expands to nothing: loopback only.
    expect(
      parseHubArgs(exec.replace(/%S/g, '/var/lib').replace('${CW_HUB_PORT}', '4310').replace('$CW_HUB_HOSTS', '').trim().split(/\s+/).slice(2)).hosts,
    ).toEqual(['127.0.0.1']);
  });

  it('counts as started only once /healthz answers', () => {
    expect(one(svc, 'ExecStartPost')).toMatch(/healthz-probe\.mjs --port \$\{CW_HUB_PORT\} --wait-ms \d+/);
  });
});

describe('the watchdog units', () => {
  const svc = unitSection(WATCHDOG, 'Service');

  it('probe a running hub every few seconds, and kill it only when the probe says it did not answer', () => {
    expect(one(svc, 'ExecCondition')).toContain('is-active command-wall-hub.service');
    expect(one(svc, 'ExecStart')).toMatch(/healthz-probe\.mjs --port \$\{CW_HUB_PORT\} --tries \d+ --timeout-ms \d+ --gap-ms \d+/);
    const post = one(svc, 'ExecStopPost')!;
    expect(post.startsWith('+')).toBe(true);
    expect(post).toContain('[ "$EXIT_STATUS" = 3 ]');
    expect(post).toContain('systemctl kill --signal=SIGKILL command-wall-hub.service');
    expect(one(svc, 'DynamicUser')).toBe('yes');
    const timer = unitSection(TIMER, 'Timer');
    expect(parseTimeSpanMs(one(timer, 'OnUnitActiveSec')!)).toBeLessThanOrEqual(30_000);
    expect(one(unitSection(TIMER, 'Unit'), 'PartOf')).toBe('command-wall-hub.service');
    expect(unitSection(HUB_UNIT, 'Unit').get('Wants')?.join(' ')).toContain('command-wall-hub-watchdog.timer');
  });

  const analyze = spawnSync('systemd-analyze', ['--version']).status === 0;
  it.skipIf(!analyze)('are accepted by systemd-analyze verify without a warning', () => {
    const r = spawnSync('systemd-analyze', ['verify', HUB_UNIT, WATCHDOG, TIMER], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr.trim()).toBe('');
  });
});

describe('the health probe', () => {
  let server: Server | null = null;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((r) => (server ? server.close(r) : r(null)));
    server = null;
  });

  async function serve(handler: Parameters<typeof createServer>[1]): Promise<number> {
    server = createServer(handler);
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    return (server.address() as AddressInfo).port;
  }

  function probe(args: string[]): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
      const c = spawn(process.execPath, [PROBE, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      c.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      c.once('exit', (code) => resolve({ code, stderr }));
    });
  }
  const quick = ['--tries', '2', '--timeout-ms', '300', '--gap-ms', '50'];

  it('exits 0 for a hub that answers', async () => {
    const port = await serve((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"version":"0.1.0"}'));
    expect((await probe(['--port', String(port), ...quick])).code).toBe(0);
    expect((await probe(['--port', String(port), '--wait-ms', '2000'])).code).toBe(0);
  });

  it('exits 3 for a hub that accepts connections and answers nothing (a stuck event loop)', async () => {
    const port = await serve(() => undefined);
    const t = performance.now();
    const r = await probe(['--port', String(port), ...quick]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/failed 2 times: no answer within 300 ms/);
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it('exits 3 for an error answer and for nothing listening; 2 for a bad flag (which kills nothing)', async () => {
    const port = await serve((_req, res) => res.writeHead(503).end('{"ok":false}'));
    expect((await probe(['--port', String(port), ...quick])).code).toBe(3);
    server!.closeAllConnections();
    await new Promise((r) => server!.close(r));
    server = null;
    expect((await probe(['--port', String(port), ...quick])).code).toBe(3);
    expect((await probe(['--port', String(port), '--wait-ms', '300'])).code).toBe(3);
    expect((await probe(['--frobnicate', '1'])).code).toBe(2);
  });
});

describe('the stand-in supervisor', () => {
  it('reads systemd time spans', () => {
    expect(parseTimeSpanMs('250ms')).toBe(250);
    expect(parseTimeSpanMs('2')).toBe(2000);
    expect(parseTimeSpanMs('1.5s')).toBe(1500);
    expect(parseTimeSpanMs('1min 30s')).toBe(90_000);
    expect(() => parseTimeSpanMs('soon')).toThrow();
  });

  it('restarts as systemd would under each policy', () => {
    expect(shouldRestart('always', 0, null)).toBe(true);
    expect(shouldRestart('always', null, 'SIGKILL')).toBe(true);
    expect(shouldRestart('on-failure', null, 'SIGKILL')).toBe(true);
    expect(shouldRestart('on-failure', 1, null)).toBe(true);
    expect(shouldRestart('on-failure', 0, null)).toBe(false);
    expect(shouldRestart('on-failure', null, 'SIGTERM')).toBe(false);
    expect(shouldRestart('on-abnormal', 1, null)).toBe(false);
    expect(shouldRestart('on-abnormal', null, 'SIGKILL')).toBe(true);
    expect(shouldRestart('no', null, 'SIGKILL')).toBe(false);
  });
});
