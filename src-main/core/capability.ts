// What every capability (duty, plans, power, …) gets from the core, and what it gives back.
// Every capability has the same shape: `core/<capability>/index.ts` exports
// `open<Capability>(deps[, links])`, which opens its services and returns a `Capability` (the
// handlers of its contract methods, and `close` if it holds timers or sockets); app.ts opens each
// one with the same deps and merges their handlers into the API. The services own their SQL and
// emit their own bus events, next to the write they report: index.ts only wires services and maps
// methods onto them (no SQL and no bus.emit in an index.ts).
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
