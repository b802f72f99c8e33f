// The one WebSocket stand-in for renderer tests: the test opens it, feeds it messages, drops it.
// Every socket made is kept in `FakeSocket.all` (reset it before each test).
import type { SocketLike } from '../client/ws-client';

export interface SentMessage {
  id: number;
  method: string;
  params: unknown;
}

export class FakeSocket implements SocketLike {
  static all: FakeSocket[] = [];
  /** The socket made last. */
  static latest(): FakeSocket {
    return FakeSocket.all[FakeSocket.all.length - 1];
  }
  readyState = 0;
  sent: SentMessage[] = [];
  closed = false;
  onopen: ((ev: unknown) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string): void {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(JSON.parse(data));
  }
  close(): void {
    this.closed = true;
    this.readyState = 3;
  }
  // ---- test controls ----
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  /** Delivers one raw message (a reply, a notification, or a batch). */
  receive(msg: unknown): void {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  notify(method: string, params: unknown): void {
    this.receive({ jsonrpc: '2.0', method, params });
  }
  reply(id: number, result: unknown): void {
    this.receive({ jsonrpc: '2.0', id, result });
  }
  /** The link is lost: the socket closes without being asked to. */
  drop(): void {
    this.readyState = 3;
    this.onclose?.({ code: 1006 });
  }
  lastSent(): SentMessage {
    return this.sent[this.sent.length - 1];
  }
}
