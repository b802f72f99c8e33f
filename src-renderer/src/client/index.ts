// The app asks for "a client" and never learns which transport carries it.
import type { ApiClient } from '../../../src-main/core/contract/api';
import { createIpcClient } from './ipc-client';
import { createWsClient, rpcUrl } from './ws-client';

export type { ApiClient } from '../../../src-main/core/contract/api';

/** Inside Electron the preload bridge is there; in a browser on the hub we use its WebSocket. */
export function createClient(): ApiClient {
  if (window.commandWall) return createIpcClient(window.commandWall);
  return createWsClient({ url: rpcUrl(window.location) });
}
