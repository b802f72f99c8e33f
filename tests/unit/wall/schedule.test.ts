// Presets on a schedule, through a real core with a fake clock (no sleeping: the core applies a
// boundary it has passed when it is next asked, as its own timer would): night 22:00–07:00 and a
// daily briefing 08:30–09:00 on every display; a manual choice holds until the next boundary; an
// alarm preset wins over a schedule and the wall goes back to the scheduled preset after it; a
// restart catches up on a boundary passed while the hub was down; bad schedules are refused
// naming the field.
import { afterEach, describe, expect, it } from 'vitest';
import { standardLayout } from '@contract/layouts';
import { localTime } from '@contract/yuexiu';
import { openCoreHarness, type CoreHarness } from '../../support/core-harness';
import { capXml } from '../warnings/cap-fixture';
import { minuteOfDay, nextBoundary } from '../../../src-main/core/wall/schedule';

let t: CoreHarness;
afterEach(async () => {
  await t?.close();
});

/** Beijing time on 6 December 2026. */
const at = (hour: number, minute = 0, day = 6): number => localTime(2026, 12, day, hour, minute);
const night = { id: 'night', name: '夜间', presetId: 'night', from: '22:00', to: '07:00' };
const briefing = { id: 'briefing', name: '早班交班会', presetId: 'quad', from: '08:30', to: '09:00' };
const nightPreset = { id: 'night', name: '夜间值守', layout: standardLayout('1x1'), cells: ['map'] };
const alertPreset = { id: 'alert', name: '预警态势', layout: standardLayout('2x2'), cells: ['warnings', 'map', 'plan-responses', 'power'] };

async function setUp(): Promise<void> {
  t = await openCoreHarness({ now: at(21, 0) });
  await t.call('wall.savePreset', { preset: nightPreset });
  await t.call('wall.savePreset', { preset: alertPreset });
  await t.call('wall.activate', { display: 1, presetId: 'single' });
  await t.call('wall.saveSettings', { patch: { schedules: [night, briefing] } });
}

const active = async () => (await t.call('wall.get')).active;

describe('presets on a schedule', () => {
  it('finds boundaries in Beijing time, past midnight too', () => {
    expect(minuteOfDay(at(22, 0))).toBe(22 * 60);
    expect(nextBoundary([{ ...night, displays: [] }], at(21, 0))).toBe(at(22, 0));
    expect(nextBoundary([{ ...night, displays: [] }], at(22, 0))).toBe(at(7, 0, 7));
    expect(nextBoundary([], at(22, 0))).toBeNull();
  });

  it('switches at each boundary, back to what each display showed; a manual choice holds until the next boundary', async () => {
    await setUp();
    expect(await active()).toEqual({ '0': 'overview', '1': 'single' });
    t.clock.now = at(21, 59);
    expect(await active()).toEqual({ '0': 'overview', '1': 'single' });
    t.clock.now = at(22, 0);
    const w = await t.call('wall.get');
    expect(w.active).toEqual({ '0': 'night', '1': 'night' });
    expect(w.scheduled).toEqual({ '0': 'night', '1': 'night' });
    // The operator puts display 1 on the overview at 23:00: it holds through the night…
    t.clock.now = at(23, 0);
    await t.call('wall.activate', { display: 1, presetId: 'overview' });
    t.clock.now = at(3, 0, 7);
    expect(await active()).toEqual({ '0': 'night', '1': 'overview' });
    // …until the night ends: each display goes back to what it showed before the night.
    t.clock.now = at(7, 0, 7);
    expect(await active()).toEqual({ '0': 'overview', '1': 'single' });
    t.clock.now = at(8, 30, 7);
    expect(await active()).toEqual({ '0': 'quad', '1': 'quad' });
    t.clock.now = at(9, 5, 7);
    expect(await active()).toEqual({ '0': 'overview', '1': 'single' });
    // Outside every window the operator's choice is where the next window returns to.
    await t.call('wall.activate', { display: 0, presetId: 'single' });
    t.clock.now = at(22, 0, 7);
    expect(await active()).toEqual({ '0': 'night', '1': 'night' });
    t.clock.now = at(7, 1, 8);
    expect(await active()).toEqual({ '0': 'single', '1': 'single' });
  });

  it('an alarm preset wins over the schedule, and the wall goes back to the scheduled preset when it is acknowledged', async () => {
    await setUp();
    await t.call('wall.saveSettings', { patch: { alarmPresets: { 'warning-orange': 'alert' } } });
    t.clock.now = at(21, 50);
    await t.call('warnings.importCap', { xml: capXml({ identifier: 'R1', event: '暴雨橙色预警信号', sent: '2026-12-06T21:50:00+08:00' }) });
    await new Promise((r) => setTimeout(r, 50));
    expect(await active()).toEqual({ '0': 'alert', '1': 'alert' });
    t.clock.now = at(22, 0);
    const w = await t.call('wall.get');
    expect(w.active).toEqual({ '0': 'alert', '1': 'alert' });
    expect(w.restore).toEqual({ '0': 'night', '1': 'night' });
    await t.call('wall.acknowledgeAlarm', {});
    expect(await active()).toEqual({ '0': 'night', '1': 'night' });
    // And the night still ends where the wall was before it.
    t.clock.now = at(7, 0, 7);
    expect(await active()).toEqual({ '0': 'overview', '1': 'single' });
  });

  it('catches up on a boundary passed while the hub was down, and keeps the schedules', async () => {
    await setUp();
    const dir = t.dir;
    await t.closeKeep();
    t = await openCoreHarness({ dir, now: at(23, 30) });
    expect(await active()).toEqual({ '0': 'night', '1': 'night' });
    expect((await t.call('wall.get')).settings?.schedules).toHaveLength(2);
  });

  it('refuses overlapping windows, an empty window, a missing preset, and deleting a scheduled preset, naming the field', async () => {
    await setUp();
    const overlap = await t.refusal('wall.saveSettings', {
      patch: { schedules: [night, { ...briefing, id: 'late', name: '深夜', from: '23:00', to: '23:30' }] },
    });
    expect(overlap.message).toMatch(/schedules\.1: “深夜” \(23:00–23:30\) overlaps “夜间” \(22:00–07:00\)/);
    const empty = await t.refusal('wall.saveSettings', { patch: { schedules: [{ ...briefing, to: '08:30' }] } });
    expect(empty.message).toMatch(/schedules\.0\.to/);
    const badTime = await t.refusal('wall.saveSettings', { patch: { schedules: [{ ...briefing, from: '24:00' }] } });
    expect(badTime.message).toMatch(/schedules\.0\.from/);
    const missing = await t.refusal('wall.saveSettings', { patch: { schedules: [{ ...briefing, presetId: 'nope' }] } });
    expect(missing.message).toMatch(/schedules\.0\.presetId: no preset with id nope/);
    const inUse = await t.refusal('wall.removePreset', { id: 'night' });
    expect(inUse.message).toMatch(/on a schedule \(“夜间” 22:00–07:00\)/);
    // Different displays may overlap: each follows its own.
    await t.call('wall.saveSettings', {
      patch: {
        schedules: [
          { ...night, displays: [0] },
          { ...briefing, id: 'late', name: '深夜', from: '23:00', to: '23:30', displays: [1] },
        ],
      },
    });
    // A patch that leaves the schedules out keeps them.
    await t.call('wall.saveSettings', { patch: { widthM: 4 } });
    expect((await t.call('wall.get')).settings?.schedules?.map((s) => s.id)).toEqual(['night', 'late']);
  });
});
