// The whole core on a real store in a temp dir, called through the contract as a client would,
// with every event recorded so a test can wait for the one it expects.
import { join } from 'node:path';
import { openCore, type Core } from '../../../src-main/core/app';
import type { CallContext } from '../../../src-main/core/contract/define';
import { tempDir } from '../../support/temp-dir';

export interface Recorded {
  event: string;
  payload: any;
  at: number;
}

export interface PowerCore {
  core: Core;
  dataDir: string;
  events: Recorded[];
  logs: string[];
  call(method: string, params?: unknown, ctx?: Partial<CallContext>): Promise<any>;
  /** Resolves with the first event (recorded since `since`, default: from now on) matching. */
  waitEvent(event: string, match?: (p: any) => boolean, timeoutMs?: number, since?: number): Promise<Recorded>;
  waitState(state: string, timeoutMs?: number): Promise<any>;
  close(): Promise<void>;
  /** Closes the core but keeps the data dir, for reopen tests. */
  closeKeep(): Promise<void>;
}

export async function openPowerCore(existingDir?: string): Promise<PowerCore> {
  const tmp = existingDir ? null : tempDir('cw-power-');
  const dataDir = existingDir ?? join(tmp!.dir, 'data');
  const logs: string[] = [];
  const log = { info: (m: string) => logs.push(`info ${m}`), warn: (m: string) => logs.push(`warn ${m}`), error: (m: string) => logs.push(`error ${m}`) };
  const core = await openCore({ dataDir, host: 'hub', log });
  const events: Recorded[] = [];
  const waiters: { event: string; match: (p: any) => boolean; resolve: (r: Recorded) => void }[] = [];
  core.bus.onAny((event, payload) => {
    const rec = { event, payload, at: Date.now() };
    events.push(rec);
    for (const w of [...waiters]) {
      if (w.event === event && w.match(payload)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(rec);
      }
    }
  });
  const pc: PowerCore = {
    core,
    dataDir,
    events,
    logs,
    call: (method, params = {}, ctx = {}) => core.dispatch(method, params, { transport: 'local', peer: 'test', ...ctx }),
    waitEvent(event, match = () => true, timeoutMs = 5000, since) {
      if (since !== undefined) {
        const hit = events.find((e) => e.at >= since && e.event === event && match(e.payload));
        if (hit) return Promise.resolve(hit);
      }
      return new Promise((resolve, reject) => {
        const w = { event, match, resolve: (r: Recorded) => (clearTimeout(t), resolve(r)) };
        const t = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`no ${event} within ${timeoutMs} ms; events: ${events.slice(-8).map((e) => `${e.event}${e.payload?.transition ? `(${e.payload.transition.from}→${e.payload.transition.to})` : e.payload?.code ? `(${e.payload.code})` : ''}`).join(', ')}\n${logs.slice(-5).join('\n')}`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    async waitState(state, timeoutMs = 5000) {
      const t0 = Date.now();
      const now = (await pc.call('power.overview')).state;
      if (now === state) return;
      return (await pc.waitEvent('power.stateChanged', (p) => p.transition.to === state, timeoutMs, t0)).payload;
    },
    async closeKeep() {
      await core.close();
    },
    async close() {
      await core.close();
      tmp?.remove();
    },
  };
  return pc;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
