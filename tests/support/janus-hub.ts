// The real-Janus setup of the sfu tests (tests/unit/media/sfu.test.ts, recording.test.ts): a core
// supervising Debian's Janus and the hub on loopback, both in this process, their log kept in
// memory; `call` dispatches on the core as a local caller.
import { appendFileSync } from 'node:fs';
import { openCore, type Core } from '../../src-main/core/app';
import { startHub, type Hub } from '../../src-main/hub/server';
import type { CallContext } from '@contract/define';
import type { MediaHealth } from '@contract/media';

export const LOCAL: CallContext = { transport: 'local', peer: 'test' };

export interface JanusHub {
  core: Core;
  hub: Hub;
  /** Every line the core and hub logged. */
  logs: string[];
  /** The hub's WebSocket RPC address, token included. */
  url: string;
  call<T>(method: string, params: object, c?: CallContext): Promise<T>;
  health(): Promise<MediaHealth>;
  /** Closes the hub, then the core (which stops Janus). */
  close(): Promise<void>;
}

/** Opens the core (media.janus on) in `dir` and the hub with `token`; does not wait for Janus to run. */
export async function startJanusHub(opts: { dir: string; token: string; recordingsDir?: string }): Promise<JanusHub> {
  const logs: string[] = [];
  // SFU_TRACE=<file>: the hub's media lines go there too, timed, beside the sites' steps.
  const trace = process.env.SFU_TRACE;
  const keep = (m: string): void => {
    logs.push(m);
    if (trace && m.includes('[media]')) appendFileSync(trace, `${Date.now()} hub ${m}\n`);
  };
  const log = { info: keep, warn: keep, error: keep };
  const core = await openCore({ dataDir: opts.dir, host: 'hub', log, media: { janus: true } });
  const hub = await startHub({
    core,
    token: opts.token,
    hosts: ['127.0.0.1'],
    port: 0,
    log,
    ...(opts.recordingsDir ? { recordingsDir: opts.recordingsDir } : {}),
  });
  const call = <T>(method: string, params: object, c: CallContext = LOCAL) => core.dispatch(method as never, params as never, c) as Promise<T>;
  return {
    core,
    hub,
    logs,
    url: `ws://127.0.0.1:${hub.port}/rpc?token=${opts.token}`,
    call,
    health: () => call<MediaHealth>('media.getHealth', {}),
    close: async () => {
      await hub.close();
      await core.close();
    },
  };
}
