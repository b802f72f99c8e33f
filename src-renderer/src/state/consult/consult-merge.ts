// The console's view of consultations, kept from what the district hub says: pure merges.
import type { Consultation, EndpointStatus } from '@contract/consult';
import type { ResultOf } from '@contract/api';

export interface ConsultView {
  /**
   * The consultation running now (not `live`: every slice's own `live` says whether its data is
   * current, and a field of that name here was overwritten with `false` whenever the page's socket
   * dropped, so after a hub restart the console showed no consultation while one ran).
   */
  current: Consultation | null;
  recent: Consultation[];
  status: Record<string, EndpointStatus>;
}

const RECENT = 10;

/** A consultation record heard of: the live one while it runs, first among the recent ones. */
export function withConsultation(s: Pick<ConsultView, 'current' | 'recent'>, c: Consultation): Pick<ConsultView, 'current' | 'recent'> {
  return {
    current: c.endedAt === null ? c : s.current?.id === c.id ? null : s.current,
    recent: [c, ...s.recent.filter((x) => x.id !== c.id)].slice(0, RECENT),
  };
}

/** An endpoint's newest status report, by participant. */
export function withStatus(status: Record<string, EndpointStatus>, st: EndpointStatus): Record<string, EndpointStatus> {
  return { ...status, [st.participantId]: st };
}

/** Everything consult.list says, as the console keeps it. */
export function fromList(r: ResultOf<'consult.list'>): Pick<ConsultView, 'current' | 'recent' | 'status'> & { presence: ResultOf<'consult.list'>['presence'] } {
  const status: Record<string, EndpointStatus> = {};
  for (const s of r.status) status[s.participantId] = s;
  return { current: r.live, recent: r.recent, presence: r.presence, status };
}

let seq = 0;
/** A console command's message id (the endpoint acts on each once, whichever link brings it). */
export function controlMsgId(now: number): string {
  return `console.${now.toString(36)}.${(++seq).toString(36)}.${Math.random().toString(36).slice(2, 8)}`;
}
