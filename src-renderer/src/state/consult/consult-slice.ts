// The console's view of consultations: its own two sockets to the district hub (a DualHub, one
// per link, made while the slice is held from this centre's configuration), the live
// consultation, the recent ones, who is present, and each endpoint's reported status. Starting,
// ending and steering an endpoint are its commands.
import type { ParamsOf } from '@contract/api';
import type { ControlCommand, Presence } from '@contract/consult';
import { DualHub, type SocketState } from '../../client/dual-hub';
import type { ConfigProblem, ResolvedConfig } from '../../consult/endpoint-config';
import type { LinkId } from '../../consult/link-health';
import type { CentreInfo } from '@contract/schemas';
import { defineSlice, type SliceTools } from '../slice';
import { configOf, followCentre, hubUrls } from './follow-centre';
import { controlMsgId, fromList, withConsultation, withStatus, type ConsultView } from './consult-merge';

export interface ConsultState extends ConsultView {
  /** Who we are and each link's hub, or why this centre cannot take part; null before the centre is known. */
  config: ResolvedConfig | ConfigProblem | null;
  presence: Presence | null;
  sockets: Record<LinkId, SocketState>;
}

type Connection = Omit<ConsultState, 'config'>;
const disconnected = (): Connection => ({ current: null, recent: [], presence: null, status: {}, sockets: { A: 'off', B: 'off' } });

/** The slice's hub while it is held (one per slice: the tools object is the slice's own). */
const hubs = new WeakMap<object, { hub: DualHub | null }>();
function hubBox(t: object): { hub: DualHub | null } {
  let box = hubs.get(t);
  if (!box) hubs.set(t, (box = { hub: null }));
  return box;
}
function hubOf(t: object): DualHub {
  const hub = hubBox(t).hub;
  if (!hub) throw new Error('no link to the district hub is configured');
  return hub;
}

function connect(t: SliceTools<ConsultState>, centre: CentreInfo | null): (() => void) | void {
  if (!centre) return;
  const config = configOf(centre);
  t.set({ config });
  if (typeof config === 'string') return;
  const box = hubBox(t);
  const refetch = (h: DualHub): void => {
    h.list(10)
      .then((r) => box.hub === h && t.set(fromList(r)))
      .catch(() => undefined);
  };
  const h: DualHub = new DualHub(
    { urls: hubUrls(config) },
    {
      opened: () => refetch(h),
      changed: (c) => t.set((s) => withConsultation(s, c)),
      presence: (p) => t.set({ presence: p }),
      status: (st) => t.set((s) => ({ status: withStatus(s.status, st) })),
      socket: (link, st) => t.set((s) => ({ sockets: { ...s.sockets, [link]: st } })),
    },
  );
  box.hub = h;
  return () => {
    h.dispose();
    box.hub = null;
    t.set(disconnected());
  };
}

export const consultSlice = defineSlice({
  name: 'consult',
  initial: (): ConsultState => ({ config: null, ...disconnected() }),
  whileHeld: (t) => {
    const stop = followCentre(t, (centre) => connect(t, centre));
    return () => {
      stop();
      t.set({ config: null, ...disconnected() });
    };
  },
  commands: (t) => ({
    start: (params: ParamsOf<'consult.start'>) => hubOf(t).start(params),
    end: (id: string, endedBy: string) => hubOf(t).end({ id, endedBy }),
    /** A command to one participant's endpoint; `delivered` 0 means its endpoint is not connected. */
    control: (consultationId: string, to: string, command: ControlCommand) => hubOf(t).control({ consultationId, to, msgId: controlMsgId(t.now()), command }),
  }),
});
