// The NUT source against Debian's real upsd and dummy-ups driver: transitions, alarms,
// acknowledgement, UNKNOWN when upsd stops, reconnection, STARTTLS, and no alarm for the WAIT
// that upsd reports while its driver starts.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import { nutSourceOf, ONLINE_UPS, startNutServer, type NutServer } from '../../support/nut-server';
import { tempDir } from '../../support/temp-dir';
import { openPowerCore, sleep, type PowerCore } from './helpers';

const POLL_MS = 250;
let nut: NutServer;
let pc: PowerCore;

beforeAll(async () => {
  pc = await openPowerCore();
  // upsd without its driver yet: it answers DRIVER-NOT-CONNECTED, then WAIT once the driver starts.
  nut = await startNutServer({ driver: false });
});

afterAll(async () => {
  await pc?.close();
  await nut?.stop();
});

const source = (over: Record<string, unknown> = {}) => nutSourceOf(nut, { pollMs: POLL_MS, ...over });

describe('a UPS behind real upsd', () => {
  it('starts UNKNOWN on an empty configuration, then reads the UPS once its driver is up, without alarming on WAIT', async () => {
    const first = await pc.call('power.getOverview');
    expect(first.state).toBe('UNKNOWN');
    expect(first.sources).toEqual([]);
    await pc.call('power.saveThresholds', { patch: { recoveryHoldSeconds: 1 } });
    await pc.call('power.saveSource', { source: source() });
    await pc.waitEvent('power.sourcesChanged', (p) => p.sources.some((s: any) => s.id === 'ups-hall' && s.link === 'waiting'));
    expect((await pc.call('power.getOverview')).state).toBe('UNKNOWN');
    await nut.startDriver();
    await pc.waitState('MAINS', 10_000);

    const seenLinks = new Set(pc.events.filter((e) => e.event === 'power.sourcesChanged').map((e) => e.payload.sources[0]?.link));
    expect(seenLinks.has('waiting')).toBe(true);
    const raised = pc.events.filter((e) => e.event === 'power.alarmRaised').map((e) => e.payload);
    expect(raised.map((a) => [a.code, a.severity])).toEqual([['STATE_MAINS', 'info']]);
    const { transitions } = await pc.call('power.listTransitions', {});
    expect(transitions.map((t: any) => `${t.from}>${t.to}`)).toEqual(['UNKNOWN>MAINS']);

    const o = await pc.call('power.getOverview');
    const tile = o.sources[0];
    expect(tile).toMatchObject({ id: 'ups-hall', kind: 'nut', link: 'online', verdict: 'mains' });
    expect(tile.readings).toMatchObject({
      batteryChargePercent: 100,
      runtimeMinutes: 30,
      runtimeBasis: 'reported',
      loadPercent: 35,
      inputVoltage: 230,
      outputVoltage: 230,
      inputFrequency: 50,
    });
    expect(tile.readings.status).toEqual(['OL', 'CHRG']);
    expect(tile.samples.length).toBeGreaterThanOrEqual(1);
    expect(o.activeAlarms).toEqual([]);
    expect(o.conserve).toBe(false);
  });

  it('cutting mains (SET VAR ups.status OB) raises ON_BATTERY with a critical, sounding alarm and power.conserve', async () => {
    const t0 = Date.now();
    await nut.setVar('ups.status', 'OB DISCHRG');
    const alarm = (await pc.waitEvent('power.alarmRaised', (a) => a.code === 'STATE_ON_BATTERY', 5000)).payload;
    const latency = Date.now() - t0;
    expect(latency).toBeLessThan(3000);
    expect(alarm).toMatchObject({
      severity: 'critical',
      fromState: 'MAINS',
      toState: 'ON_BATTERY',
      active: true,
      sounding: true,
      muted: false,
      acknowledgedAt: null,
    });
    expect(alarm.message.zh).toContain('大厅 UPS');
    expect(alarm.message.en).toMatch(/on battery/);
    expect(alarm.action.zh.length).toBeGreaterThan(10);
    expect(alarm.action.en).toMatch(/generator/i);
    const conserve = await pc.waitEvent('power.conserve', (p) => p.active === true, 1000, t0);
    expect(conserve.payload.state).toBe('ON_BATTERY');
    const o = await pc.call('power.getOverview');
    expect(o).toMatchObject({ state: 'ON_BATTERY', conserve: true });
    expect(o.activeAlarms.map((a: any) => a.id)).toEqual([alarm.id]);
  });

  it('the duty officer acknowledges the alarm (who and when recorded); a second acknowledgement is refused', async () => {
    const [active] = (await pc.call('power.listAlarms', { scope: 'active' })).alarms;
    const acked = await pc.call('power.acknowledgeAlarm', { id: active.id, by: '值班员 张三' });
    expect(acked).toMatchObject({ id: active.id, acknowledgedBy: '值班员 张三', sounding: false, active: true });
    expect(acked.acknowledgedAt).toBeGreaterThan(0);
    const changed = await pc.waitEvent('power.alarmChanged', (a) => a.id === active.id && a.acknowledgedAt !== null, 1000, 0);
    expect(changed.payload.acknowledgedBy).toBe('值班员 张三');
    await expect(pc.call('power.acknowledgeAlarm', { id: active.id, by: '李四' })).rejects.toMatchObject({
      code: RpcCode.Refused,
      message: expect.stringContaining('张三'),
    });
    await expect(pc.call('power.acknowledgeAlarm', { id: active.id, by: '' })).rejects.toMatchObject({
      code: RpcCode.InvalidParams,
      message: expect.stringContaining('params.by'),
    });
    await expect(pc.call('power.acknowledgeAlarm', { id: 'no-such-alarm', by: '李四' })).rejects.toMatchObject({ code: RpcCode.Refused });
  });

  it('runtime below the threshold is LOW_BATTERY; muting that alarm silences it alone', async () => {
    await nut.setVar('battery.runtime', '300');
    const alarm = (await pc.waitEvent('power.alarmRaised', (a) => a.code === 'STATE_LOW_BATTERY', 5000)).payload;
    expect(alarm).toMatchObject({ severity: 'critical', fromState: 'ON_BATTERY', toState: 'LOW_BATTERY', sounding: true });
    expect(alarm.message.en).toMatch(/5\.0 min/);
    const muted = await pc.call('power.muteAlarm', { id: alarm.id, muted: true, by: '张三' });
    expect(muted).toMatchObject({ muted: true, mutedBy: '张三', sounding: false, active: true });
    // The earlier ON_BATTERY alarm is cleared by the move and was acknowledged: it leaves the active list.
    const active = (await pc.call('power.listAlarms', { scope: 'active' })).alarms;
    expect(active.map((a: any) => a.code)).toEqual(['STATE_LOW_BATTERY']);
  });

  it('restoring mains by rewriting the .dev file returns to MAINS after the hold, and ends conserve', async () => {
    const t0 = Date.now();
    nut.writeDev(ONLINE_UPS);
    await pc.waitState('MAINS', 6000);
    // Hold is 1 s here: the recovery cannot be announced sooner than that after the driver's change.
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
    const conserve = await pc.waitEvent('power.conserve', (p) => p.active === false, 1000, t0);
    expect(conserve.payload.state).toBe('MAINS');
    const { alarms } = await pc.call('power.listAlarms', { scope: 'all' });
    const low = alarms.find((a: any) => a.code === 'STATE_LOW_BATTERY') as any;
    expect(low.clearedAt).not.toBeNull();
    // Cleared but never acknowledged: it stays in the active list until someone does.
    expect((await pc.call('power.listAlarms', { scope: 'active' })).alarms.map((a: any) => a.id)).toEqual([low.id]);
  });

  it('stopping upsd is UNKNOWN at once (within two poll intervals), with an alarm; it reconnects when upsd is back', async () => {
    const t0 = Date.now();
    await nut.stopUpsd();
    const killedAt = Date.now();
    const st = await pc.waitState('UNKNOWN', 2000);
    expect(Date.now() - killedAt).toBeLessThanOrEqual(2 * POLL_MS + 250);
    expect(st.transition.alarmId).not.toBeNull();
    const alarm = (await pc.waitEvent('power.alarmRaised', (a) => a.code === 'STATE_UNKNOWN', 1000, t0)).payload;
    expect(alarm.severity).toBe('warning');
    const tile = (await pc.call('power.getOverview')).sources[0];
    expect(tile.link).toBe('offline');
    expect(tile.verdict).toBe('unknown');

    await nut.startUpsd();
    await pc.waitState('MAINS', 10_000);
    const { transitions } = await pc.call('power.listTransitions', { limit: 10 });
    expect(transitions.map((t: any) => `${t.from}>${t.to}`).reverse()).toEqual([
      'UNKNOWN>MAINS',
      'MAINS>ON_BATTERY',
      'ON_BATTERY>LOW_BATTERY',
      'LOW_BATTERY>MAINS',
      'MAINS>UNKNOWN',
      'UNKNOWN>MAINS',
    ]);
    for (const t of transitions) expect(t.at).toBeGreaterThan(0);
  });

  it('a UPS name that upsd does not have is an error naming the ones it has, and the state is UNKNOWN', async () => {
    const t0 = Date.now();
    await pc.call('power.saveSource', { source: source({ id: 'ups-typo', name: '错名 UPS', ups: 'nosuchups' }) });
    await pc.waitState('UNKNOWN', 3000);
    // Entering UNKNOWN while a new source starts is silent; the error it then meets is not.
    const alarm = (await pc.waitEvent('power.alarmRaised', (a) => a.code === 'STATE_UNKNOWN', 3000, t0)).payload;
    expect(alarm.message.en).toContain('nosuchups');
    const tile = (await pc.call('power.getOverview')).sources.find((s: any) => s.id === 'ups-typo') as any;
    expect(tile.link).toBe('error');
    expect(tile.detail).toContain(`has no UPS named "nosuchups" (it has: ${nut.ups})`);
    await pc.call('power.removeSource', { id: 'ups-typo' });
    await pc.waitState('MAINS', 5000);
  });
});

describe('STARTTLS', () => {
  it('talks TLS after STARTTLS (checking the certificate) and refuses to go on in clear where upsd offers none', async () => {
    const tmp = tempDir('cw-tls-');
    const key = join(tmp.dir, 'key.pem');
    const cert = join(tmp.dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
      ],
      {
        stdio: 'ignore',
      },
    );
    // Debian's upsd is built with NSS and needs a certificate database to offer TLS; a STARTTLS
    // front that forwards to the real upsd stands in for that configuration.
    const front = await startTlsFront(nut.port, readFileSync(key), readFileSync(cert));
    try {
      await pc.call('power.saveSource', {
        source: source({ id: 'ups-tls', name: 'TLS UPS', port: front.port, tls: 'starttls', tlsCa: readFileSync(cert, 'utf8') }),
      });
      await pc.waitEvent('power.sourcesChanged', (p) => p.sources.some((s: any) => s.id === 'ups-tls' && s.link === 'online'), 5000, 0);
      expect(front.sawStartTls()).toBe(true);
      // upsd itself offers no TLS: the source refuses rather than send the password in clear.
      await pc.call('power.saveSource', { source: source({ id: 'ups-tls', name: 'TLS UPS', tls: 'starttls' }) });
      const bad = await pc.waitEvent('power.sourcesChanged', (p) => p.sources.some((s: any) => s.id === 'ups-tls' && s.link === 'error'), 5000, 0);
      expect(bad.payload.sources.find((s: any) => s.id === 'ups-tls').detail).toMatch(/cannot start TLS .*FEATURE-NOT-CONFIGURED.*refusing/);
    } finally {
      await pc.call('power.removeSource', { id: 'ups-tls' }).catch(() => undefined);
      await front.close();
      tmp.remove();
    }
  });
});

describe('resilience against a server that is not upsd', () => {
  it('garbage and truncated replies are logged once per state change, never a crash, and the source is UNKNOWN', async () => {
    let mode: 'garbage' | 'truncated' = 'garbage';
    const sockets = new Set<Socket>();
    const bogus: Server = createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
      s.on('data', () => {
        if (mode === 'garbage') s.write(Buffer.from([0xff, 0x00, 0x41, 0x0a, 0xfe, 0x0a, 0x22, 0x0a]));
        else s.end('BEGIN LIST UPS\nUPS hallups "cut');
      });
    });
    await new Promise<void>((r) => bogus.listen(0, '127.0.0.1', () => r()));
    const port = (bogus.address() as { port: number }).port;
    const logsBefore = pc.logs.length;
    try {
      await pc.call('power.saveSource', { source: source({ id: 'ups-bogus', name: '假 UPS', port, username: undefined, password: undefined, login: false }) });
      await pc.waitEvent('power.sourcesChanged', (p) => p.sources.some((s: any) => s.id === 'ups-bogus' && s.link === 'error'), 5000, 0);
      await sleep(2000); // several reconnect attempts, each failing the same way
      mode = 'truncated';
      await pc.waitEvent('power.sourcesChanged', (p) => p.sources.some((s: any) => s.id === 'ups-bogus' && s.link === 'offline'), 5000, 0);
      await sleep(1500);
      const mine = pc.logs.slice(logsBefore).filter((l) => l.includes('ups-bogus'));
      expect(mine.length).toBe(2);
      expect(mine[0]).toMatch(/error: .*(unasked|answered LIST UPS)/);
      expect(mine[1]).toMatch(/offline: .*closed/);
      expect((await pc.call('power.getOverview')).state).toBe('UNKNOWN');
    } finally {
      await pc.call('power.removeSource', { id: 'ups-bogus' }).catch(() => undefined);
      for (const s of sockets) s.destroy();
      await new Promise((r) => bogus.close(r));
    }
  });
});

/** A STARTTLS front for upsd: answers STARTTLS itself, then relays the decrypted stream to upsd. */
async function startTlsFront(upsdPort: number, key: Buffer, cert: Buffer) {
  let saw = false;
  const sockets = new Set<Socket>();
  const server = createServer((plain) => {
    sockets.add(plain);
    plain.on('error', () => undefined);
    plain.once('data', (first) => {
      if (first.toString().trim() !== 'STARTTLS') {
        plain.end('ERR FEATURE-NOT-CONFIGURED\n');
        return;
      }
      saw = true;
      plain.write('OK STARTTLS\n');
      const secure = new TLSSocket(plain, { isServer: true, key, cert });
      const upstream = connect(upsdPort, '127.0.0.1');
      sockets.add(upstream);
      upstream.on('error', () => secure.destroy());
      secure.on('error', () => upstream.destroy());
      secure.pipe(upstream).pipe(secure);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    port: (server.address() as { port: number }).port,
    sawStartTls: () => saw,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
