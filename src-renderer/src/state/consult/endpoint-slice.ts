// The wall's consultation endpoint (consult/endpoint.ts), made while the slice is held from this
// centre's configuration, and its view for the consultation panel. One per browser profile: a
// Web Lock makes sure two wall windows showing the panel do not both join (the second waits and
// takes over when the first closes). This centre's power.conserve (the power slice) puts it in
// low-bandwidth mode. Its commands are the endpoint's own buttons and controls.
// The endpoint (simple-peer with it) is the consultation panel's chunk: only that panel imports
// this slice.
import type { CentreInfo } from '@contract/schemas';
import type { ControlCommand, Layout } from '@contract/consult';
import { ConsultEndpoint } from '../../consult/endpoint';
import { captureFrom, type ConfigProblem, type ResolvedConfig } from '../../consult/endpoint-config';
import { holdProfileLock } from '../../shared/profile-lock';
import type { EndpointView } from '../../consult/endpoint-view';
import { powerSlice } from '../power/power-slice';
import { defineSlice, type SliceTools } from '../slice';
import { configOf, followCentre } from './follow-centre';

const LOCK = 'command-wall-consult-endpoint';

export type EndpointProblem = ConfigProblem | 'elsewhere' | 'loading';

export interface EndpointSliceState {
  /** Why no endpoint runs here (yet): the centre is being read, another window has it, or the configuration. */
  problem: EndpointProblem | null;
  /** The running endpoint's view; null while there is a problem. */
  view: EndpointView | null;
}

const initial = (): EndpointSliceState => ({ problem: 'loading', view: null });

/** The slice's endpoint while it runs (one per slice: the tools object is the slice's own). */
const running = new WeakMap<object, { endpoint: ConsultEndpoint | null }>();
function box(t: object): { endpoint: ConsultEndpoint | null } {
  let b = running.get(t);
  if (!b) running.set(t, (b = { endpoint: null }));
  return b;
}

/** Makes and starts the endpoint (once this window holds the lock); returns its stop. */
function runEndpoint(t: SliceTools<EndpointSliceState>, cfg: ResolvedConfig): () => void {
  const b = box(t);
  const power = t.slice(powerSlice);
  // Filled in callbacks: an object, so the stop sees what they set.
  const held: { endpoint: ConsultEndpoint | null; unwatch: (() => void) | null; cancelled: boolean } = { endpoint: null, unwatch: null, cancelled: false };
  const begin = (): void => {
    const endpoint = new ConsultEndpoint({
      me: cfg.me,
      links: cfg.links,
      capture: captureFrom(window.location.search),
      onView: (view) => !held.cancelled && t.set({ problem: null, view }),
    });
    held.endpoint = b.endpoint = endpoint;
    endpoint.start();
    let conserve = power.store.getState().conserve;
    endpoint.setConserve(conserve);
    held.unwatch = power.store.subscribe((s) => {
      if (s.conserve === conserve) return;
      conserve = s.conserve;
      endpoint.setConserve(conserve);
    });
    t.set({ problem: null, view: endpoint.view() });
  };
  const lock = holdProfileLock(LOCK, begin, () => t.set({ problem: 'elsewhere', view: null }));
  return () => {
    held.cancelled = true;
    held.unwatch?.();
    if (b.endpoint === held.endpoint) b.endpoint = null;
    void held.endpoint?.dispose();
    lock.release();
  };
}

function connect(t: SliceTools<EndpointSliceState>, centre: CentreInfo | null): (() => void) | void {
  if (!centre) return;
  const cfg = configOf(centre);
  if (typeof cfg === 'string') {
    t.set({ problem: cfg, view: null });
    return;
  }
  return runEndpoint(t, cfg);
}

/** Runs `work` on the endpoint if one runs here (the buttons exist only then). */
async function withEndpoint(t: object, work: (e: ConsultEndpoint) => Promise<void>): Promise<void> {
  const endpoint = box(t).endpoint;
  if (endpoint) await work(endpoint);
}

export const endpointSlice = defineSlice({
  name: 'consultEndpoint',
  initial,
  whileHeld: (t) => {
    const releasePower = t.slice(powerSlice).hold();
    const stop = followCentre(t, (centre) => connect(t, centre));
    return () => {
      stop();
      releasePower();
      t.set(initial());
    };
  },
  commands: (t) => ({
    command: (c: ControlCommand) => withEndpoint(t, (e) => e.command(c)),
    mute: (on: boolean) => withEndpoint(t, (e) => e.command({ cmd: 'mute', on })),
    camera: (off: boolean) => withEndpoint(t, (e) => e.command({ cmd: 'camera', on: off })),
    layout: (layout: Layout, focus: string | null) => withEndpoint(t, (e) => e.command({ cmd: 'layout', layout, focus })),
    devices: (cameraId: string | null, micId: string | null) => withEndpoint(t, (e) => e.command({ cmd: 'devices', cameraId, micId })),
    lowBandwidth: (on: boolean) => withEndpoint(t, (e) => e.command({ cmd: 'lowBandwidth', on })),
    leave: () => withEndpoint(t, (e) => e.command({ cmd: 'leave' })),
    rejoin: () => withEndpoint(t, (e) => e.rejoin()),
    share: (on: boolean) => withEndpoint(t, (e) => e.share(on)),
    /** The tile of one remote (two stacked videos, made by the endpoint), for the panel to mount. */
    remoteElement: (id: string) => box(t).endpoint?.remoteElement(id) ?? null,
  }),
});
