// Typed in-process event bus. Services emit; each transport forwards to its clients
// (IPC to windows, JSON-RPC notifications to hub sockets).
import type { EventName, PayloadOf } from './contract/api';

type AnyListener = (event: EventName, payload: unknown) => void;

export class EventBus {
  private readonly listeners = new Set<AnyListener>();

  emit<E extends EventName>(event: E, payload: PayloadOf<E>): void {
    for (const l of [...this.listeners]) {
      try {
        l(event, payload);
      } catch (err) {
        // One broken subscriber (a dead socket) must not stop the others from hearing.
        console.error(`[events] listener for ${event} failed:`, err);
      }
    }
  }

  /** Every event, for transports that forward everything. */
  onAny(listener: AnyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
