// The plans side of the duty room: the live responses (checklists ticked from the console, shown
// on the wall), the plan library's KPIs, and the officer's plan commands. Each command acts as
// the app slice's acting person and folds the server's reply in at once; other pages follow from
// the pushed events.
import type { ParamsOf, ResultOf } from '@contract/api';
import type { ActionStatus, DrillInput, Kpis, Response, ResponseLevel } from '@contract/plans';
import { appSlice } from '../app/app-slice';
import { defineSlice } from '../slice';
import { upsertResponse } from './responses';

export interface PlansState {
  /** Active responses, newest activation first. */
  responses: Response[];
  kpis: Kpis | null;
  /** Bumped on every library change (and every load): views that read a plan or a list re-read. */
  libraryVersion: number;
}

export interface ActionChange {
  status?: ActionStatus;
  owner?: string;
  note?: string;
}

/** The read-only plans methods a view may ask for once (a plan, a list, a response's timeline). */
export type PlansReadMethod =
  'plans.list' | 'plans.get' | 'plans.listRevisions' | 'plans.getResponse' | 'plans.listResponses' | 'plans.listDrills' | 'plans.getAttachment';

/** The `read` command with its result typed by method (a registered command loses its generic). */
export type PlansRead = <M extends PlansReadMethod>(method: M, params: ParamsOf<M>) => Promise<ResultOf<M> | null>;

export const plansSlice = defineSlice({
  name: 'plans',
  loadAs: 'dutyLoad',
  initial: (): PlansState => ({ responses: [], kpis: null, libraryVersion: 0 }),
  async load({ client }) {
    const [responses, kpis] = await Promise.all([client.call('plans.listResponses', { status: 'active' }), client.call('plans.getKpis', {})]);
    return (s: PlansState) => ({ responses, kpis, libraryVersion: s.libraryVersion + 1 });
  },
  events: {
    'plans.responseChanged':
      ({ response }) =>
      (s) => ({ responses: upsertResponse(s.responses, response) }),
    'plans.libraryChanged':
      ({ kpis }) =>
      (s) => ({ kpis, libraryVersion: s.libraryVersion + 1 }),
    // A bulk change of the log (the demo set) comes with responses and plans of its own: read again.
    'duty.logChanged': ({ report }, t) => void (report === null && t.reload()),
  },
  commands: (t) => {
    const { client } = t;
    /** The acting person; an empty id is refused by the server naming params.by. */
    const by = (): string => t.slice(appSlice).store.getState().actorId ?? '';
    const fold = (response: Response): Response => {
      t.set((s) => ({ responses: upsertResponse(s.responses, response) }));
      return response;
    };
    const read = <M extends PlansReadMethod>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> => client.call(method, params);
    return {
      activatePlan: async (planId: string, level: ResponseLevel, note: string) => fold(await client.call('plans.activate', { planId, level, note, by: by() })),
      escalateReport: async (reportId: string, planId: string, level: ResponseLevel, note: string) =>
        fold(await client.call('plans.activate', { planId, level, note, reportId, by: by() })),
      linkReport: async (responseId: string, reportId: string) => fold(await client.call('plans.linkReport', { responseId, reportId, by: by() })),
      updateAction: async (responseId: string, actionId: string, change: ActionChange) =>
        fold(await client.call('plans.updateAction', { responseId, actionId, ...change, by: by() })),
      changeLevel: async (responseId: string, level: ResponseLevel, reason: string) =>
        fold(await client.call('plans.changeLevel', { responseId, level, reason, by: by() })),
      addResponseNote: async (responseId: string, text: string) => fold(await client.call('plans.addNote', { responseId, text, by: by() })),
      closeResponse: async (responseId: string, summary: string) => fold(await client.call('plans.close', { responseId, summary, by: by() })),
      saveDrill: (drill: DrillInput) => client.call('plans.saveDrill', { drill, by: by() }),
      /** A one-off read for one view; a refusal shows in the banner and resolves null. */
      read,
    };
  },
});
