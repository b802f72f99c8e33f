// The one core harness for unit tests: a real core on a real store in a temp dir, with a clock the
// test moves, every pushed event and log line recorded, and calls made through the contract's
// dispatcher exactly as a client makes them (params are checked against the schema, typed results).
// Capability fixtures (duty staff, NUT servers, …) live in their own helper files and build on it.
import { join } from 'node:path';
import { openCore, type Core } from '../../src-main/core/app';
import type { MethodName, ParamsOf, ResultOf } from '@contract/api';
import type { CallContext } from '@contract/define';
import { RpcError } from '@contract/errors';
import { tempDir } from './temp-dir';

/** A logger that says nothing, for a core or hub the test opens by hand. */
export const quiet = { info() {}, warn() {}, error() {} };

export interface Recorded {
  event: string;
  payload: any;
  /** Wall-clock time it was recorded (not the core's clock). */
  at: number;
}

/** Params may be left out where the method takes none that are required. */
type CallArgs<M extends MethodName> =
  {} extends ParamsOf<M> ? [params?: ParamsOf<M>, ctx?: Partial<CallContext>] : [params: ParamsOf<M>, ctx?: Partial<CallContext>];

export interface CoreHarness {
  core: Core;
  /** The core's data directory. */
  dir: string;
  /** The core's clock when opened with `now` a number: set `clock.now` to move it. */
  clock: { now: number };
  events: Recorded[];
  /** Every log line, as `info …`, `warn …`, `error …`. */
  logs: string[];
  call<M extends MethodName>(method: M, ...args: CallArgs<M>): Promise<ResultOf<M>>;
  /** The RpcError a call fails with (fails the test if it succeeds). */
  refusal(method: MethodName, params: unknown): Promise<RpcError>;
  /** Closes the core and removes the temp dir it made. */
  close(): Promise<void>;
  /** Closes the core but keeps its data dir, for reopen tests. */
  closeKeep(): Promise<void>;
}

export interface HarnessOptions {
  /**
   * The core's clock: a number starts a clock the test moves through `clock.now`; a function is
   * used as it is. Default: the system clock.
   */
  now?: number | (() => number);
  demo?: boolean;
  /** An existing data dir (kept on close); default a fresh temp dir. */
  dir?: string;
  /** Put the data dir this far below the fresh temp dir, so the core has to create it. */
  subdir?: string;
}

export async function openCoreHarness(opts: HarnessOptions = {}): Promise<CoreHarness> {
  const tmp = opts.dir ? null : tempDir('cw-core-');
  const dir = opts.dir ?? (opts.subdir ? join(tmp!.dir, opts.subdir) : tmp!.dir);
  const clock = { now: typeof opts.now === 'number' ? opts.now : Date.now() };
  const now = typeof opts.now === 'number' ? () => clock.now : opts.now;
  const logs: string[] = [];
  const log = { info: (m: string) => logs.push(`info ${m}`), warn: (m: string) => logs.push(`warn ${m}`), error: (m: string) => logs.push(`error ${m}`) };
  const core = await openCore({ dataDir: dir, host: 'hub', now, demo: opts.demo ?? false, log });
  const events: Recorded[] = [];
  core.bus.onAny((event, payload) => events.push({ event, payload, at: Date.now() }));
  const ctx = (over: Partial<CallContext> = {}): CallContext => ({ transport: 'local', peer: 'test', ...over });
  return {
    core,
    dir,
    clock,
    events,
    logs,
    call: (method, ...[params, over]) => core.dispatch(method, params ?? {}, ctx(over)) as Promise<any>,
    async refusal(method, params) {
      try {
        await core.dispatch(method, params, ctx());
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
    async closeKeep() {
      await core.close();
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
