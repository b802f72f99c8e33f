// The wall in replay (复盘上墙), through a real core on a real store with a clock the test moves:
// put on at a past moment, pushed in wall.changed, kept across a restart, back to live on request
// or by itself after the configured time (default 30 min), and a moment in the future refused in
// both languages naming the field.
import { afterEach, describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import { DEFAULT_REPLAY_RETURN_MIN } from '@contract/wall';
import { openCoreHarness, refusal, type CoreHarness } from '../../support/core-harness';

let t: CoreHarness;
afterEach(async () => {
  await t?.close();
});

const T0 = Date.UTC(2026, 11, 6, 6, 0);
const MIN = 60_000;
const lastPushed = () => t.events.filter((e) => e.event === 'wall.changed').at(-1)?.payload as { replay?: unknown } | undefined;

describe('the wall in replay', () => {
  it('is put on at a past moment, pushed, kept across a restart, and taken off', async () => {
    t = await openCoreHarness({ now: T0 });
    const moment = T0 - 90 * MIN;
    const on = await t.call('wall.startReplay', { at: moment }, { personName: '王建国' });
    const expected = { at: moment, since: T0, until: T0 + DEFAULT_REPLAY_RETURN_MIN * MIN, by: '王建国' };
    expect(on.replay).toEqual(expected);
    expect(lastPushed()?.replay).toEqual(expected);
    expect(DEFAULT_REPLAY_RETURN_MIN).toBe(30);

    // A restart (the store reopened) keeps the wall in replay.
    const dir = t.dir;
    await t.closeKeep();
    t = await openCoreHarness({ now: T0 + 10 * MIN, dir });
    expect((await t.call('wall.get')).replay).toEqual(expected);

    const off = await t.call('wall.endReplay');
    expect(off.replay).toBeNull();
    expect(lastPushed()?.replay).toBeNull();
    expect((await t.call('wall.get')).replay).toBeNull();
  });

  it('returns to live by itself after the configured time, and says so', async () => {
    t = await openCoreHarness({ now: T0 });
    await t.call('wall.saveSettings', { patch: { replayReturnMin: 5 } });
    await t.call('wall.startReplay', { at: T0 - MIN });
    t.clock.now = T0 + 5 * MIN - 1;
    expect((await t.call('wall.get')).replay).toMatchObject({ until: T0 + 5 * MIN });
    t.clock.now = T0 + 5 * MIN;
    const before = t.events.length;
    expect((await t.call('wall.get')).replay).toBeNull();
    expect(t.events.slice(before).some((e) => e.event === 'wall.changed' && e.payload.replay === null)).toBe(true);
  });

  it('goes back to live by its own clock when its return time passed while the hub was down', async () => {
    t = await openCoreHarness({ now: T0 });
    await t.call('wall.startReplay', { at: T0 - MIN });
    const dir = t.dir;
    await t.closeKeep();
    t = await openCoreHarness({ now: T0 + 31 * MIN, dir });
    // Nobody asks: the wall's replay clock clears it and pushes the live state.
    for (let i = 0; i < 100 && lastPushed()?.replay !== null; i++) await new Promise((r) => setTimeout(r, 20));
    expect(lastPushed()?.replay).toBeNull();
    expect((await t.call('wall.get')).replay).toBeNull();
  });

  it('refuses a moment in the future in both languages, naming the field; the wall stays live', async () => {
    t = await openCoreHarness({ now: T0 });
    const r = await refusal(t.call('wall.startReplay', { at: T0 + MIN }));
    expect(r.code).toBe(RpcCode.Refused);
    expect(r.data).toMatchObject({ field: 'at' });
    expect(r.data.text.zh).toContain('回放时刻（at）');
    expect(r.data.text.en).toContain('at lies in the future');
    expect((await t.call('wall.get')).replay).toBeNull();
    // The return time is checked as a setting: at least a minute.
    const bad = await t.refusal('wall.saveSettings', { patch: { replayReturnMin: 0 } });
    expect(bad.message).toContain('replayReturnMin');
  });
});
