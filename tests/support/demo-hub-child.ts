// A hub in a child process, for the tests that kill it (-9) and the benches that load it: the real
// core on the data directory given, with the demo set (so there is an active response to tick), on
// a free loopback port. Started by startDemoHubChild (demo-hub.ts), or by hand with
// `node --import tsx tests/support/demo-hub-child.ts DATA_DIR TOKEN`; prints the port when ready.
import { openCore } from '../../src-main/core/app';
import { startHub } from '../../src-main/hub/server';

async function main(): Promise<void> {
  const [dataDir, token] = process.argv.slice(2);
  const quiet = { info() {}, warn() {}, error: (m: string) => console.error(m) };
  const core = await openCore({ dataDir, host: 'hub', demo: true, log: quiet });
  const hub = await startHub({ core, token, hosts: ['127.0.0.1'], port: 0, log: quiet });
  console.log(`hub-child ready on port ${hub.port}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
