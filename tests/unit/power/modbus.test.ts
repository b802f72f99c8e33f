// The generator over Modbus TCP (modbus-serial's ServerTCP as the controller), and the alarm
// reaching a real WebSocket client of the hub.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../../src-main/hub/server';
import { GEN, GENERATOR_STANDBY, startModbusGenerator, type ModbusGenerator } from '../../support/modbus-generator';
import { connect, type TestSocket } from '../../support/rpc-socket';
import { openPowerCore, type PowerCore } from './helpers';

const POLL_MS = 250;
const TOKEN = 'power-test-token-0123';
let gen: ModbusGenerator;
let pc: PowerCore;
let hub: Hub;
let ws: TestSocket;

beforeAll(async () => {
  [gen, pc] = await Promise.all([startModbusGenerator(), openPowerCore()]);
  hub = await startHub({ core: pc.core, token: TOKEN, hosts: ['127.0.0.1'], port: 0, log: { info() {}, warn() {}, error() {} } });
  ws = await connect(`ws://127.0.0.1:${hub.port}/rpc?token=${TOKEN}`);
  await pc.call('power.saveThresholds', { patch: { recoveryHoldSeconds: 1, fuelLowPercent: 25 } });
});

afterAll(async () => {
  ws?.close();
  await hub?.close();
  await pc?.close();
  await gen?.stop();
});

/** The next notification of that name matching, skipping earlier ones still queued. */
async function nextNotice(method: string, match: (p: any) => boolean): Promise<any> {
  const until = Date.now() + 3000;
  for (;;) {
    const p = await ws.nextNotification(method, Math.max(1, until - Date.now()));
    if (match(p)) return p;
  }
}

describe('the generator controller on Modbus TCP', () => {
  it('is configured over the hub and read through the generic controller map', async () => {
    const saved = await ws.call('power.saveSource', {
      source: { kind: 'modbus', id: 'gen-truck', name: '应急发电车', host: gen.host, port: gen.port, unitId: 1, model: 'generic-controller', pollMs: POLL_MS },
    });
    expect(saved.error).toBeUndefined();
    expect(saved.result.models.map((m: { id: string }) => m.id)).toContain('generic-controller');
    await pc.waitState('MAINS', 5000);
    const tile = (await pc.call('power.getOverview')).sources[0];
    expect(tile).toMatchObject({ kind: 'modbus', link: 'online', verdict: 'mains' });
    expect(tile.readings).toMatchObject({
      generatorRunning: false,
      mainsAvailable: true,
      engineRpm: 0,
      fuelPercent: 85,
      coolantTempC: 25,
      starterBatteryVoltage: 26.5,
      inputVoltage: 230,
      status: ['MAINS'],
    });
  });

  it('mains lost with the generator running is ON_GENERATOR, pushed to a hub client within half a second', async () => {
    const t0 = Date.now();
    gen.set({ running: 1, mainsAvailable: 0, engineSpeed: 1500, outputVoltage: 2301, outputFrequency: 5002, oilPressure: 420, loadPercent: 55 });
    const alarm = await nextNotice('power.alarmRaised', (a) => a.code === 'STATE_ON_GENERATOR');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(alarm).toMatchObject({ code: 'STATE_ON_GENERATOR', severity: 'warning', toState: 'ON_GENERATOR', sounding: true });
    expect(alarm.message.zh).toContain('燃油 85%');
    const state = await nextNotice('power.stateChanged', (p) => p.transition.to === 'ON_GENERATOR');
    expect(state.transition).toMatchObject({ from: 'MAINS', to: 'ON_GENERATOR' });
    const tile = (await pc.call('power.getOverview')).sources[0];
    expect(tile.readings).toMatchObject({
      generatorRunning: true,
      engineRpm: 1500,
      outputVoltage: 230.1,
      outputFrequency: 50.02,
      oilPressureKpa: 420,
      loadPercent: 55,
    });
    expect(tile.readings.status).toEqual(['NO-MAINS', 'RUN']);
  });

  it('fuel below the threshold and alarm bits raise their own alarms, with the map’s wording and severity', async () => {
    const t0 = Date.now();
    gen.set({ fuelLevel: 200, alarmBits: (1 << 2) | (1 << 6) });
    const fuel = (await pc.waitEvent('power.alarmRaised', (a) => a.code === 'FUEL_LOW', 3000, t0)).payload;
    expect(fuel).toMatchObject({ sourceId: 'gen-truck', severity: 'critical' });
    expect(fuel.message.zh).toContain('20%');
    await pc.waitEvent('power.alarmRaised', (a) => a.code === 'GENERATOR_FAULT' && a.message.en.includes('Charge alternator failure'), 3000, t0);
    const oil = (await pc.waitEvent('power.alarmRaised', (a) => a.code === 'GENERATOR_FAULT' && a.message.en.includes('Low oil pressure'), 3000, t0)).payload;
    expect(oil.severity).toBe('critical');
    expect(oil.message.zh).toContain('机油压力低');
    // A fuel level that wobbles just above the threshold does not clear it (5-point dead band).
    gen.set({ fuelLevel: 270, alarmBits: 1 << 6 });
    await pc.waitEvent('power.alarmChanged', (a) => a.id === oil.id && a.clearedAt !== null, 3000, t0);
    const fuelNow = (await pc.call('power.listAlarms', { scope: 'all' })).alarms.find((a: any) => a.id === fuel.id) as any;
    expect(fuelNow.clearedAt).toBeNull();
  });

  it('a controller that stops answering is UNKNOWN within two poll intervals; mains back is MAINS after the hold', async () => {
    gen.freeze(true);
    const frozenAt = Date.now();
    await pc.waitState('UNKNOWN', 3000);
    expect(Date.now() - frozenAt).toBeLessThanOrEqual(2 * POLL_MS + 250);
    gen.freeze(false);
    gen.set({ ...GENERATOR_STANDBY });
    await pc.waitState('MAINS', 8000);
    const tile = (await pc.call('power.getOverview')).sources[0];
    expect(tile.link).toBe('online');
    expect(GEN.fuelLevel).toBe(5);
  });
});
