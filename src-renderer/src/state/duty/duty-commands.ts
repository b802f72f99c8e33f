// The duty officer's commands, by name. Each calls the server as the acting person and folds
// the reply into the state, so the page that acted updates at once; other pages follow from the
// pushed event. A refusal shows in the error banner (see duty-runner.ts).
import type { ParamsOf } from '@contract/api';
import type { HandoverItem, PersonInput, ReportInput, ReportStatus, RosterPeriod } from '@contract/duty';
import type { ActionStatus, DrillInput, ResponseLevel } from '@contract/plans';
import { printPage } from '../../client/print';
import type { DutyDeps, Runner } from './duty-runner';
import type { DutyFeed } from './duty-feed';
import { upsertHandover, upsertReport, upsertResponse, type RowProblem } from './duty-state';

export interface ActionChange {
  status?: ActionStatus;
  owner?: string;
  note?: string;
}

/** Pulls the row problems out of a refused import (the server's data.problems). */
export function problemsOf(err: unknown): RowProblem[] | null {
  const data = (err as { data?: { problems?: unknown } } | null)?.data;
  if (!data || !Array.isArray(data.problems)) return null;
  return data.problems.filter(
    (p): p is RowProblem => typeof p === 'object' && p !== null && typeof p.row === 'number' && typeof p.column === 'string' && typeof p.reason === 'string',
  );
}

export function createDutyCommands({ client }: DutyDeps, r: Runner, feed: DutyFeed) {
  /** The acting person; an empty id is refused by the server naming params.by. */
  const by = (): string => r.duty().actorId ?? '';
  /** Folds a command's reply into the state (when it succeeded) and hands it on. */
  const applied = <T>(x: T | null, apply: (x: T) => void): T | null => {
    if (x !== null) apply(x);
    return x;
  };
  const setResponse = (resp: Parameters<typeof upsertResponse>[1]) => r.patch((d) => ({ responses: upsertResponse(d.responses, resp) }));
  const setReport = (rep: Parameters<typeof upsertReport>[1]) => r.patch((d) => ({ reports: upsertReport(d.reports, rep) }));
  const setHandover = (h: Parameters<typeof upsertHandover>[1]) => r.patch((d) => ({ handovers: upsertHandover(d.handovers, h) }));
  const withDataStatus = async (): Promise<void> => {
    const dataStatus = await r.run('dutyLoad', () => client.call('duty.getDataStatus', {}));
    if (dataStatus) r.patch({ dataStatus });
  };

  return {
    loadDemo: async () => {
      const status = await r.run('loadDemo', () => client.call('duty.loadDemo', {}));
      if (status) r.patch({ dataStatus: status });
      return status !== null && (await feed.load());
    },
    savePerson: async (person: PersonInput) => {
      const saved = await r.run('savePerson', () => client.call('duty.savePerson', { person }));
      if (saved) {
        r.patch((d) => ({ people: [...d.people.filter((p) => p.id !== saved.id), saved] }));
        await withDataStatus();
      }
      return saved;
    },
    recordReport: async (input: ReportInput) => applied(await r.run('recordReport', () => client.call('duty.recordReport', { report: input, by: by() })), setReport),
    setReportStatus: async (id: string, status: ReportStatus, note: string) =>
      applied(await r.run('setReportStatus', () => client.call('duty.setReportStatus', { id, status, note, by: by() })), setReport),
    escalateReport: async (reportId: string, planId: string, level: ResponseLevel, note: string) =>
      applied(await r.run('escalateReport', () => client.call('plans.activate', { planId, level, note, reportId, by: by() })), setResponse),
    activatePlan: async (planId: string, level: ResponseLevel, note: string) =>
      applied(await r.run('activatePlan', () => client.call('plans.activate', { planId, level, note, by: by() })), setResponse),
    linkReport: async (responseId: string, reportId: string) =>
      applied(await r.run('linkReport', () => client.call('plans.linkReport', { responseId, reportId, by: by() })), setResponse),
    updateAction: async (responseId: string, actionId: string, change: ActionChange) =>
      applied(await r.run('updateAction', () => client.call('plans.updateAction', { responseId, actionId, ...change, by: by() })), setResponse),
    changeLevel: async (responseId: string, level: ResponseLevel, reason: string) =>
      applied(await r.run('changeLevel', () => client.call('plans.changeLevel', { responseId, level, reason, by: by() })), setResponse),
    addResponseNote: async (responseId: string, text: string) =>
      applied(await r.run('addResponseNote', () => client.call('plans.addNote', { responseId, text, by: by() })), setResponse),
    closeResponse: async (responseId: string, summary: string) =>
      applied(await r.run('closeResponse', () => client.call('plans.close', { responseId, summary, by: by() })), setResponse),
    handOver: async (p: { incomingId: string; notes: string; openItems: HandoverItem[] }) =>
      applied(await r.run('handOver', () => client.call('duty.handOver', { ...p, outgoingId: by() })), setHandover),
    confirmHandover: async (id: string, note: string) => applied(await r.run('confirmHandover', () => client.call('duty.confirmHandover', { id, note, by: by() })), setHandover),
    cancelHandover: async (id: string, reason: string) => applied(await r.run('cancelHandover', () => client.call('duty.cancelHandover', { id, reason, by: by() })), setHandover),
    importRoster: async (fileBase64: string) => {
      r.patch({ importProblems: null });
      return r.run(
        'importRoster',
        () => client.call('duty.importRoster', { fileBase64, by: by() }),
        (err) => r.patch({ importProblems: problemsOf(err) }),
      );
    },
    exportRoster: (period: RosterPeriod) => r.run('exportRoster', () => client.call('duty.exportRoster', { period })),
    exportLog: (from: number, to: number) => r.run('exportLog', () => client.call('duty.exportLog', { from, to })),
    /** The browser's print dialog, or a PDF through the desktop shell. */
    printLog: (suggestedName: string) => r.run('printLog', () => printPage(suggestedName)),
    saveDrill: (drill: DrillInput) => r.run('saveDrill', () => client.call('plans.saveDrill', { drill, by: by() })),
    /** Reads for one view (a period's roster, a plan, a report's history); failures show in the banner. */
    read: <M extends ReadMethod>(method: M, params: ParamsOf<M>) => r.run('dutyRead', () => client.call(method, params)),
  };
}

/** The read-only methods views may ask for directly. */
export type ReadMethod =
  | 'duty.getRoster'
  | 'duty.checkCoverage'
  | 'duty.getReport'
  | 'duty.listReports'
  | 'duty.getHandoverDraft'
  | 'duty.listShiftHistory'
  | 'duty.getOnDuty'
  | 'plans.list'
  | 'plans.get'
  | 'plans.listRevisions'
  | 'plans.getResponse'
  | 'plans.listResponses'
  | 'plans.listDrills'
  | 'plans.getAttachment';

export type DutyCommands = ReturnType<typeof createDutyCommands>;
