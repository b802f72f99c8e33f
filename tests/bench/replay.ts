// `npm run bench -- replay`: the incident replay (issue 15) over a 24-hour incident of 5,000+
// changes, made through the real core's dispatcher on a fresh store (tasks issued, acknowledged
// and completed; teams dispatched, on scene, returning, standing by; stock moved), then
// replay.getAt at moments spread over the day and the whole day's significant-events board.
// Target: any moment ≤ 300 ms.
//
// Prints one JSON line: {"bench":"replay","events":N,"changes":N,"get_at_ms":p95,"get_at_p50_ms","get_at_max_ms","events_ms","n"}.
import { openCore } from '../../src-main/core/app';
import type { MethodName, ParamsOf, ResultOf } from '@contract/api';
import { localTime } from '@contract/yuexiu';
import { tempDir } from '../support/temp-dir';

const CHANGES = Number(process.env.CW_BENCH_N ?? 5000);
const MOMENTS = 30;
const TARGET_MS = 300;
const DAY = 86_400_000;

export async function benchReplay(print: (o: object) => void): Promise<void> {
  const tmp = tempDir('cw-bench-replay-');
  const T0 = localTime(2025, 6, 10, 0);
  const clock = { now: T0 };
  const quiet = { info() {}, warn() {}, error() {} };
  const core = await openCore({ dataDir: tmp.dir, host: 'hub', now: () => clock.now, log: quiet });
  const call = <M extends MethodName>(m: M, p: ParamsOf<M>) => core.dispatch(m, p, { transport: 'local', peer: 'bench' }) as Promise<ResultOf<M>>;
  try {
    const by = (await call('duty.savePerson', { person: { name: '陈志强', role: 'leader', unit: '区应急管理局', phone: '13800000001' } })).id;
    const teams: string[] = [];
    for (let i = 0; i < 10; i++)
      teams.push(
        (
          await call('map.saveObject', {
            object: {
              kind: 'team',
              name: `抢险队${i}`,
              street: '北京街',
              position: { lat: 23.129, lng: 113.264 },
              people: 20,
              professional: true,
              equipment: '',
              contact: '',
            },
          })
        ).id,
      );
    while ((await call('teams.list', {})).teams.length < teams.length) await new Promise((r) => setTimeout(r, 20));
    const depot = {
      kind: 'warehouse',
      id: (
        await call('map.saveObject', { object: { kind: 'warehouse', name: '区储备仓库', street: '洪桥街', position: { lat: 23.13, lng: 113.27 }, stock: [] } })
      ).id,
    } as const;
    await call('materials.move', { movement: { kind: 'in', to: depot, item: '沙包', unit: '袋', quantity: 1_000_000, reason: '入库' }, by });

    // A day of changes, evenly spread: each round issues a task, answers the one before, moves a
    // team one step, moves stock.
    const step = Math.floor(DAY / (CHANGES / 4));
    const cycle = ['dispatched', 'on_scene', 'returning', 'standby'] as const;
    let changes = 0;
    let prev: string | null = null;
    for (let i = 0; changes < CHANGES; i++) {
      clock.now += step;
      const t = await call('tasks.issue', {
        task: { title: `指令${i}`, content: '处置', priority: 'normal', addressee: { kind: 'street', name: '北京街' }, deadline: clock.now + 3_600_000 },
        by,
      });
      changes++;
      if (prev) {
        await call('tasks.acknowledge', { id: prev, by });
        await call('tasks.complete', { id: prev, by, result: '完成' });
        changes += 2;
      }
      prev = t.id;
      const team = teams[i % teams.length];
      const status = cycle[Math.floor(i / teams.length) % cycle.length];
      await call('teams.changeStatus', { id: team, status, by }).catch(() => undefined);
      changes++;
      await call('materials.move', {
        movement: { kind: 'transfer', from: depot, to: { kind: 'street', street: '北京街' }, item: '沙包', unit: '袋', quantity: 1, reason: '调拨' },
        by,
      });
      changes++;
    }
    const end = clock.now;
    const times: number[] = [];
    let total = 0;
    for (let k = 0; k < MOMENTS; k++) {
      const at = T0 + Math.round(((k + 0.5) / MOMENTS) * (end - T0));
      const t0 = performance.now();
      const s = await call('replay.getAt', { at });
      times.push(performance.now() - t0);
      total = Math.max(total, s.tasks.length);
    }
    const t0 = performance.now();
    const board = await call('replay.listEvents', { from: T0, to: end, limit: 50 });
    const eventsMs = performance.now() - t0;
    times.sort((a, b) => a - b);
    const pct = (p: number) => Math.round(times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)] * 10) / 10;
    const p95 = pct(0.95);
    print({
      bench: 'replay',
      events: board.total,
      changes,
      tasks: total,
      get_at_ms: p95,
      get_at_p50_ms: pct(0.5),
      get_at_max_ms: pct(1),
      events_ms: Math.round(eventsMs * 10) / 10,
      n: MOMENTS,
      target_ms: TARGET_MS,
      ok: p95 <= TARGET_MS,
    });
  } finally {
    await core.close();
    tmp.remove();
  }
}
