// The app asks for "a client" and never learns which transport carries it.
import type { ApiClient } from '@contract/api';
import { createIpcClient } from './ipc-client';
import { createWsClient, rpcUrl } from './ws-client';

export type { ApiClient } from '@contract/api';

/** Inside Electron the preload bridge is there; in a browser on the hub we use its WebSocket. */
function createClient(): ApiClient {
  if (window.commandWall) return createIpcClient(window.commandWall);
  return createWsClient({ url: rpcUrl(window.location) });
}

let page: ApiClient | null = null;

/**
 * The page's one client: the app store, the panels and the consultation endpoint share it, so a
 * browser-mode page holds one socket to its hub (one connect at start-up, one reconnect after a
 * drop, every event sent once). Consultation's sockets to both links' hubs are its own
 * (client/dual-hub.ts): they reach the host over two networks.
 */
export function pageClient(): ApiClient {
  page ??= createClient();
  return page;
}
