// Listener bookkeeping shared by both clients: per-event listeners and status listeners.
// Payloads are checked against the contract so a malformed push never reaches the store.
import { events, isEventName, type EventName, type PayloadOf, type TransportStatus } from '@contract/api';

type AnyPayloadListener = (payload: unknown) => void;

export class EventListeners {
  private readonly byEvent = new Map<EventName, Set<AnyPayloadListener>>();

  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void {
    let set = this.byEvent.get(event);
    if (!set) this.byEvent.set(event, (set = new Set()));
    const l = listener as AnyPayloadListener;
    set.add(l);
    return () => {
      set.delete(l);
    };
  }

  /** Delivers one pushed event; unknown names and payloads outside the schema are dropped. */
  dispatch(name: unknown, payload: unknown): void {
    if (!isEventName(name)) {
      console.warn(`[client] ignoring unknown event ${String(name)}`);
      return;
    }
    const set = this.byEvent.get(name);
    if (!set || set.size === 0) return;
    const parsed = events[name].payload.safeParse(payload);
    if (!parsed.success) {
      console.warn(`[client] ignoring ${name}: payload outside the contract`, parsed.error.issues);
      return;
    }
    for (const l of [...set]) {
      try {
        l(parsed.data);
      } catch (err) {
        // One failing listener must not starve the others.
        console.error(`[client] listener for ${name} failed`, err);
      }
    }
  }
}

export class StatusListeners {
  private readonly set = new Set<(s: TransportStatus) => void>();

  constructor(private current: TransportStatus) {}

  get status(): TransportStatus {
    return this.current;
  }

  /** Subscribers hear the current status at once, so nobody waits for a change to learn it. */
  on(listener: (s: TransportStatus) => void): () => void {
    this.set.add(listener);
    listener(this.current);
    return () => {
      this.set.delete(listener);
    };
  }

  emit(next: TransportStatus): void {
    this.current = next;
    for (const l of [...this.set]) l(next);
  }
}
