// The wall's consultation endpoint (consult/endpoint.ts), made while the slice is held from this
// centre's configuration, and its view for the consultation panel. One per browser profile: a
// Web Lock makes sure two wall windows showing the panel do not both join (the second waits and
// takes over when the first closes). This centre's power.conserve (the power slice) puts it in
// low-bandwidth mode. Its commands are the endpoint's own buttons and controls. An sfu
// consultation (the whole district through the media engine) is run by the SFU endpoint instead.
// The endpoint (simple-peer with it) is the consultation panel's chunk: only that panel imports
// this slice.
import type { CentreInfo } from '@contract/schemas';
import type { Consultation, ControlCommand, Layout } from '@contract/consult';
import { ConsultEndpoint } from '../../consult/endpoint';
import { SfuEndpoint } from '../../consult/sfu-endpoint';
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
  /** Who this site is in a consultation (its participant id); null while there is a problem. */
  me: string | null;
}

const initial = (): EndpointSliceState => ({ problem: 'loading', view: null, me: null });

/** Either endpoint: the mesh's (dual, single) or the SFU's (the whole district through the media engine). */
type SiteEndpoint = ConsultEndpoint | SfuEndpoint;

/** The slice's endpoint while it runs (one per slice: the tools object is the slice's own). */
const running = new WeakMap<object, { endpoint: SiteEndpoint | null }>();
function box(t: object): { endpoint: SiteEndpoint | null } {
  let b = running.get(t);
  if (!b) running.set(t, (b = { endpoint: null }));
  return b;
}

/** A live sfu consultation that invites this site: the SFU endpoint takes over from the mesh's. */
function sfuFor(view: EndpointView, me: string): Consultation | null {
  const c = view.consultation;
  return c && c.mode === 'sfu' && c.endedAt === null && c.participants.some((p) => p.id === me) ? c : null;
}

/**
 * Makes and starts the endpoint (once this window holds the lock); returns its stop. The mesh
 * endpoint runs until it hears of a live sfu consultation inviting this site; then the SFU
 * endpoint runs for that consultation, and the mesh endpoint again once it ends.
 */
function runEndpoint(t: SliceTools<EndpointSliceState>, cfg: ResolvedConfig): () => void {
  const b = box(t);
  const power = t.slice(powerSlice);
  // Filled in callbacks: an object, so the stop sees what they set.
  const held: { endpoint: SiteEndpoint | null; unwatch: (() => void) | null; cancelled: boolean } = { endpoint: null, unwatch: null, cancelled: false };
  const capture = captureFrom(window.location.search);
  const run = (endpoint: SiteEndpoint): void => {
    held.endpoint = b.endpoint = endpoint;
    endpoint.start();
    endpoint.setConserve(power.store.getState().conserve);
    t.set({ problem: null, view: endpoint.view(), me: cfg.me });
  };
  const startMesh = (): void => {
    // Null while it is being made: its sockets tell their state from within the constructor.
    let endpoint: ConsultEndpoint | null = null;
    let retiring = false;
    /**
     * The mesh endpoint starts joining the consultation it has just heard of (any mode) right
     * after telling it: stopped in the middle, its camera would be left on. It goes once that
     * join has settled (it says goodbye and stops its camera).
     */
    const retire = (): void => {
      if (endpoint && endpoint.view().phase !== 'joining') {
        retiring = false;
        void endpoint.dispose();
      }
    };
    endpoint = new ConsultEndpoint({
      me: cfg.me,
      links: cfg.links,
      capture,
      onView: (view) => {
        if (retiring) return retire();
        if (held.cancelled || (endpoint && held.endpoint !== endpoint)) return;
        t.set({ problem: null, view });
        const c = sfuFor(view, cfg.me);
        if (c) {
          // Let go first: its goodbye views must not come back here.
          held.endpoint = null;
          retiring = true;
          setTimeout(retire, 0);
          startSfu(c);
        }
      },
    });
    run(endpoint);
  };
  const startSfu = (c: Consultation): void => {
    let endpoint: SfuEndpoint | null = null;
    endpoint = new SfuEndpoint({
      me: cfg.me,
      links: cfg.links,
      capture,
      consultation: c,
      onView: (view) => !held.cancelled && (!endpoint || held.endpoint === endpoint) && t.set({ problem: null, view }),
      onEnded: () => {
        if (held.cancelled || !endpoint || held.endpoint !== endpoint) return;
        held.endpoint = null;
        void endpoint.dispose();
        startMesh();
      },
    });
    run(endpoint);
  };
  const begin = (): void => {
    startMesh();
    let conserve = power.store.getState().conserve;
    held.unwatch = power.store.subscribe((s) => {
      if (s.conserve === conserve) return;
      conserve = s.conserve;
      held.endpoint?.setConserve(conserve);
    });
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
async function withEndpoint(t: object, work: (e: SiteEndpoint) => Promise<void>): Promise<void> {
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
