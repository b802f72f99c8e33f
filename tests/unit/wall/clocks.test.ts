// The wall's own clocks (wall-service.ts on CrossingWatch), with nobody asking: a schedule boundary
// switches the display and a replay's return time takes the wall back to live by the clock's own
// wake-up, pushed in wall.changed. The other wall tests reach a passed boundary through a read (the
// service applies what its clock has not yet); this one never reads. A real store in a temp dir; the
// clock is the test's, and the service's longest sleep is 20 ms instead of a minute, so a moved
// clock is noticed at once.
import { afterEach, describe, expect, it } from 'vitest';
import { localTime } from '@contract/yuexiu';
import type { WallState } from '@contract/wall';
import { EventBus } from '../../../src-main/core/events';
import { migrations } from '../../../src-main/core/migrations';
import { openStore, type Store } from '../../../src-main/core/store';
import { WallService } from '../../../src-main/core/wall/wall-service';
import { quiet } from '../../support/core-harness';
import { tempDir } from '../../support/temp-dir';
import { until } from '../../support/until';

const MIN = 60_000;
const T0 = localTime(2026, 12, 6, 21, 59);

let store: Store | undefined;
let svc: WallService | undefined;
const tmp = tempDir('cw-wall-clocks-');
afterEach(async () => {
  svc?.close();
  await store?.close();
  tmp.remove();
});

async function open(clock: { now: number }): Promise<{ svc: WallService; pushed: WallState[] }> {
  store = await openStore({ dir: tmp.dir, migrations, log: quiet });
  const bus = new EventBus();
  const pushed: WallState[] = [];
  bus.onAny((event, payload) => {
    if (event === 'wall.changed') pushed.push(payload as WallState);
  });
  svc = new WallService(store, bus, () => clock.now, { maxWakeMs: 20 });
  await svc.ensureDefaults();
  svc.startClocks();
  return { svc, pushed };
}

describe('the wall’s clocks, with nobody asking', () => {
  it('switch a display at a schedule boundary and back at the next one', async () => {
    const clock = { now: T0 };
    const { svc: wall, pushed } = await open(clock);
    await wall.saveSettings({ schedules: [{ id: 'night', name: '夜间', presetId: 'single', from: '22:00', to: '22:30', displays: [] }] });
    expect(wall.state().active['0']).toBe('overview');
    clock.now = T0 + MIN; // 22:00
    await until(
      'the night preset on display 1',
      () => pushed.at(-1)?.active['0'],
      (a) => a === 'single',
      5000,
    );
    clock.now = T0 + 31 * MIN; // 22:30
    await until(
      'display 1 back to what it showed',
      () => pushed.at(-1)?.active['0'],
      (a) => a === 'overview',
      5000,
    );
  });

  it('take the wall out of replay at its return time', async () => {
    const clock = { now: T0 };
    const { svc: wall, pushed } = await open(clock);
    await wall.saveSettings({ replayReturnMin: 1 });
    expect((await wall.startReplay(T0 - MIN, null)).replay).toMatchObject({ until: T0 + MIN });
    clock.now = T0 + MIN - 1;
    await new Promise((r) => setTimeout(r, 100));
    expect(pushed.at(-1)?.replay).not.toBeNull();
    clock.now = T0 + MIN;
    await until(
      'the wall live again',
      () => pushed.at(-1)?.replay,
      (r) => r === null,
      5000,
    );
  });
});
