// Alarm-to-preset through the contract on a real core: a warning imported as CAP switches every
// display to the preset chosen for its kind, a red one outranks an orange one, and the wall goes
// back when the operator acknowledges or the warning ends; the room settings are checked and kept.
import { afterEach, describe, expect, it } from 'vitest';
import { standardLayout } from '@contract/layouts';
import { openCoreHarness, type CoreHarness } from '../../support/core-harness';
import { capXml } from '../warnings/cap-fixture';
import { alarmEffects } from '../../../src-main/core/wall/alarm-switch';

let t: CoreHarness;
afterEach(async () => {
  await t?.close();
});

const alertPreset = { id: 'alert', name: '预警态势', layout: standardLayout('2x2'), cells: ['warnings', 'map', 'plan-responses', 'power'] };
const redPreset = { id: 'red', name: '红色预警', layout: standardLayout('1x1'), cells: ['warnings'] };

async function setUp(): Promise<void> {
  t = await openCoreHarness();
  await t.call('wall.savePreset', { preset: alertPreset });
  await t.call('wall.savePreset', { preset: redPreset });
  await t.call('wall.activate', { display: 1, presetId: 'quad' });
  await t.call('wall.saveSettings', { patch: { alarmPresets: { 'warning-orange': 'alert', 'warning-red': 'red' } } });
}

/** Lets the bus listener's write finish. */
const settle = () => new Promise((r) => setTimeout(r, 50));

describe('alarm-to-preset', () => {
  it('switches every display on an orange warning and back when it is acknowledged', async () => {
    await setUp();
    const orange = await t.call('warnings.importCap', { xml: capXml({ identifier: 'R1', event: '暴雨橙色预警信号' }) });
    await settle();
    let wall = await t.call('wall.get');
    expect(wall.active).toEqual({ '0': 'alert', '1': 'alert' });
    expect(wall.alarms).toMatchObject([{ kind: 'warning-orange', key: orange.outcomes[0].warningId, title: '暴雨橙色预警信号' }]);
    expect(wall.restore).toEqual({ '0': 'overview', '1': 'quad' });

    wall = await t.call('wall.acknowledgeAlarm', {});
    expect(wall.active).toEqual({ '0': 'overview', '1': 'quad' });
    expect(wall.alarms).toEqual([]);
    // An update of the same warning at the same level does not switch again.
    await t.call('warnings.importCap', { xml: capXml({ identifier: 'R2', event: '暴雨橙色预警信号', msgType: 'Update' }) });
    await settle();
    expect((await t.call('wall.get')).active).toEqual({ '0': 'overview', '1': 'quad' });
  });

  it('a red warning outranks an orange one; lifting them returns the wall; the operator’s own choice stands', async () => {
    await setUp();
    await t.call('warnings.importCap', { xml: capXml({ identifier: 'R1', event: '暴雨橙色预警信号' }) });
    await t.call('warnings.importCap', { xml: capXml({ identifier: 'G1', event: '大风红色预警信号' }) });
    await settle();
    let wall = await t.call('wall.get');
    expect(wall.alarms?.map((a) => a.kind)).toEqual(['warning-red', 'warning-orange']);
    expect(wall.active).toEqual({ '0': 'red', '1': 'red' });
    await t.call('wall.activate', { display: 1, presetId: 'single' });
    await t.call('warnings.importCap', { xml: capXml({ identifier: 'G2', event: '大风预警信号', headline: '解除大风红色预警信号' }) });
    await settle();
    expect((await t.call('wall.get')).active).toEqual({ '0': 'alert', '1': 'single' });
    await t.call('warnings.importCap', { xml: capXml({ identifier: 'R2', event: '暴雨预警信号', headline: '解除暴雨橙色预警信号' }) });
    await settle();
    wall = await t.call('wall.get');
    expect(wall.active).toEqual({ '0': 'overview', '1': 'single' });
    expect(wall.alarms).toEqual([]);
  });

  it('does not switch for a kind without a preset, and refuses a preset that does not exist or is an alarm’s', async () => {
    t = await openCoreHarness();
    await t.call('warnings.importCap', { xml: capXml({ identifier: 'R1', event: '暴雨橙色预警信号' }) });
    await settle();
    expect((await t.call('wall.get')).active).toEqual({ '0': 'overview' });
    const missing = await t.refusal('wall.saveSettings', { patch: { alarmPresets: { 'warning-red': 'nope' } } });
    expect(missing.message).toMatch(/alarmPresets\.warning-red: no preset with id nope/);
    const bad = await t.refusal('wall.saveSettings', { patch: { viewingDistanceM: 0 } });
    expect(bad.message).toMatch(/viewingDistanceM/);
    await t.call('wall.saveSettings', { patch: { alarmPresets: { 'power-alarm': 'quad' }, widthM: 5 } });
    const inUse = await t.refusal('wall.removePreset', { id: 'quad' });
    expect(inUse.message).toMatch(/preset for power-alarm/);
    const dir = t.dir;
    await t.closeKeep();
    t = await openCoreHarness({ dir });
    expect((await t.call('wall.get')).settings).toEqual({ widthM: 5, viewingDistanceM: 8, alarmPresets: { 'power-alarm': 'quad' } });
  });

  it('maps responses and power alarms: a new Ⅰ/Ⅱ response opens, ticking does not, closing or lowering ends; a power alarm acknowledged ends', () => {
    const response = { id: 'rsp_1', planTitle: '三防应急预案', level: 'II', status: 'active' } as never;
    expect(alarmEffects('plans.responseChanged', { change: 'activated', response, entry: null })).toEqual([
      { open: { kind: 'response-major', key: 'rsp_1', title: '三防应急预案 Ⅱ级响应' } },
    ]);
    expect(alarmEffects('plans.responseChanged', { change: 'action', response, entry: null })).toEqual([]);
    const lowered = { ...(response as object), level: 'III' } as never;
    expect(alarmEffects('plans.responseChanged', { change: 'level', response: lowered, entry: null })).toEqual([{ close: 'rsp_1' }]);
    const alarm = { id: 'pa_1', severity: 'critical', active: true, acknowledgedAt: null, message: { zh: '市电中断', en: 'Mains lost' } } as never;
    expect(alarmEffects('power.alarmRaised', alarm)).toEqual([{ open: { kind: 'power-alarm', key: 'pa_1', title: '市电中断' } }]);
    expect(alarmEffects('power.alarmChanged', { ...(alarm as object), acknowledgedAt: 1 } as never)).toEqual([{ close: 'pa_1' }]);
  });
});
