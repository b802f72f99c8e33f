// Composes the capabilities into the handlers of the API contract: it opens each one
// (`open<Capability>(deps[, links])`), hands one what it needs of another, and merges their handlers.
// Both hosts (the Electron main process and the headless hub) call this and differ only in how they
// expose it.
import { version } from '../../package.json';
import type { Handlers } from './contract/api';
import { createDispatcher, type Dispatcher } from './contract/dispatch';
import { openRpcDocument } from './contract/openrpc';
import type { Log } from './capability';
import { openCameras } from './cameras';
import { openCentre, type CentreView } from './centre';
import { openConsult } from './consult';
import { filingLinks, openDuty, reportLinks, reportsAtMoment } from './duty';
import { openIdentity, type Identity } from './identity';
import { openMap } from './map';
import { materialsAtMoment, openMaterials } from './materials';
// The guarded .xlsx reader (zip checks, exceljs in a capped worker), lent to materials' stock import.
import { checkWorkbookZip, readSheetInWorker } from './duty/xlsx-guard';
import { openMedia, type MediaOptions } from './media';
import { openPlans, responsesAtMoment } from './plans';
import { openPower } from './power';
import { filingsAtMoment, openReporting } from './reporting';
import { openReplay } from './replay';
import { openStats } from './stats';
import { ConnectionRegistry } from './connections';
import { EventBus } from './events';
import { migrations } from './migrations';
import { openStore, type Store } from './store';
import { openTasks, tasksAtMoment } from './tasks';
import { openTeams, teamsAtMoment } from './teams';
import { openWall } from './wall';
import { openWarnings, warningsAtMoment } from './warnings';

export const APP_NAME = 'command-wall';
/** One place for the version: package.json's, bundled into the build. */
export const APP_VERSION: string = version;

export interface CoreOptions {
  dataDir: string;
  host: 'electron' | 'hub';
  log?: Log;
  /** Load the embedded demo data set (演示数据) where the store has none. */
  demo?: boolean;
  now?: () => number;
  /** A signed-in session unused this long ends (default 12 h); one started in a shift lasts through it. */
  sessionIdleMs?: number;
  /** The media engine (Janus): supervised only when `janus` is true (hub `--janus`, COMMAND_WALL_JANUS=1). */
  media?: MediaOptions;
  /** One minute of a task's acknowledgement window in ms (60 000); a test hub's is shorter (hub/cli.ts, COMMAND_WALL_TEST_ACK_MINUTE_S). */
  ackMinuteMs?: number;
}

export interface Core {
  readonly bus: EventBus;
  readonly connections: ConnectionRegistry;
  readonly store: Store;
  readonly handlers: Handlers;
  readonly dispatch: Dispatcher;
  /** This centre and the operator settings, as the hosts read them (the shell opens its windows from the settings). */
  readonly centre: CentreView;
  /** What a host needs to bind a connection to a signed-in person and an enrolled machine (the hub's sockets). */
  readonly identity: Omit<Identity, 'handlers' | 'close' | 'audit'>;
  close(): Promise<void>;
}

export async function openCore(opts: CoreOptions): Promise<Core> {
  const log = opts.log ?? console;
  const store = await openStore({ dir: opts.dataDir, migrations, log });
  const bus = new EventBus();
  const connections = new ConnectionRegistry();
  const deps = { store, bus, connections, log, dataDir: opts.dataDir, now: opts.now ?? Date.now, demo: opts.demo ?? false };
  // Capabilities never import each other: what one needs of another is handed over here.
  const centre = await openCentre(deps);
  const wall = await openWall(deps);
  const plans = await openPlans(deps, { reports: reportLinks });
  const local = (peer: string) => ({ transport: 'local', peer }) as const;
  const duty = await openDuty(deps, {
    plansDemo: plans.demo,
    // Read-only views for the handover and the printed shift report (called only when a request comes, after every capability is open).
    sources: {
      responses: plans.responsesDuring,
      warnings: async () => (await warnings.handlers['warnings.get']({}, local('duty'))).active,
      centreName: async () => (await centre.handlers['centre.get']({}, local('duty'))).name,
    },
  });
  const power = await openPower(deps);
  const consult = await openConsult(deps);
  const map = await openMap(deps);
  const warnings = await openWarnings(deps);
  const media = openMedia(deps, opts.media ?? { janus: false }, { centre: centre.view.centre, consultations: consult.sfuView });
  const cameras = await openCameras(deps, { streams: media.streams });
  const stats = await openStats(deps, { planKpis: plans.kpis });
  const tasks = openTasks(deps, { responses: plans.taskLinks, reports: reportLinks }, { ackMinuteMs: opts.ackMinuteMs });
  // Opened after the map: it takes over the stock lines of the map's warehouses as opening balances.
  const materials = await openMaterials(deps, { workbook: { check: checkWorkbookZip, readSheet: (bytes, sheet) => readSheetInWorker(bytes, sheet) } });
  // Information reporting (信息报送): writes each version in the duty report's history and on its responses' timelines.
  const reporting = openReporting(deps, { reports: filingLinks, responses: plans.taskLinks });
  // Rescue teams: the register is the map's team objects, a dispatch is a task; both reached through their own handlers.
  const mapTeams = async () => (await map.handlers['map.listObjects']({ kinds: ['team'] }, local('teams'))).objects.filter((o) => o.kind === 'team');
  const teams = await openTeams(deps, {
    map: {
      teams: mapTeams,
      team: async (id) => (await mapTeams()).find((t) => t.id === id),
      save: async ({ demo: _demo, updatedAt: _updatedAt, ...object }, peer) => void (await map.handlers['map.saveObject']({ object }, local(peer))),
      importGeoJson: async (text, peer) => map.handlers['map.importObjects']({ format: 'geojson', text, dryRun: false }, local(peer)),
    },
    workbook: { check: checkWorkbookZip, readSheet: (bytes, sheet) => readSheetInWorker(bytes, sheet) },
    tasks: {
      // The task and the team's dispatch in one store transaction (teams.dispatch).
      issue: (task, by, ctx, alsoIn) => tasks.issueWith(task, by, { peer: ctx.peer, street: ctx.street }, alsoIn),
      get: (id) => Promise.resolve(tasks.handlers['tasks.get']({ id }, local('teams'))).catch(() => undefined),
      openFor: async (name) => tasks.handlers['tasks.list']({ state: 'open', addressee: { kind: 'team', name }, limit: 500 }, local('teams')),
    },
  });
  // Replay (复盘): each capability folds its own history at a moment; the teams as teams.getStatusAt gives them.
  const replay = openReplay(deps, {
    reports: reportsAtMoment,
    responses: responsesAtMoment,
    tasks: tasksAtMoment,
    teams: { ...teamsAtMoment, at: async (at) => (await teams.handlers['teams.getStatusAt']({ at }, local('replay'))).teams },
    materials: materialsAtMoment,
    warnings: warningsAtMoment,
    filings: filingsAtMoment,
  });
  // Reads the roster's people (duty_person) by SQL for sign-in; records every write of every capability.
  const identity = openIdentity(deps, { sessionIdleMs: opts.sessionIdleMs });
  // Teams closes before the map and tasks: its queue may still write through them.
  const capabilities = [centre, wall, duty, plans, power, consult, teams, map, warnings, cameras, media, stats, tasks, materials, reporting, replay, identity];

  let discovery: ReturnType<typeof openRpcDocument> | undefined;
  const handlers: Handlers = {
    // Built once: the document takes a quarter of a second to generate and never changes.
    'rpc.discover': () => (discovery ??= openRpcDocument(APP_VERSION)),
    'system.info': () => ({
      app: APP_NAME,
      version: APP_VERSION,
      host: opts.host,
      serverTime: Date.now(),
      schemaVersion: store.schemaVersion,
      dataDir: opts.dataDir,
    }),
    ...centre.handlers,
    ...wall.handlers,
    ...duty.handlers,
    ...plans.handlers,
    ...power.handlers,
    ...consult.handlers,
    ...map.handlers,
    ...warnings.handlers,
    ...cameras.handlers,
    ...media.handlers,
    ...stats.handlers,
    ...tasks.handlers,
    ...teams.handlers,
    ...materials.handlers,
    ...reporting.handlers,
    ...replay.handlers,
    ...identity.handlers,
  };

  return {
    bus,
    connections,
    store,
    handlers,
    // Every successful write is in the audit trail before it is acknowledged.
    dispatch: createDispatcher(handlers, log, {
      onWrite: (entry) => identity.audit(entry),
      isStreetPerson: identity.isStreetPerson,
      // A street machine still joining with the district's bootstrap token is told to enrol.
      // …and a desktop host's own window nobody signed in on, naming an acting person, to sign in.
      refuseCaller: (method, params, ctx) => identity.staleStreetLink(method, params, ctx) ?? identity.unsignedActor(method, params, ctx),
    }),
    centre: centre.view,
    identity,
    async close() {
      connections.stopListening();
      for (const c of capabilities) await c.close?.();
      await store.close();
    },
  };
}
