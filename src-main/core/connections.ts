// Live connections of clients (hub sockets, Electron windows), so a service can push to one
// named party instead of everyone: WebRTC signalling goes to the centre it is meant for.
// A connection can carry several keys (e.g. "centre:liuhua"); a key can be on several
// connections (a centre's two links, its wall and its console).
import type { EventName, PayloadOf } from './contract/api';

export interface Connection {
  /** Unique for the life of the process. */
  readonly id: string;
  /** Sends one event to this connection only. Must not throw for a closed connection. */
  push(event: EventName, payload: unknown): void;
}

export class ConnectionRegistry {
  private readonly connections = new Map<string, { conn: Connection; keys: Set<string> }>();
  private readonly closeListeners = new Set<(id: string, keys: string[]) => void>();

  /** Registers a connection; the returned function removes it (call it when it closes). */
  add(conn: Connection): () => void {
    this.connections.set(conn.id, { conn, keys: new Set() });
    return () => {
      const entry = this.connections.get(conn.id);
      if (!entry) return;
      this.connections.delete(conn.id);
      for (const l of [...this.closeListeners]) l(conn.id, [...entry.keys]);
    };
  }

  /**
   * Called as the core closes: connections that close after it (a hub's sockets, closed after
   * the core in tests and at shutdown) no longer reach services whose store is gone.
   */
  stopListening(): void {
    this.closeListeners.clear();
  }

  bind(connectionId: string, key: string): boolean {
    const entry = this.connections.get(connectionId);
    if (!entry) return false;
    entry.keys.add(key);
    return true;
  }

  unbind(connectionId: string, key: string): void {
    this.connections.get(connectionId)?.keys.delete(key);
  }

  /** Pushes to every connection bound to key; returns how many received it. */
  pushTo<E extends EventName>(key: string, event: E, payload: PayloadOf<E>): number {
    let n = 0;
    for (const { conn, keys } of this.connections.values()) {
      if (!keys.has(key)) continue;
      conn.push(event, payload);
      n++;
    }
    return n;
  }

  /** Keys bound on at least one live connection, with their connection counts. */
  keys(prefix = ''): Map<string, number> {
    const out = new Map<string, number>();
    for (const { keys } of this.connections.values()) for (const k of keys) if (k.startsWith(prefix)) out.set(k, (out.get(k) ?? 0) + 1);
    return out;
  }

  onClose(listener: (connectionId: string, keys: string[]) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }
}
