// The app asks for "a client" and never learns which transport carries it.
import type { ApiClient } from '@contract/api';
import { createIpcClient } from './ipc-client';
import { createWsClient, rpcUrl } from './ws-client';

export type { ApiClient } from '@contract/api';

/**
 * Inside Electron the preload bridge is there: a host machine's windows talk to its own core over
 * IPC, a client machine's (wall PC, console, street machine) to the district's hub on link A or B
 * with the machine's credential. In a browser on the hub we use its WebSocket.
 */
function createClient(): ApiClient {
  const bridge = window.commandWall;
  if (bridge?.machine.role === 'client') {
    const [url, ...otherUrls] = bridge.machine.sockets;
    return createWsClient({ url, otherUrls });
  }
  if (bridge) return createIpcClient(bridge);
  return createWsClient({ url: rpcUrl(window.location) });
}

/**
 * The socket address of the hub this page talks to: the page's own hub in a browser, link A's on a
 * desktop client; null on a desktop host (its windows use IPC to the core beside them). For the
 * consultation's sockets (client/dual-hub.ts): a console page's say view=console as its own does,
 * and every one of them follows the page's sign-ins and sign-outs (WsClient followSession).
 */
export function pageHubSocket(): string | null {
  const bridge = window.commandWall;
  if (!bridge) return rpcUrl(window.location);
  return bridge.machine.role === 'client' ? bridge.machine.sockets[0] : null;
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
