// Opens the whole core on a fresh data directory, and calls through the contract as a client would.
import { openCore, type Core } from '../../../src-main/core/app';
import type { MethodName, ParamsOf, ResultOf } from '../../../src-main/core/contract/api';
import { tempDir } from '../../support/temp-dir';

export interface TestCore {
  core: Core;
  dir: string;
  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
  events: { event: string; payload: any }[];
  close(): Promise<void>;
}

const quiet = { info() {}, warn() {}, error() {} };

export async function openTestCore(opts: { demo?: boolean; now?: () => number; dir?: string } = {}): Promise<TestCore> {
  const tmp = opts.dir ? null : tempDir('cw-map-');
  const dir = opts.dir ?? tmp!.dir;
  const core = await openCore({ dataDir: dir, host: 'hub', demo: opts.demo ?? false, now: opts.now, log: quiet });
  const events: { event: string; payload: any }[] = [];
  core.bus.onAny((event, payload) => events.push({ event, payload }));
  return {
    core,
    dir,
    events,
    call: (method, params) => core.dispatch(method, params, { transport: 'local', peer: 'test' }) as never,
    async close() {
      await core.close();
      tmp?.remove();
    },
  };
}

/** The refusal a call ends in (fails the test if it succeeds). */
export async function refusal(p: Promise<unknown>): Promise<{ code: number; message: string; data?: any }> {
  try {
    await p;
  } catch (err) {
    return err as { code: number; message: string; data?: any };
  }
  throw new Error('expected the call to be refused, but it succeeded');
}
