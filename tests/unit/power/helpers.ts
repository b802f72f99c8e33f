// Power tests on the shared core harness (tests/support/core-harness.ts), on the system clock, with
// waits for the event or state a test expects.
import { openCoreHarness, type CoreHarness, type Recorded } from '../../support/core-harness';

export type { Recorded };

export interface PowerCore extends CoreHarness {
  /** The core's data dir (a fresh one the core had to create, unless reopened). */
  dataDir: string;
  /** Resolves with the first event (recorded since `since`, default: from now on) matching. */
  waitEvent(event: string, match?: (p: any) => boolean, timeoutMs?: number, since?: number): Promise<Recorded>;
  waitState(state: string, timeoutMs?: number): Promise<any>;
}

export async function openPowerCore(existingDir?: string): Promise<PowerCore> {
  const h = await openCoreHarness(existingDir ? { dir: existingDir } : { subdir: 'data' });
  const { events, logs } = h;
  const waiters: { event: string; match: (p: any) => boolean; resolve: (r: Recorded) => void }[] = [];
  // Registered right after the harness's recorder: the event just recorded is the one heard here.
  h.core.bus.onAny((event, payload) => {
    const rec = events[events.length - 1];
    for (const w of [...waiters]) {
      if (w.event === event && w.match(payload)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(rec);
      }
    }
  });
  const pc: PowerCore = {
    ...h,
    dataDir: h.dir,
    waitEvent(event, match = () => true, timeoutMs = 5000, since) {
      if (since !== undefined) {
        const hit = events.find((e) => e.at >= since && e.event === event && match(e.payload));
        if (hit) return Promise.resolve(hit);
      }
      return new Promise((resolve, reject) => {
        const w = { event, match, resolve: (r: Recorded) => (clearTimeout(t), resolve(r)) };
        const t = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(
            new Error(
              `no ${event} within ${timeoutMs} ms; events: ${events
                .slice(-8)
                .map(
                  (e) =>
                    `${e.event}${e.payload?.transition ? `(${e.payload.transition.from}→${e.payload.transition.to})` : e.payload?.code ? `(${e.payload.code})` : ''}`,
                )
                .join(', ')}\n${logs.slice(-5).join('\n')}`,
            ),
          );
        }, timeoutMs);
        waiters.push(w);
      });
    },
    async waitState(state, timeoutMs = 5000) {
      const t0 = Date.now();
      const now = (await pc.call('power.getOverview')).state;
      if (now === state) return;
      return (await pc.waitEvent('power.stateChanged', (p) => p.transition.to === state, timeoutMs, t0)).payload;
    },
  };
  return pc;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
