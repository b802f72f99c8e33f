// The hub's half of signalling: which socket speaks for which participant (one socket per link),
// who is present, and relaying each message once to every socket of its target. Nothing here is
// stored: after a hub restart the endpoints join again and the running media never noticed.
import { RefusedError } from '../contract/errors';
import { RecentIds, type ControlMessage, type EndpointStatus, type Presence, type SignalMessage } from '../contract/consult';
import type { ConnectionRegistry } from '../connections';
import type { EventBus } from '../events';

interface Joined {
  consultationId: string;
  participantId: string;
  session: string;
  link: 'A' | 'B';
}

/** The registry key of a participant's sockets in one consultation. */
export const participantKey = (consultationId: string, participantId: string): string => `consult:${consultationId}:${participantId}`;

export class ConsultRelay {
  private readonly joins = new Map<string, Joined>();
  private readonly relayed = new RecentIds(8192, 60_000);
  private readonly status = new Map<string, EndpointStatus>();
  private readonly epoch: number;
  private seq = 0;
  private readonly offClose: () => void;

  constructor(
    private readonly connections: ConnectionRegistry,
    private readonly bus: EventBus,
    private readonly now: () => number,
  ) {
    this.epoch = now();
    this.offClose = connections.onClose((id) => {
      const j = this.joins.get(id);
      if (!j) return;
      this.joins.delete(id);
      this.emitPresence(j.consultationId);
    });
  }

  close(): void {
    this.offClose();
  }

  join(connectionId: string | undefined, j: Joined): Presence {
    if (!connectionId)
      throw new RefusedError({
        zh: '加入会商需要一条在线的连接（大屏服务的连接或本机窗口）：信令要推送到这条连接上',
        en: 'consult.join needs a live connection (a hub socket or a window): signalling is pushed to it',
      });
    if (!this.connections.bind(connectionId, participantKey(j.consultationId, j.participantId))) {
      throw new RefusedError({ zh: `连接 ${connectionId} 已关闭：请刷新页面后重新加入`, en: `connection ${connectionId} is closed` });
    }
    const before = this.joins.get(connectionId);
    if (before && (before.consultationId !== j.consultationId || before.participantId !== j.participantId)) {
      this.connections.unbind(connectionId, participantKey(before.consultationId, before.participantId));
    }
    this.joins.set(connectionId, j);
    return this.emitPresence(j.consultationId);
  }

  /** Unbinds every socket of this participant's session (both links). */
  leave(consultationId: string, participantId: string, session: string): void {
    for (const [id, j] of this.joins) {
      if (j.consultationId !== consultationId || j.participantId !== participantId || j.session !== session) continue;
      this.connections.unbind(id, participantKey(consultationId, participantId));
      this.joins.delete(id);
    }
    this.status.delete(`${consultationId}:${participantId}`);
    this.emitPresence(consultationId);
  }

  /** The consultation ended: forget its sockets and statuses (the sockets stay open for the next one). */
  ended(consultationId: string): void {
    for (const [id, j] of this.joins) {
      if (j.consultationId !== consultationId) continue;
      this.connections.unbind(id, participantKey(consultationId, j.participantId));
      this.joins.delete(id);
    }
    for (const key of [...this.status.keys()]) if (key.startsWith(`${consultationId}:`)) this.status.delete(key);
    this.emitPresence(consultationId);
  }

  signal(connectionId: string | undefined, msg: SignalMessage): { delivered: number; duplicate: boolean } {
    this.mustSpeakFor(connectionId, msg.consultationId, msg.from);
    return this.relayOnce(`s:${msg.from}:${msg.msgId}`, () => this.connections.pushTo(participantKey(msg.consultationId, msg.to), 'consult.signal', msg));
  }

  control(msg: ControlMessage): { delivered: number; duplicate: boolean } {
    return this.relayOnce(`c:${msg.msgId}`, () => this.connections.pushTo(participantKey(msg.consultationId, msg.to), 'consult.control', msg));
  }

  report(connectionId: string | undefined, status: EndpointStatus): void {
    this.mustSpeakFor(connectionId, status.consultationId, status.participantId);
    this.status.set(`${status.consultationId}:${status.participantId}`, status);
    this.bus.emit('consult.getStatus', status);
  }

  statuses(consultationId: string): EndpointStatus[] {
    return [...this.status.values()].filter((s) => s.consultationId === consultationId);
  }

  presence(consultationId: string): Presence {
    const byId = new Map<string, { id: string; session: string; links: Set<'A' | 'B'> }>();
    for (const j of this.joins.values()) {
      if (j.consultationId !== consultationId) continue;
      const p = byId.get(j.participantId);
      // A newer session of the same participant (a reloaded page) replaces the older one.
      if (!p || p.session !== j.session) byId.set(j.participantId, { id: j.participantId, session: j.session, links: new Set([j.link]) });
      else p.links.add(j.link);
    }
    const present = [...byId.values()].map((p) => ({ id: p.id, session: p.session, links: [...p.links].sort() }));
    return { consultationId, present, epoch: this.epoch, seq: this.seq };
  }

  private emitPresence(consultationId: string): Presence {
    this.seq++;
    const p = this.presence(consultationId);
    this.bus.emit('consult.presence', p);
    return p;
  }

  /**
   * Relays a message the first time its id is seen. A message that reached nobody is not
   * remembered, so the copy on the other link still gets its chance.
   */
  private relayOnce(id: string, push: () => number): { delivered: number; duplicate: boolean } {
    const now = this.now();
    if (this.relayed.has(id, now)) return { delivered: 0, duplicate: true };
    const delivered = push();
    if (delivered > 0) this.relayed.firstTime(id, now);
    return { delivered, duplicate: false };
  }

  private mustSpeakFor(connectionId: string | undefined, consultationId: string, participantId: string): void {
    const j = connectionId ? this.joins.get(connectionId) : undefined;
    if (!j || j.consultationId !== consultationId || j.participantId !== participantId) {
      throw new RefusedError({
        zh: `本连接尚未以 ${participantId} 的身份加入会商 ${consultationId}：请先加入会商`,
        en: `this connection has not joined consultation ${consultationId} as ${participantId}: call consult.join on it first`,
      });
    }
  }
}
