// Entry of the headless hub (built to out/main/hub.js, run by `npm run hub` and by
// `npm start` when there is no Electron runtime). Plain Node: no Electron here.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openCore } from '../core/app';
import { defaultDataDir } from '../core/data-dir';
import { mediaOptionsFromEnv } from '../core/media';
import { loadToken } from './auth';
import { HUB_USAGE, parseHubArgs, UsageError } from './cli-args';
import { startHub } from './server';

/**
 * COMMAND_WALL_TEST_ACK_MINUTE_S (whole seconds, 1-60): a test hub's task acknowledgement minute
 * (tests/e2e/dispatch.spec.ts, which would otherwise wait out a real minute); unset, the core's 60 s.
 */
function ackMinuteFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const s = Number(env.COMMAND_WALL_TEST_ACK_MINUTE_S);
  return Number.isInteger(s) && s >= 1 && s <= 60 ? s * 1000 : undefined;
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseHubArgs(process.argv.slice(2));
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`hub: ${err.message}\n${HUB_USAGE}`);
      process.exit(2);
    }
    throw err;
  }
  if (args.help) {
    console.log(HUB_USAGE);
    return;
  }
  if (args.token !== undefined) {
    // The command line is readable by every local user (ps, /proc): overwrite what they see.
    process.title = 'command-wall-hub';
    console.warn('hub: --token is visible to other users of this machine while the hub starts; prefer --token-file or COMMAND_WALL_TOKEN');
  }
  const { token } = loadToken(args, process.env);
  delete process.env.COMMAND_WALL_TOKEN;
  const dataDir = resolve(args.dataDir ?? defaultDataDir());
  const staticDir = resolve(args.staticDir ?? join(__dirname, '..', 'renderer'));
  const fromEnv = mediaOptionsFromEnv(process.env);
  const media = { ...fromEnv, janus: args.janus || fromEnv.janus, hostAddresses: args.hosts };
  const core = await openCore({ dataDir, host: 'hub', demo: args.demo, media, ackMinuteMs: ackMinuteFromEnv(process.env) });
  const hub = await startHub({
    core,
    token,
    hosts: args.hosts,
    port: args.port,
    staticDir: existsSync(join(staticDir, 'index.html')) ? staticDir : undefined,
    mediaDir: join(dataDir, 'media'),
    recordingsDir: join(dataDir, 'recordings'),
    tokenFile: args.tokenFile,
  });
  console.log(`Command Wall hub: data ${dataDir}`);
  for (const url of hub.urls) console.log(`Command Wall hub listening: ${url}`);

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    hub
      .close()
      .then(() => core.close())
      .then(() => process.exit(0))
      .catch((err) => {
        console.error(err);
        process.exit(1);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err) => {
  console.error(`hub: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
