// THE API CONTRACT: every method the renderer or a street centre can call, and every event
// the services push, gathered from the capability files (centre.ts, wall.ts, …) where each is
// declared exactly once. The transports pick them up by themselves.
import { z } from 'zod';
import type { CallContext, HandlersFor } from './define';
import { centreEvents, centreMethods } from './centre';
import { camerasEvents, camerasMethods } from './cameras';
import { consultEvents, consultMethods } from './consult';
import { dutyEvents, dutyMethods } from './duty';
import { identityEvents, identityMethods } from './identity';
import { mapEvents, mapMethods } from './map';
import { materialsEvents, materialsMethods } from './materials';
import { mediaEvents, mediaMethods } from './media';
import { planEvents, planMethods } from './plans';
import { powerEvents, powerMethods } from './power';
import { replayEvents, replayMethods } from './replay';
import { reportingEvents, reportingMethods } from './reporting';
import { statsEvents, statsMethods } from './stats';
import { systemMethods } from './system';
import { tasksEvents, tasksMethods } from './tasks';
import { teamsEvents, teamsMethods } from './teams';
import { wallEvents, wallMethods } from './wall';
import { warningsEvents, warningsMethods } from './warnings';

// Each capability declares its own methods and events in its own file; this is the whole API.
export const methods = {
  ...systemMethods,
  ...centreMethods,
  ...wallMethods,
  ...dutyMethods,
  ...planMethods,
  ...powerMethods,
  ...consultMethods,
  ...mapMethods,
  ...warningsMethods,
  ...camerasMethods,
  ...mediaMethods,
  ...statsMethods,
  ...identityMethods,
  ...tasksMethods,
  ...materialsMethods,
  ...reportingMethods,
  ...teamsMethods,
  ...replayMethods,
} as const;

export const events = {
  ...wallEvents,
  ...centreEvents,
  ...dutyEvents,
  ...planEvents,
  ...powerEvents,
  ...consultEvents,
  ...mapEvents,
  ...warningsEvents,
  ...camerasEvents,
  ...mediaEvents,
  ...statsEvents,
  ...identityEvents,
  ...tasksEvents,
  ...materialsEvents,
  ...reportingEvents,
  ...teamsEvents,
  ...replayEvents,
} as const;

export type Methods = typeof methods;
export type Events = typeof events;
export type MethodName = keyof Methods;
export type EventName = keyof Events;
export type ParamsOf<M extends MethodName> = z.input<Methods[M]['params']>;
export type ResultOf<M extends MethodName> = z.output<Methods[M]['result']>;
export type PayloadOf<E extends EventName> = z.output<Events[E]['payload']>;

export const methodNames = Object.keys(methods) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** What a transport needs from the services: one handler per method. */
export type Handlers = HandlersFor<Methods>;
export type { CallContext };

/** What the renderer and street-centre clients talk to, whichever transport carries it. */
export interface ApiClient {
  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void;
  /** Connection state of the transport, for the header's link slot. */
  onStatus(listener: (status: TransportStatus) => void): () => void;
  /**
   * Who the connection acts for changed while it stayed open (a sign-in, a sign-out, another
   * session resumed): what was read, or refused, as the one before is to be read again. A client
   * whose connection never changes hands (the app's own windows over IPC) need not have it.
   */
  onIdentity?(listener: () => void): () => void;
}
export type TransportStatus = 'connecting' | 'open' | 'closed';
