// A real core on a real store in a temp dir, with a clock the test moves, every pushed event
// recorded, and calls made through the contract's dispatcher exactly as a client makes them.
import { openCore, type Core } from '../../../src-main/core/app';
import type { MethodName, ParamsOf, ResultOf } from '../../../src-main/core/contract/api';
import { RpcError } from '../../../src-main/core/contract/errors';
import { localTime } from '../../../src-main/core/contract/yuexiu';
import { tempDir } from '../../support/temp-dir';

export const quiet = { info() {}, warn() {}, error() {} };

/** 2025-06-10 10:00 in Guangzhou: a Tuesday, mid-month. */
export const T0 = localTime(2025, 6, 10, 10);
export const H = 3600_000;
export const at = (day: number, hour: number, minute = 0, month = 6): number => localTime(2025, month, day, hour, minute);

export interface Harness {
  core: Core;
  dir: string;
  clock: { now: number };
  events: { event: string; payload: any }[];
  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
  /** The RpcError a call fails with (fails the test if it succeeds). */
  refusal(method: MethodName, params: unknown): Promise<RpcError>;
  close(): Promise<void>;
}

export async function openHarness(opts: { now?: number; demo?: boolean; dir?: string } = {}): Promise<Harness> {
  const tmp = opts.dir ? null : tempDir('cw-duty-');
  const dir = opts.dir ?? tmp!.dir;
  const clock = { now: opts.now ?? T0 };
  const core = await openCore({ dataDir: dir, host: 'hub', now: () => clock.now, demo: opts.demo, log: quiet });
  const events: { event: string; payload: any }[] = [];
  core.bus.onAny((event, payload) => events.push({ event, payload }));
  const ctx = { transport: 'local' as const, peer: 'test' };
  return {
    core,
    dir,
    clock,
    events,
    call: (method, params) => core.dispatch(method, params, ctx) as Promise<any>,
    async refusal(method, params) {
      try {
        await core.dispatch(method, params, ctx);
      } catch (e) {
        if (e instanceof RpcError) return e;
        throw e;
      }
      throw new Error(`${method} succeeded but a refusal was expected`);
    },
    async close() {
      await core.close();
      tmp?.remove();
    },
  };
}

/** A small duty room: two leaders, two officers, a chief, a tech. Returns their ids by name. */
export async function staff(h: Harness): Promise<Record<string, string>> {
  const people = [
    { name: '陈志强', role: 'leader', unit: '区应急管理局', phone: '13800000001' },
    { name: '林慧敏', role: 'leader', unit: '区应急管理局', phone: '13800000002' },
    { name: '周杰', role: 'officer', unit: '区应急指挥中心', phone: '13800000003' },
    { name: '吴婷', role: 'officer', unit: '区应急指挥中心', phone: '13800000004' },
    { name: '李明', role: 'chief', unit: '区应急指挥中心', phone: '13800000005' },
    { name: '冯涛', role: 'tech', unit: '区应急指挥中心', phone: '13800000006' },
  ] as const;
  const ids: Record<string, string> = {};
  for (const p of people) ids[p.name] = (await h.call('duty.savePerson', { person: p })).id;
  return ids;
}
