// Flags of the headless hub. Kept apart from cli.ts so tests can check the parsing.
export interface HubArgs {
  dataDir?: string;
  port: number;
  hosts: string[];
  /** Given on the command line: visible to every local user in `ps` while the hub starts. */
  token?: string;
  /** A file holding the token (created with a new token, mode 0600, when it does not exist). */
  tokenFile?: string;
  staticDir?: string;
  /** Load the embedded demo data set (演示数据) into an empty store. */
  demo: boolean;
  /** Start and supervise the media engine (Janus) for RTSP cameras and the SFU. */
  janus: boolean;
  help: boolean;
}

export const HUB_USAGE = `usage: npm run hub -- [--data DIR] [--port P] [--host H [--host H2]] [--token-file F | --token T] [--static DIR]
  --data DIR    data directory (default ~/.local/share/command-wall)
  --port P      TCP port on every host (default 4310)
  --host H      address to listen on; repeat for each link (default 127.0.0.1)
  --token-file F  file holding the access token; made with a new token (mode 0600) if missing
  --token T     access token (shows in \`ps\`: prefer --token-file or COMMAND_WALL_TOKEN)
                without either: COMMAND_WALL_TOKEN, else a new random token, printed
  --static DIR  built UI to serve (default: the renderer built beside the hub)
  --demo        load the embedded demo data (演示数据) into an empty store
  --janus       start and supervise the media engine, Janus (RTSP cameras); also COMMAND_WALL_JANUS=1`;

export class UsageError extends Error {}

export function parseHubArgs(argv: string[]): HubArgs {
  const out: HubArgs = { port: 4310, hosts: [], demo: false, janus: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--data':
        out.dataDir = value();
        break;
      case '--port': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not ${v}`);
        out.port = n;
        break;
      }
      case '--host':
        out.hosts.push(value());
        break;
      case '--token': {
        const v = value();
        if (v.length < 8) throw new UsageError('--token must be at least 8 characters');
        out.token = v;
        break;
      }
      case '--token-file':
        out.tokenFile = value();
        break;
      case '--static':
        out.staticDir = value();
        break;
      case '--demo':
        out.demo = true;
        break;
      case '--janus':
        out.janus = true;
        break;
      case '-h':
      case '--help':
        out.help = true;
        break;
      default:
        throw new UsageError(`unknown flag: ${flag}`);
    }
  }
  if (out.token !== undefined && out.tokenFile !== undefined) throw new UsageError('give --token or --token-file, not both');
  if (out.hosts.length === 0) out.hosts.push('127.0.0.1');
  return out;
}
