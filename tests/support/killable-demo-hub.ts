// The kill -9 durability tests' common start: a demo hub in a child process (demo-hub.ts) over a
// temp data directory, a WebSocket to it, the demo people, and a kill that waits for the child to
// die of SIGKILL. The directory (and a child still alive) go in the file's afterAll. Kept apart
// from demo-hub.ts, which the dispatch bench loads outside vitest.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { startDemoHubChild } from './demo-hub';
import { connect, type TestSocket } from './rpc-socket';
import { tempDir } from './temp-dir';

export interface KillableHub {
  socket: TestSocket;
  /** The hub's data directory, for openCore once it is dead. */
  dataDir: string;
  /** The demo people, as duty.listPeople gives them. */
  people: { id: string; role: string; name: string }[];
  /** SIGKILL, no grace; resolves with the signal the child died of, the socket closed. */
  kill(): Promise<NodeJS.Signals | null>;
}

/** Call at a test file's top: `start()` starts the hub; `dir(name)` is another directory in the same temp folder. */
export function killableDemoHub(prefix: string, token: string): { start(): Promise<KillableHub>; dir(name: string): string } {
  const tmp = tempDir(prefix);
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    tmp.remove();
  });
  const dir = (name: string): string => join(tmp.dir, name);
  return {
    dir,
    async start() {
      const dataDir = dir('data');
      const started = await startDemoHubChild(dataDir, token);
      const c = (child = started.child);
      const exited = new Promise<NodeJS.Signals | null>((r) => c.once('exit', (_code, signal) => r(signal)));
      const socket = await connect(`ws://127.0.0.1:${started.port}/rpc?token=${token}`);
      const people = (await socket.call('duty.listPeople', {})).result as KillableHub['people'];
      const kill = async (): Promise<NodeJS.Signals | null> => {
        c.kill('SIGKILL');
        const signal = await exited;
        socket.close();
        return signal;
      };
      return { socket, dataDir, people, kill };
    },
  };
}
