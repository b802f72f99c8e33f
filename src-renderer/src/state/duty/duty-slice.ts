// The duty room: who is on duty, the duty log, handovers, the people and the roster's data
// status (the plan side is state/plans). Every command is signed with the console's acting
// person (the app slice's actorId; an empty id is refused by the server naming params.by) and
// folds the server's reply in at once; other pages follow from the pushed events.
import type { MethodName, ParamsOf, ResultOf } from '@contract/api';
import type { HandoverItem, OnDuty, PersonInput, ReportInput, ReportStatus, RosterPeriod } from '@contract/duty';
import { printPage } from '../../client/print';
import { appSlice } from '../app/app-slice';
import { plansSlice } from '../plans/plans-slice';
import { defineSlice, type SliceTools } from '../slice';
import { HANDOVER_LIMIT, initialDuty, msUntil, problemsOf, pruneArrivals, REPORT_LIMIT, upsertHandover, upsertReport, type DutyState } from './duty-state';

/** The read-only duty methods a view may ask for once (a period's roster, a report's history…). */
export type DutyReadMethod = Extract<
  MethodName,
  'duty.getRoster' | 'duty.checkCoverage' | 'duty.getReport' | 'duty.listReports' | 'duty.getHandoverDraft' | 'duty.listShiftHistory' | 'duty.getOnDuty'
>;

/** `read` with its method's own result type (the registered command's generic is erased). */
export type DutyRead = <M extends DutyReadMethod>(method: M, params: ParamsOf<M>) => Promise<ResultOf<M> | null>;

type Tools = SliceTools<DutyState>;

/** The acting person; an empty id is refused by the server naming params.by. */
const by = (t: Tools): string => t.slice(appSlice).store.getState().actorId ?? '';

const refreshPeople = async (t: Tools): Promise<void> => {
  const people = await t.run('dutyLoad', () => t.client.call('duty.listPeople', {}));
  if (people) t.set({ people });
};

const refreshOnDuty = async (t: Tools): Promise<void> => {
  const onDuty = await t.run('dutyLoad', () => t.client.call('duty.getOnDuty', {}));
  if (onDuty) t.set({ onDuty });
};

const refreshDataStatus = async (t: Tools): Promise<void> => {
  const dataStatus = await t.run('dutyLoad', () => t.client.call('duty.getDataStatus', {}));
  if (dataStatus) t.set({ dataStatus });
};

export const dutySlice = defineSlice({
  name: 'duty',
  loadAs: 'dutyLoad',
  initial: initialDuty,
  async load({ client }) {
    const [onDuty, log, handovers, people, dataStatus] = await Promise.all([
      client.call('duty.getOnDuty', {}),
      client.call('duty.listReports', { limit: REPORT_LIMIT }),
      client.call('duty.listHandovers', { limit: HANDOVER_LIMIT }),
      client.call('duty.listPeople', {}),
      client.call('duty.getDataStatus', {}),
    ]);
    return (s) => ({ onDuty, reports: log.reports, openCounts: log.openCounts, handovers, people, dataStatus, rosterVersion: s.rosterVersion + 1 });
  },
  events: {
    'duty.rosterChanged': ({ onDuty, reason }, t) => {
      if (reason !== 'shifts' && reason !== 'publish' && reason !== 'handover') void refreshPeople(t);
      return (s) => ({ onDuty, rosterVersion: s.rosterVersion + 1 });
    },
    'duty.logChanged': ({ report, change, openCounts }, t) => {
      if (!report) return void t.reload(); // a bulk change (the demo set): read everything again
      const now = t.now();
      return (s) => ({
        reports: upsertReport(s.reports, report),
        openCounts,
        arrivals: change === 'recorded' ? { ...pruneArrivals(s.arrivals, now), [report.id]: now } : s.arrivals,
      });
    },
    'duty.handoverChanged': ({ handover }) => (handover ? (s) => ({ handovers: upsertHandover(s.handovers, handover) }) : undefined),
  },
  // Who is on duty changes at validUntil (a shift ends or starts) with nothing pushed: ask again just after it.
  whileHeld: (t): (() => void) => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    let scheduledFor: OnDuty | null = null;
    const schedule = (onDuty: OnDuty | null): void => {
      if (onDuty === scheduledFor) return;
      scheduledFor = onDuty;
      if (timer) clearTimeout(timer);
      timer = null;
      if (onDuty?.validUntil == null) return;
      const wait = msUntil(onDuty.validUntil + 500, t.now(), t.slice(appSlice).store.getState().serverOffsetMs);
      timer = setTimeout(() => void refreshOnDuty(t), wait);
    };
    schedule(t.get().onDuty);
    const unsubscribe = t.slice(dutySlice).store.subscribe((s) => schedule(s.onDuty));
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
      timer = null;
    };
  },
  commands: (t) => {
    const { client, set } = t;
    return {
      loadDemo: async () => {
        const dataStatus = await client.call('duty.loadDemo', {});
        set({ dataStatus });
        const [duty, plans] = await Promise.all([t.reload(), t.slice(plansSlice).commands.load()]);
        return duty && plans;
      },
      savePerson: async (person: PersonInput) => {
        const saved = await client.call('duty.savePerson', { person });
        set((s) => ({ people: [...s.people.filter((p) => p.id !== saved.id), saved] }));
        await refreshDataStatus(t);
        return saved;
      },
      recordReport: async (report: ReportInput) => {
        const saved = await client.call('duty.recordReport', { report, by: by(t) });
        set((s) => ({ reports: upsertReport(s.reports, saved) }));
        return saved;
      },
      setReportStatus: async (id: string, status: ReportStatus, note: string) => {
        const saved = await client.call('duty.setReportStatus', { id, status, note, by: by(t) });
        set((s) => ({ reports: upsertReport(s.reports, saved) }));
        return saved;
      },
      handOver: async (p: { incomingId: string; notes: string; openItems: HandoverItem[] }) => {
        const saved = await client.call('duty.handOver', { ...p, outgoingId: by(t) });
        set((s) => ({ handovers: upsertHandover(s.handovers, saved) }));
        return saved;
      },
      confirmHandover: async (id: string, note: string) => {
        const saved = await client.call('duty.confirmHandover', { id, note, by: by(t) });
        set((s) => ({ handovers: upsertHandover(s.handovers, saved) }));
        return saved;
      },
      cancelHandover: async (id: string, reason: string) => {
        const saved = await client.call('duty.cancelHandover', { id, reason, by: by(t) });
        set((s) => ({ handovers: upsertHandover(s.handovers, saved) }));
        return saved;
      },
      importRoster: async (fileBase64: string) => {
        set({ importProblems: null });
        try {
          return await client.call('duty.importRoster', { fileBase64, by: by(t) });
        } catch (err) {
          set({ importProblems: problemsOf(err) });
          throw err; // shown in the banner under importRoster
        }
      },
      exportRoster: (period: RosterPeriod) => client.call('duty.exportRoster', { period }),
      exportLog: (from: number, to: number) => client.call('duty.exportLog', { from, to }),
      /** The printed shift report (值班记录 · 交接班报告) of a period, as PDF. */
      exportShiftReport: (from: number, to: number) => client.call('duty.exportShiftReport', { from, to }),
      /** The browser's print dialog, or a PDF through the desktop shell. */
      printLog: (suggestedName: string) => printPage(suggestedName),
      /** A one-off read for one view; a failure shows in the banner as `read`. Call it as a DutyRead. */
      read: <M extends DutyReadMethod>(method: M, params: ParamsOf<M>) => client.call(method, params),
    };
  },
});
