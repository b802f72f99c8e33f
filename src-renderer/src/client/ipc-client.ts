// ApiClient over the Electron preload bridge. IPC to our own main process cannot drop, so
// the transport is always 'open'.
import type { ApiClient, MethodName, ParamsOf, ResultOf } from '@contract/api';
import { RpcCode, RpcError, rpcErrorFrom } from '@contract/errors';
import type { CommandWallBridge } from './bridge';
import { EventListeners, StatusListeners } from './event-listeners';

export function createIpcClient(bridge: CommandWallBridge): ApiClient {
  const listeners = new EventListeners();
  const status = new StatusListeners('open');
  // One bridge subscription for the page's lifetime; listeners come and go behind it.
  bridge.subscribe((msg) => listeners.dispatch(msg?.event, msg?.payload));

  return {
    async call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
      let reply;
      try {
        reply = await bridge.invoke(method, params);
      } catch (err) {
        throw new RpcError(RpcCode.InternalError, `${method}: the app bridge failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (reply && reply.ok === true) return reply.result as ResultOf<M>;
      throw rpcErrorFrom(reply && reply.ok === false ? reply.error : { message: `${method}: malformed reply from the app bridge` });
    },
    on: (event, listener) => listeners.on(event, listener),
    onStatus: (listener) => status.on(listener),
  };
}
