// The SNMP source against Debian's real snmpd serving UPS-MIB through pass_persist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSnmpAgent, UPS_ON_MAINS, type SnmpAgent } from '../../support/snmp-agent';
import { openPowerCore, type PowerCore } from './helpers';

const POLL_MS = 250;
let agent: SnmpAgent;
let pc: PowerCore;

beforeAll(async () => {
  [agent, pc] = await Promise.all([startSnmpAgent(), openPowerCore()]);
  await pc.call('power.saveThresholds', { patch: { recoveryHoldSeconds: 1, runtimeLowMinutes: 10 } });
  await pc.call('power.saveSource', {
    source: { kind: 'snmp', id: 'ups-snmp', name: '机房 UPS', host: agent.host, port: agent.port, community: agent.community, pollMs: POLL_MS },
  });
});

afterAll(async () => {
  await pc?.close();
  await agent?.stop();
});

describe('a UPS-MIB agent on real snmpd', () => {
  it('reads UPS-MIB into the tile: MAINS', async () => {
    await pc.waitState('MAINS', 5000);
    const tile = (await pc.call('power.getOverview')).sources[0];
    expect(tile).toMatchObject({ kind: 'snmp', link: 'online', verdict: 'mains' });
    expect(tile.readings).toMatchObject({
      status: ['OL'],
      batteryChargePercent: 100,
      runtimeMinutes: 45,
      runtimeBasis: 'reported',
      loadPercent: 30,
      inputVoltage: 230,
      outputVoltage: 230,
      inputFrequency: 50,
      outputFrequency: 50,
      deviceAlarms: [],
    });
  });

  it('upsOutputSource battery(5) is ON_BATTERY within half a second; batteryLow(3) is LOW_BATTERY', async () => {
    const t0 = Date.now();
    agent.set({ ...UPS_ON_MAINS, upsOutputSource: 5, upsEstimatedChargeRemaining: 80, upsInputVoltage: 0, upsAlarmsPresent: 1 });
    const alarm = (await pc.waitEvent('power.alarmRaised', (a) => a.code === 'STATE_ON_BATTERY', 3000)).payload;
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(alarm.message.zh).toContain('机房 UPS');
    // upsAlarmsPresent > 0 is a condition alarm of its own.
    const device = (await pc.waitEvent('power.alarmRaised', (a) => a.code === 'UPS_DEVICE_ALARM', 2000, t0)).payload;
    expect(device).toMatchObject({ sourceId: 'ups-snmp', severity: 'warning' });
    expect(device.message.en).toContain('UPS-MIB alarms present: 1');

    agent.set({ ...UPS_ON_MAINS, upsOutputSource: 5, upsBatteryStatus: 3, upsEstimatedMinutesRemaining: 4, upsAlarmsPresent: 1 });
    await pc.waitState('LOW_BATTERY', 3000);
    const o = await pc.call('power.getOverview');
    expect(o.runtimeMinutes).toBe(4);
    expect(o.sources[0].readings.status).toEqual(['OB', 'DISCHRG', 'LB']);
  });

  it('back on mains clears the device alarm; the agent vanishing is UNKNOWN within two poll intervals', async () => {
    agent.set(UPS_ON_MAINS);
    await pc.waitState('MAINS', 4000);
    const cleared = await pc.waitEvent('power.alarmChanged', (a) => a.code === 'UPS_DEVICE_ALARM' && a.clearedAt !== null, 2000, 0);
    expect(cleared.payload.active).toBe(true); // never acknowledged: still listed

    await agent.kill();
    const killedAt = Date.now();
    await pc.waitState('UNKNOWN', 3000);
    // UDP has no connection to lose: silence is the only sign, judged over two poll intervals.
    expect(Date.now() - killedAt).toBeLessThanOrEqual(2 * POLL_MS + 250);
    const tile = (await pc.call('power.getOverview')).sources[0];
    expect(['stale', 'offline', 'error']).toContain(tile.link);
  });
});
