// What every capability (duty, plans, power, …) gets from the core, and what it gives back.
// app.ts opens each capability with the same deps and merges their handlers into the API.
import type { ConnectionRegistry } from './connections';
import type { HandlersFor, MethodTable } from './contract/define';
import type { EventBus } from './events';
import type { Store } from './store';

export interface Log {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export interface CapabilityDeps {
  store: Store;
  bus: EventBus;
  /** Live client connections, for pushing to one party (signalling) rather than to all. */
  connections: ConnectionRegistry;
  log: Log;
  /** The data directory (attachments and other files live under it). */
  dataDir: string;
  /** The clock: tests pass a fake one. */
  now: () => number;
  /** Load the embedded demo data set (演示数据) into an empty store. */
  demo: boolean;
}

export interface Capability<T extends MethodTable> {
  handlers: HandlersFor<T>;
  /** Stop timers, sockets and pollers. */
  close?(): Promise<void>;
}
