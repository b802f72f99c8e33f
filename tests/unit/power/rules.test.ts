// The rules on their own: aggregation, hysteresis, verdicts and dead bands, runtime and fuel
// estimates, register maps, and the NUT line syntax.
import { describe, expect, it } from 'vitest';
import { PowerState } from '@contract/power';
import genericMap from '../../../src-main/core/power/maps/generic-controller.json';
import { decodeRegisters, readPlan, RegisterMap } from '../../../src-main/core/power/maps/register-map';
import { emptyReadings } from '../../../src-main/core/power/readings';
import { splitNutLine, quoteNut } from '../../../src-main/core/power/sources/nut-client';
import type { SourceSnapshot } from '../../../src-main/core/power/sources/polled-source';
import { aggregate, PowerStateMachine, type SourceVote } from '../../../src-main/core/power/state-machine';
import { estimateFuelHours, estimateRuntimeMinutes, type TrendPoint } from '../../../src-main/core/power/trend';
import { sourceConditions, sourceVerdict, WAIT_GRACE_MS } from '../../../src-main/core/power/verdict';

const T = { runtimeLowMinutes: 10, fuelLowPercent: 20, recoveryHoldSeconds: 5 };
const vote = (id: string, verdict: SourceVote['verdict'], cause: SourceVote['cause'] = null): SourceVote => ({ id, name: id, verdict, cause, detail: null });

function snap(over: Partial<SourceSnapshot> & { status?: string[]; runtime?: number | null } = {}): SourceSnapshot {
  const readings = { ...emptyReadings(), status: over.status ?? ['OL'], runtimeMinutes: over.runtime ?? null };
  return { link: 'online', detail: null, lastUpdate: 1, readings, connectedAt: 0, firstStatusAt: 0, startedAt: 0, faults: [], ...over };
}

describe('aggregate: the most urgent verdict wins', () => {
  it('orders LOW_BATTERY > ON_BATTERY > UNKNOWN > ON_GENERATOR > MAINS', () => {
    expect(aggregate([vote('a', 'mains'), vote('b', 'generator')]).state).toBe('ON_GENERATOR');
    expect(aggregate([vote('a', 'unknown', 'unreachable'), vote('b', 'generator')]).state).toBe('UNKNOWN');
    expect(aggregate([vote('a', 'unknown', 'unreachable'), vote('b', 'battery')]).state).toBe('ON_BATTERY');
    expect(aggregate([vote('a', 'low-battery'), vote('b', 'battery')]).state).toBe('LOW_BATTERY');
    expect(aggregate([vote('a', 'mains'), vote('b', 'mains')]).state).toBe('MAINS');
  });

  it('no sources is UNKNOWN (never a default OK); starting sources make it silent', () => {
    expect(aggregate([])).toMatchObject({ state: 'UNKNOWN', silent: true });
    expect(aggregate([vote('a', 'mains'), vote('b', 'unknown', 'starting')])).toMatchObject({ state: 'UNKNOWN', silent: true });
    expect(aggregate([vote('a', 'unknown', 'starting'), vote('b', 'unknown', 'waiting')])).toMatchObject({ state: 'UNKNOWN', silent: false });
  });
});

describe('the state machine’s hysteresis', () => {
  it('takes the first known state at once, urgent moves at once, recoveries only after the hold', () => {
    const sm = new PowerStateMachine(0);
    expect(sm.step('MAINS', 10, 5000)).toEqual({ from: 'UNKNOWN', to: 'MAINS' });
    expect(sm.step('ON_BATTERY', 20, 5000)).toEqual({ from: 'MAINS', to: 'ON_BATTERY' });
    // Mains flickers back and forth: no move until it has held for 5 s.
    expect(sm.step('MAINS', 1000, 5000)).toBeNull();
    expect(sm.pending(5000)).toEqual({ state: 'MAINS', since: 1000, until: 6000 });
    expect(sm.step('ON_BATTERY', 2000, 5000)).toBeNull();
    expect(sm.pending(5000)).toBeNull();
    expect(sm.step('MAINS', 3000, 5000)).toBeNull();
    expect(sm.step('MAINS', 7999, 5000)).toBeNull();
    expect(sm.step('MAINS', 8000, 5000)).toEqual({ from: 'ON_BATTERY', to: 'MAINS' });
    expect(sm.state).toBe('MAINS');
    expect(sm.since).toBe(8000);
  });

  it('a flapping input gives one alarm-worthy move per real event', () => {
    const sm = new PowerStateMachine(0);
    sm.step('MAINS', 0, 5000);
    const moves = [];
    for (let t = 1000; t < 20_000; t += 500) {
      const m = sm.step(t % 1000 === 0 ? 'ON_BATTERY' : 'MAINS', t, 5000);
      if (m) moves.push(m);
    }
    expect(moves).toEqual([{ from: 'MAINS', to: 'ON_BATTERY' }]);
  });

  it('recovers to the latest candidate once candidates have been less urgent for the whole hold', () => {
    const sm = new PowerStateMachine(0);
    sm.step('MAINS', 0, 1000);
    sm.step('LOW_BATTERY', 10, 1000);
    expect(sm.step('ON_BATTERY', 100, 1000)).toBeNull();
    expect(sm.step('ON_GENERATOR', 600, 1000)).toBeNull();
    expect(sm.step('ON_GENERATOR', 1100, 1000)).toEqual({ from: 'LOW_BATTERY', to: 'ON_GENERATOR' });
  });

  it('every state name is a contract state', () => {
    for (const s of PowerState.options) expect(() => new PowerStateMachine(0).step(s, 1, 0)).not.toThrow();
  });
});

describe('verdicts', () => {
  it('NUT status tokens: OL mains, OB battery, OB LB low, neither unknown', () => {
    expect(sourceVerdict('nut', snap({ status: ['OL', 'CHRG'] }), 0, T, false).verdict).toBe('mains');
    expect(sourceVerdict('nut', snap({ status: ['OB', 'DISCHRG'] }), 0, T, false).verdict).toBe('battery');
    expect(sourceVerdict('nut', snap({ status: ['OB', 'LB'] }), 0, T, false).verdict).toBe('low-battery');
    expect(sourceVerdict('nut', snap({ status: ['OFF'] }), 0, T, false)).toMatchObject({ verdict: 'unknown', cause: 'status' });
  });

  it('runtime below the threshold is low; leaving low needs 1.2 × the threshold (dead band)', () => {
    expect(sourceVerdict('nut', snap({ status: ['OB'], runtime: 9 }), 0, T, false).verdict).toBe('low-battery');
    expect(sourceVerdict('nut', snap({ status: ['OB'], runtime: 11 }), 0, T, false).verdict).toBe('battery');
    expect(sourceVerdict('nut', snap({ status: ['OB'], runtime: 11 }), 0, T, true).verdict).toBe('low-battery');
    expect(sourceVerdict('nut', snap({ status: ['OB'], runtime: 12.5 }), 0, T, true).verdict).toBe('battery');
  });

  it('WAIT right after connecting is "starting" (no alarm); later, or after a first status, it is "waiting"', () => {
    const waiting = snap({ link: 'waiting', firstStatusAt: null, connectedAt: 1000 });
    expect(sourceVerdict('nut', waiting, 2000, T, false)).toMatchObject({ verdict: 'unknown', cause: 'starting' });
    expect(sourceVerdict('nut', waiting, 1000 + WAIT_GRACE_MS, T, false)).toMatchObject({ cause: 'waiting' });
    expect(sourceVerdict('nut', { ...waiting, firstStatusAt: 1500 }, 2000, T, false)).toMatchObject({ cause: 'waiting' });
    expect(sourceVerdict('nut', snap({ link: 'offline' }), 0, T, false)).toMatchObject({ verdict: 'unknown', cause: 'unreachable' });
    expect(sourceVerdict('nut', snap({ link: 'stale' }), 0, T, false)).toMatchObject({ verdict: 'unknown', cause: 'unreachable' });
  });

  it('a generator: mains available, running without mains, or neither (the load is on batteries)', () => {
    const gen = (mainsAvailable: boolean, generatorRunning: boolean) => ({ ...snap(), readings: { ...emptyReadings(), mainsAvailable, generatorRunning } });
    expect(sourceVerdict('modbus', gen(true, false), 0, T, false).verdict).toBe('mains');
    expect(sourceVerdict('modbus', gen(true, true), 0, T, false).verdict).toBe('mains');
    expect(sourceVerdict('modbus', gen(false, true), 0, T, false).verdict).toBe('generator');
    expect(sourceVerdict('modbus', gen(false, false), 0, T, false).verdict).toBe('battery');
  });

  it('conditions: overload, replace battery, bypass; fuel low with its dead band', () => {
    const r = { ...emptyReadings(), status: ['OL', 'OVER', 'RB', 'BYPASS'] };
    expect(sourceConditions('u', 'nut', r, [], T, new Set()).map((c) => c.code)).toEqual(['UPS_OVERLOAD', 'UPS_REPLACE_BATTERY', 'UPS_ON_BYPASS']);
    const fuel = (f: number) => ({ ...emptyReadings(), fuelPercent: f });
    expect(sourceConditions('g', 'modbus', fuel(19), [], T, new Set())).toHaveLength(1);
    expect(sourceConditions('g', 'modbus', fuel(22), [], T, new Set())).toHaveLength(0);
    expect(sourceConditions('g', 'modbus', fuel(22), [], T, new Set(['g|FUEL_LOW|']))).toHaveLength(1);
    expect(sourceConditions('g', 'modbus', fuel(25), [], T, new Set(['g|FUEL_LOW|']))).toHaveLength(0);
  });
});

describe('runtime and fuel estimates', () => {
  const point = (t: number, charge: number | null, load: number | null, onBattery = true): TrendPoint => ({
    t,
    charge,
    load,
    fuel: null,
    onBattery,
    running: false,
  });

  it('estimates runtime from the discharge since going on battery, scaled to the present load', () => {
    // 1 % per minute at 50 % load: 60 % left is 60 min at 50 % load, 30 min at 100 %.
    const steady = Array.from({ length: 7 }, (_, i) => point(i * 10_000, 60 + (6 - i) / 6, 50));
    expect(estimateRuntimeMinutes(steady, 60_000)).toBeCloseTo(60, 0);
    const heavier = [...steady.slice(0, -1), point(60_000, 60, 100)];
    expect(estimateRuntimeMinutes(heavier, 60_000)!).toBeLessThan(40);
    // Points before the UPS went on battery do not count; too short a stretch gives no estimate.
    const fresh = [point(0, 100, 50, false), point(50_000, 99, 50), point(55_000, 98.9, 50), point(60_000, 98.8, 50)];
    expect(estimateRuntimeMinutes(fresh, 60_000)).toBeNull();
    // Charging (or flat) is no discharge: no estimate.
    expect(
      estimateRuntimeMinutes(
        steady.map((p, i) => ({ ...p, charge: 50 + i })),
        60_000,
      ),
    ).toBeNull();
  });

  it('estimates hours of fuel from the burn rate while running', () => {
    // 10 % per hour, 40 % left: 4 h.
    const pts = Array.from({ length: 13 }, (_, i) => ({ t: i * 30_000, charge: null, load: null, fuel: 41 - i * (10 / 120), onBattery: false, running: true }));
    expect(estimateFuelHours(pts, 360_000)!).toBeCloseTo(4, 1);
    expect(estimateFuelHours(pts.slice(0, 3), 60_000)).toBeNull();
  });
});

describe('register maps', () => {
  it('the shipped generic map is valid, read in one block, and decodes scale and sign', () => {
    const map = RegisterMap.parse(genericMap);
    expect(readPlan(map)).toEqual([{ start: 0, length: 12 }]);
    const words: Record<number, number> = { 0: 1, 1: 0, 2: 1500, 3: 2301, 4: 5002, 5: 425, 6: 0x10000 - 55, 7: 410, 8: 2412, 9: 0b101, 10: 0, 11: 62 };
    const d = decodeRegisters(map, (a) => words[a] ?? 0);
    expect(d.readings).toMatchObject({
      generatorRunning: true,
      mainsAvailable: false,
      engineRpm: 1500,
      outputVoltage: 230.1,
      outputFrequency: 50.02,
      fuelPercent: 42.5,
      coolantTempC: -5.5,
      oilPressureKpa: 410,
      starterBatteryVoltage: 24.12,
      loadPercent: 62,
    });
    expect(d.alarms.map((a) => a.code)).toEqual(['emergency-stop', 'low-oil-pressure']);
  });

  it('refuses a map with a wrong unit, a duplicate meaning or no running/mains registers, naming the problem', () => {
    const bad = RegisterMap.safeParse({
      id: 'bad',
      name: { zh: '坏', en: 'bad' },
      registers: [
        { meaning: 'fuelLevel', address: 0, scale: 1, unit: 'L', label: { zh: '', en: '' } },
        { meaning: 'fuelLevel', address: 1, scale: 1, unit: '%', label: { zh: '', en: '' } },
      ],
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => i.message).join(' | ');
    expect(messages).toContain('fuelLevel is in %, not L');
    expect(messages).toContain('fuelLevel is mapped twice');
    expect(messages).toContain('must give running');
  });
});

describe('NUT protocol lines', () => {
  it('splits quoted values with escapes and refuses an unterminated quote', () => {
    expect(splitNutLine('VAR ups1 ups.status "OB LB"')).toEqual(['VAR', 'ups1', 'ups.status', 'OB LB']);
    expect(splitNutLine('VAR ups1 x "a \\"b\\" \\\\ c"')).toEqual(['VAR', 'ups1', 'x', 'a "b" \\ c']);
    expect(() => splitNutLine('VAR ups1 x "open')).toThrow(/unterminated/);
    expect(splitNutLine(quoteNut('a "b" \\'))).toEqual(['a "b" \\']);
  });
});
