// Entry of the consultation capability: the records (durable) and the signalling relay (live).
// The hub only relays: media flows between the endpoints, one WebRTC connection per link.
import type { Capability, CapabilityDeps } from '../capability';
import type { consultMethods } from '../contract/consult';
import { ConsultRecords } from './records';
import { ConsultRelay } from './relay';
import { consultationsView } from './sfu-view';
import type { ConsultationsView } from '../shared/links';

export async function openConsult(deps: CapabilityDeps): Promise<Capability<typeof consultMethods> & { sfuView: ConsultationsView }> {
  const records = new ConsultRecords(deps.store, deps.bus, deps.now);
  const relay = new ConsultRelay(deps.connections, deps.bus, deps.now);

  return {
    /** What the media engine reads to make the SFU rooms (handed over by app.ts). */
    sfuView: consultationsView(deps.store),
    handlers: {
      'consult.start': async (p) => {
        const c = await records.start(p);
        deps.log.info(`[consult] ${c.id} started by ${c.startedBy}: ${c.topic} (${c.participants.map((x) => x.id).join(', ')}, ${c.mode})`);
        return c;
      },
      'consult.end': async ({ id, endedBy }) => {
        const c = await records.end(id, endedBy, () => relay.ended(id));
        deps.log.info(`[consult] ${id} ended by ${endedBy}`);
        return c;
      },
      'consult.get': ({ id }) => records.get(id),
      'consult.list': ({ limit }) => {
        const live = records.live();
        return {
          live,
          presence: live ? relay.presence(live.id) : null,
          status: live ? relay.statuses(live.id) : [],
          recent: records.recent(limit),
        };
      },
      'consult.join': async ({ consultationId, participantId, session, link }, ctx) => {
        const invited = records.mustBeInvited(consultationId, participantId);
        const presence = relay.join(ctx.connectionId, { consultationId, participantId, session, link });
        return { consultation: await records.joined(invited, participantId), presence };
      },
      'consult.leave': async ({ consultationId, participantId, session }) => {
        relay.leave(consultationId, participantId, session);
        return records.left(consultationId, participantId);
      },
      'consult.signal': (msg, ctx) => relay.signal(ctx.connectionId, msg),
      'consult.control': (msg) => {
        records.mustBeInvited(msg.consultationId, msg.to);
        return relay.control(msg);
      },
      'consult.report': ({ status }, ctx) => {
        relay.report(ctx.connectionId, status);
        return { ok: true as const };
      },
    },
    async close() {
      relay.close();
    },
  };
}
