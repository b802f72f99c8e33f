// The SFU endpoint's link to the district hub on ONE link: a socket of its own (the hub binds a
// room's publishers and subscriptions to the connection that made them, so each link's media is
// made on that link's socket and goes with it), with the consultation's and the room's calls by
// name. Events come per socket; the endpoint drops repeats across its links.
import type { ParamsOf, ResultOf } from '@contract/api';
import type { Consultation, ControlMessage, EndpointStatus, Presence } from '@contract/consult';
import type { SfuRoom } from '@contract/media';
import { SOCKET_TIMING, type SocketState } from '../../client/dual-hub';
import { WsClient } from '../../client/ws-client';

/**
 * The sockets' timing: the consultation's (dual-hub.ts), but a probe may go unanswered longer. A
 * socket given up takes this site's publishers and subscriptions on the hub with it (they are bound
 * to it), so a false "dead" on a busy machine costs every picture of the site; with the 3 s of the
 * mesh’s sockets, loaded e2e runs (load average 26 on 2 cores) lost a page’s socket mid-call. Its media shows a dead
 * link sooner than any probe (frames, sfu-link.ts), so nothing waits on this.
 */
export const SFU_SOCKET_TIMING = { ...SOCKET_TIMING, probeTimeoutMs: 6000 } as const;
/**
 * A handshake with the media engine: the hub gives Janus 5 s per step (attach, then the request), so
 * the page waits longer than that; giving up sooner left the hub's answer, and Janus's handle,
 * without anyone to use them.
 */
const HANDSHAKE_TIMEOUT_MS = 12_000;

export interface SfuHubHandlers {
  socket(state: SocketState): void;
  /** The socket opened (first time or after a reconnect): whatever was bound to the old one is gone. */
  opened(): void;
  feeds(room: SfuRoom): void;
  changed(c: Consultation): void;
  control(m: ControlMessage): void;
  presence(p: Presence): void;
}

export class SfuHub {
  private readonly client: WsClient;
  private readonly offs: (() => void)[] = [];

  constructor(url: string, on: SfuHubHandlers) {
    this.client = new WsClient({ url, ...SFU_SOCKET_TIMING });
    this.offs.push(
      this.client.onStatus((s) => {
        on.socket(s);
        if (s === 'open') on.opened();
      }),
      this.client.on('media.sfuFeeds', (room) => on.feeds(room)),
      this.client.on('consult.changed', (c) => on.changed(c)),
      this.client.on('consult.control', (m) => on.control(m)),
      this.client.on('consult.presence', (p) => on.presence(p)),
    );
  }

  /** Tries to connect now (the other link's socket just opened: the hub is back). */
  reconnectNow(): void {
    this.client.reconnectNow();
  }

  list(): Promise<ResultOf<'consult.list'>> {
    return this.client.call('consult.list', { limit: 1 });
  }

  /** Binds this socket to the participant (console commands, presence, the status report). */
  join(params: ParamsOf<'consult.join'>): Promise<ResultOf<'consult.join'>> {
    return this.client.call('consult.join', params);
  }

  leave(params: ParamsOf<'consult.leave'>): Promise<ResultOf<'consult.leave'>> {
    return this.client.call('consult.leave', params);
  }

  report(status: EndpointStatus): Promise<ResultOf<'consult.report'>> {
    return this.client.call('consult.report', { status });
  }

  sfuJoin(params: ParamsOf<'media.sfuJoin'>): Promise<SfuRoom> {
    return this.client.call('media.sfuJoin', params);
  }

  publish(params: ParamsOf<'media.sfuPublish'>): Promise<ResultOf<'media.sfuPublish'>> {
    return this.client.call('media.sfuPublish', params, { timeoutMs: HANDSHAKE_TIMEOUT_MS });
  }

  subscribe(params: ParamsOf<'media.sfuSubscribe'>): Promise<ResultOf<'media.sfuSubscribe'>> {
    return this.client.call('media.sfuSubscribe', params, { timeoutMs: HANDSHAKE_TIMEOUT_MS });
  }

  answer(params: ParamsOf<'media.sfuAnswer'>): Promise<ResultOf<'media.sfuAnswer'>> {
    return this.client.call('media.sfuAnswer', params, { timeoutMs: HANDSHAKE_TIMEOUT_MS });
  }

  unsubscribe(subscriptionId: string): Promise<ResultOf<'media.sfuUnsubscribe'>> {
    return this.client.call('media.sfuUnsubscribe', { subscriptionId });
  }

  sfuLeave(params: ParamsOf<'media.sfuLeave'>): Promise<ResultOf<'media.sfuLeave'>> {
    return this.client.call('media.sfuLeave', params);
  }

  dispose(): void {
    for (const off of this.offs.splice(0)) off();
    this.client.dispose();
  }
}
