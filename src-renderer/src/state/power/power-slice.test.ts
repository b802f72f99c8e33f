import { describe, expect, it } from 'vitest';
import { RpcError } from '@contract/errors';
import { PowerReadings, type PowerAlarm, type PowerOverview, type PowerSourceLive } from '@contract/power';
import { appendSample, mergeAlarm, mergeSources, SPARK_SPAN_MS, soundingTone, sortAlarms } from './power-merge';
import { powerSlice } from './power-slice';
import { SliceHost } from '../slice';
import { fakeClient, type FakeClient } from '../../test-kit/fake-client';

// A UPS on line as NUT reports it: the few readings it gives, every other one unread (null).
const unread = Object.fromEntries(PowerReadings.keyof().options.map((k) => [k, null]));
const upsOnLine = PowerReadings.parse({
  ...unread,
  status: ['OL'],
  deviceAlarms: [],
  batteryChargePercent: 100,
  runtimeMinutes: 30,
  runtimeBasis: 'reported',
  loadPercent: 35,
  inputVoltage: 230,
});

const live = (id: string, t: number | null, over: Partial<PowerSourceLive> = {}): PowerSourceLive => ({
  id,
  name: id,
  kind: 'nut',
  enabled: true,
  link: 'online',
  verdict: 'mains',
  detail: null,
  lastUpdate: t,
  readings: upsOnLine,
  lastSample: t === null ? null : { t, charge: 100, load: 35, fuel: null },
  ...over,
});

const alarm = (id: string, over: Partial<PowerAlarm> = {}): PowerAlarm => ({
  id,
  code: 'STATE_ON_BATTERY',
  severity: 'critical',
  sourceId: null,
  fromState: 'MAINS',
  toState: 'ON_BATTERY',
  message: { zh: '市电中断', en: 'Mains lost' },
  action: { zh: '检查', en: 'Check' },
  raisedAt: 1000,
  clearedAt: null,
  acknowledgedAt: null,
  acknowledgedBy: null,
  muted: false,
  mutedBy: null,
  mutedAt: null,
  active: true,
  sounding: true,
  ...over,
});

const overview = (over: Partial<PowerOverview> = {}): PowerOverview => ({
  state: 'MAINS',
  since: 500,
  reason: { zh: '市电供电', en: 'On mains' },
  pending: null,
  runtimeMinutes: null,
  fuelHours: null,
  conserve: false,
  sources: [{ ...live('ups', 900), samples: [{ t: 900, charge: 100, load: 35, fuel: null }] }],
  activeAlarms: [],
  thresholds: { runtimeLowMinutes: 10, fuelLowPercent: 20, recoveryHoldSeconds: 5 },
  ...over,
});

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('power merges', () => {
  it('appends only newer samples and keeps 30 minutes', () => {
    const s0 = [{ t: 0, charge: 1, load: 1, fuel: null }];
    expect(appendSample(s0, { t: 0, charge: 2, load: 2, fuel: null })).toBe(s0);
    expect(appendSample(s0, null)).toBe(s0);
    const later = appendSample(s0, { t: SPARK_SPAN_MS + 1, charge: 3, load: 3, fuel: null });
    expect(later.map((s) => s.t)).toEqual([SPARK_SPAN_MS + 1]);
  });

  it('follows the pushed source list: new, kept samples, deleted', () => {
    const held = [
      { ...live('a', 10), samples: [{ t: 10, charge: 100, load: 35, fuel: null }] },
      { ...live('gone', 10), samples: [] },
    ];
    const next = mergeSources(held, [live('a', 20), live('new', null)]);
    expect(next.map((s) => s.id)).toEqual(['a', 'new']);
    expect(next[0].samples.map((s) => s.t)).toEqual([10, 20]);
    expect(next[1].samples).toEqual([]);
  });

  it('keeps the active list: add, replace, drop when no longer active', () => {
    let list = mergeAlarm([], alarm('a1'));
    list = mergeAlarm(list, alarm('a2', { severity: 'warning' }));
    expect(list.map((a) => a.id)).toEqual(['a2', 'a1']);
    list = mergeAlarm(list, alarm('a1', { acknowledgedBy: '张伟', sounding: false }));
    expect(list.find((a) => a.id === 'a1')?.acknowledgedBy).toBe('张伟');
    list = mergeAlarm(list, alarm('a1', { active: false }));
    expect(list.map((a) => a.id)).toEqual(['a2']);
    // An info notice (STATE_MAINS) never enters the list.
    expect(mergeAlarm(list, alarm('n', { severity: 'info', active: false, sounding: false }))).toBe(list);
  });

  it('sorts critical first and picks the tone of the most severe sounding alarm', () => {
    const w = alarm('w', { severity: 'warning', raisedAt: 3 });
    const c = alarm('c', { severity: 'critical', raisedAt: 1 });
    expect(sortAlarms([w, c]).map((a) => a.id)).toEqual(['c', 'w']);
    expect(soundingTone([w, c])).toBe('critical');
    expect(soundingTone([w, { ...c, sounding: false }])).toBe('warning');
    expect(soundingTone([{ ...w, muted: true, sounding: false }])).toBeNull();
  });
});

/** The power slice of a page around the fake client, held as a mounted screen holds it. */
function held(fake: FakeClient, now: () => number = () => 77) {
  const slice = new SliceHost(fake.client, now).get(powerSlice);
  const release = slice.hold();
  return { slice, release, state: () => slice.store.getState() };
}

describe('power slice', () => {
  it('starts UNKNOWN, loads the overview on open and applies events live', async () => {
    const fake = fakeClient({ 'power.getOverview': () => overview() });
    const { slice, state } = held(fake);
    expect(slice.store.getState().state).toBe('UNKNOWN');
    fake.status('open');
    await tick();
    expect(state()).toMatchObject({ loaded: true, state: 'MAINS', since: 500 });

    fake.emit('power.stateChanged', {
      transition: { seq: 2, at: 2000, from: 'MAINS', to: 'ON_BATTERY', reason: { zh: 'UPS 电池供电', en: 'UPS on battery' }, alarmId: 'a1' },
      conserve: true,
    });
    fake.emit('power.alarmRaised', alarm('a1'));
    fake.emit('power.sourcesChanged', { state: 'ON_BATTERY', runtimeMinutes: 25, fuelHours: null, sources: [live('ups', 1900, { verdict: 'battery' })] });
    const s = state();
    expect(s).toMatchObject({ state: 'ON_BATTERY', since: 2000, conserve: true, runtimeMinutes: 25 });
    expect(s.alarms.map((a) => a.id)).toEqual(['a1']);
    expect(s.sources[0].samples.map((p) => p.t)).toEqual([900, 1900]);
  });

  it('keeps an event that arrived while the overview was on its way', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fake = fakeClient({ 'power.getOverview': async () => (await gate, overview()) });
    const { slice, state } = held(fake);
    const loading = slice.commands.load();
    fake.emit('power.stateChanged', {
      transition: { seq: 3, at: 3000, from: 'MAINS', to: 'UNKNOWN', reason: { zh: '无法读取', en: 'Cannot read' }, alarmId: null },
      conserve: false,
    });
    fake.emit('power.alarmRaised', alarm('u1', { code: 'STATE_UNKNOWN', severity: 'warning' }));
    release();
    await loading;
    expect(state().state).toBe('UNKNOWN');
    expect(state().alarms.map((a) => a.id)).toEqual(['u1']);
    // Sources were not pushed meanwhile: the reply's tiles apply.
    expect(state().sources.map((x) => x.id)).toEqual(['ups']);
  });

  it('drops an overview overtaken by a newer one', async () => {
    const gates: (() => void)[] = [];
    const replies = [overview({ state: 'ON_BATTERY', since: 100 }), overview({ state: 'MAINS', since: 200 })];
    let n = 0;
    const fake = fakeClient({
      'power.getOverview': async () => {
        const reply = replies[n++];
        await new Promise<void>((r) => gates.push(r));
        return reply;
      },
    });
    const { slice, state } = held(fake);
    const first = slice.commands.load();
    const second = slice.commands.load();
    await tick();
    gates[1]();
    await second;
    gates[0]();
    await first;
    expect(state()).toMatchObject({ state: 'MAINS', since: 200 });
  });

  it('asks the server what is pending when a verdict moves but the state holds', async () => {
    let pending: PowerOverview['pending'] = null;
    const onBattery = [{ ...live('ups', 900, { verdict: 'battery' }), samples: [] }];
    const fake = fakeClient({ 'power.getOverview': () => overview({ state: 'ON_BATTERY', pending, sources: onBattery }) });
    const { slice, state } = held(fake);
    await slice.commands.load();
    pending = { state: 'MAINS', since: 4000, until: 9000 };
    fake.emit('power.sourcesChanged', { state: 'ON_BATTERY', runtimeMinutes: null, fuelHours: null, sources: [live('ups', 4000, { verdict: 'mains' })] });
    await tick();
    expect(state().pending).toEqual(pending);
    fake.emit('power.stateChanged', {
      transition: { seq: 4, at: 9000, from: 'ON_BATTERY', to: 'MAINS', reason: { zh: '市电', en: 'Mains' }, alarmId: null },
      conserve: false,
    });
    expect(state().pending).toBeNull();
  });

  it('reloads the configuration on reopen only once it was loaded', async () => {
    const config = { sources: [], thresholds: { runtimeLowMinutes: 10, fuelLowPercent: 20, recoveryHoldSeconds: 5 }, models: [] };
    const fake = fakeClient({ 'power.getOverview': () => overview(), 'power.getConfig': () => config });
    const { slice } = held(fake);
    fake.status('open');
    await tick();
    const configCalls = () => fake.calls.filter((c) => c.method === 'power.getConfig').length;
    expect(configCalls()).toBe(0);
    fake.status('closed');
    fake.status('open');
    await tick();
    expect(configCalls()).toBe(0);
    await slice.commands.loadConfig();
    expect(configCalls()).toBe(1);
    fake.status('closed');
    fake.status('open');
    await tick();
    expect(configCalls()).toBe(2);
  });

  it('acknowledges and mutes through the server, and shows its refusal', async () => {
    const fake = fakeClient({
      'power.getOverview': () => overview({ activeAlarms: [alarm('a1')] }),
      'power.acknowledgeAlarm': ({ id, by }: { id: string; by: string }) => {
        if (id === 'missing') throw new RpcError(-32000, 'no power alarm with id missing');
        return alarm(id, { acknowledgedBy: by, acknowledgedAt: 5000, sounding: false });
      },
      'power.muteAlarm': ({ id, muted, by }: { id: string; muted: boolean; by: string }) => alarm(id, { muted, mutedBy: by, sounding: !muted }),
    });
    const { slice, state } = held(fake, () => 77);
    const { commands } = slice;
    await commands.load();
    expect(await commands.muteAlarm('a1', true, '张伟')).not.toBeNull();
    expect(state().alarms[0]).toMatchObject({ muted: true, sounding: false });
    expect(await commands.acknowledgeAlarm('a1', '张伟')).not.toBeNull();
    expect(state().alarms[0]).toMatchObject({ acknowledgedBy: '张伟', acknowledgedAt: 5000 });
    expect(await commands.acknowledgeAlarm('missing', '张伟')).toBeNull();
    expect(state().error).toMatchObject({ command: 'acknowledgeAlarm', message: 'no power alarm with id missing', code: -32000, at: 77 });
    commands.dismissError();
    expect(state().error).toBeNull();
  });

  it('saves configuration and applies the config the server returns', async () => {
    const config = { sources: [], thresholds: { runtimeLowMinutes: 15, fuelLowPercent: 20, recoveryHoldSeconds: 5 }, models: [] };
    const fake = fakeClient({ 'power.saveThresholds': () => config });
    const slice = new SliceHost(fake.client).get(powerSlice);
    expect(await slice.commands.saveThresholds({ runtimeLowMinutes: 15 })).toEqual(config);
    expect(fake.calls.at(-1)).toEqual({ method: 'power.saveThresholds', params: { patch: { runtimeLowMinutes: 15 } } });
    expect(slice.store.getState().config).toEqual(config);
    expect(slice.store.getState().thresholds?.runtimeLowMinutes).toBe(15);
  });

  it('offers the active people of the duty room, and nobody when duty refuses', async () => {
    const person = (name: string, active: boolean) => ({ id: name, name, role: 'officer' as const, phone: '123', unit: 'u', active, demo: false });
    const fake = fakeClient({ 'duty.listPeople': () => [person('张伟', true), person('李娜', false)] });
    const slice = new SliceHost(fake.client).get(powerSlice);
    await slice.commands.loadOfficers();
    expect(slice.store.getState().officers.map((o) => o.name)).toEqual(['张伟']);
    const none = new SliceHost(fakeClient({}).client).get(powerSlice);
    await none.commands.loadOfficers();
    expect(none.store.getState()).toMatchObject({ officers: [], error: null });
  });

  it('keeps the officer named for the page', async () => {
    const slice = new SliceHost(fakeClient({}).client).get(powerSlice);
    await slice.commands.setOfficer('张伟');
    expect(slice.store.getState().officer).toBe('张伟');
  });

  it('lets go of every subscription when the last holder releases', () => {
    const fake = fakeClient({ 'power.getOverview': () => overview() });
    const { release } = held(fake);
    expect(fake.listenerCount()).toBeGreaterThan(0);
    release();
    expect(fake.listenerCount()).toBe(0);
  });
});
