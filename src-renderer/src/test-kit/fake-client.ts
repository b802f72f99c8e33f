// The one fake client for renderer tests. It behaves as the real clients do where a store can
// tell: pushed events go through the real listener bookkeeping (`client/event-listeners.ts`, so a
// payload outside the contract is dropped, as it would be in the app), and a status listener hears
// the current status at once on subscribe. Calls are answered from replies the test scripts.
import type { ApiClient, EventName, MethodName, ParamsOf, PayloadOf, ResultOf, TransportStatus } from '@contract/api';
import { RpcError } from '@contract/errors';
import { EventListeners, StatusListeners } from '../client/event-listeners';

/** How the fake answers a method: return (or resolve) its result, or throw an RpcError to refuse. */
export type Reply<M extends MethodName> = (params: ParamsOf<M>) => ResultOf<M> | Promise<ResultOf<M>>;
export type Replies = { [M in MethodName]?: Reply<M> };

export interface Call {
  method: MethodName;
  params: unknown;
}

export interface FakeClient {
  client: ApiClient;
  /** Every call made, in order. */
  calls: Call[];
  /** Scripts (or replaces) the reply to one method. */
  reply<M extends MethodName>(method: M, reply: Reply<M>): void;
  /** Pushes an event as the server would, through the real dispatch. */
  emit<E extends EventName>(event: E, payload: PayloadOf<E>): void;
  /** Moves the transport to a new status; every status listener hears it. */
  status(next: TransportStatus): void;
  /** Event and status listeners still subscribed. */
  listenerCount(): number;
}

/**
 * A client answering from `replies`; a method with no reply is refused as the server refuses an
 * unknown method. The status starts as the WebSocket client's does (`connecting`) unless given.
 */
export function fakeClient(replies: Replies = {}, opts: { status?: TransportStatus } = {}): FakeClient {
  const table: Replies = { ...replies };
  const events = new EventListeners();
  const statuses = new StatusListeners(opts.status ?? 'connecting');
  const calls: Call[] = [];
  let subscribed = 0;
  const counted = (off: () => void): (() => void) => {
    subscribed++;
    let done = false;
    return () => {
      if (!done) subscribed--;
      done = true;
      off();
    };
  };
  const client: ApiClient = {
    async call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
      calls.push({ method, params });
      const reply = table[method] as Reply<M> | undefined;
      if (!reply) throw new RpcError(-32601, `unknown method: ${method}`);
      return reply(params);
    },
    on: (event, listener) => counted(events.on(event, listener)),
    onStatus: (listener) => counted(statuses.on(listener)),
  };
  return {
    client,
    calls,
    reply: (method, reply) => {
      (table as Record<MethodName, unknown>)[method] = reply;
    },
    emit: (event, payload) => events.dispatch(event, payload),
    status: (next) => statuses.emit(next),
    listenerCount: () => subscribed,
  };
}
