// A hub of its own process for recording.test.ts: the core (supervising Janus) and the hub on
// loopback, over DATA_DIR; prints {"port":N,"janusPid":P} once Janus runs, then waits to be killed.
// `node --import tsx tests/unit/media/recording-hub-child.ts DATA_DIR TOKEN`
import { openCore } from '../../../src-main/core/app';
import { startHub } from '../../../src-main/hub/server';
import type { MediaHealth } from '../../../src-main/core/contract/media';

async function main(dataDir: string, token: string): Promise<void> {
  const quiet = { info() {}, warn() {}, error: (m: string) => console.error(m) };
  const core = await openCore({ dataDir, host: 'hub', log: quiet, media: { janus: true } });
  const hub = await startHub({ core, token, hosts: ['127.0.0.1'], port: 0, log: quiet });
  for (;;) {
    const h = (await core.dispatch('media.getHealth', {}, { transport: 'local', peer: 'child' })) as MediaHealth;
    if (h.state === 'running') return void console.log(JSON.stringify({ port: hub.port, janusPid: h.pid }));
    await new Promise((r) => setTimeout(r, 50));
  }
}

main(process.argv[2], process.argv[3]).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
