// Information reporting (信息报送): the clocks of every report still owing a 首报, 续报 or 终报 (the
// wall's countdown), kept live by reporting.changed, and re-read when the duty log changes (a new
// high-severity report starts a clock). Commands submit a version as the app slice's acting person,
// read one report's versions, and fetch the written report as .docx or PDF.
import type { DeadlineRule, EventClass, EventLevel, FilingInput, ReportClock } from '@contract/reporting';
import { appSlice } from '../app/app-slice';
import { defineSlice } from '../slice';
import { sortClocks, upsertClock } from './reporting';

export interface ReportingState {
  clocks: ReportClock[];
  /** Counts the changes heard (pushed or this page's own): a view of one report's versions re-reads on it. */
  version: number;
}

/** The most clocks a wall shows (more than fit in any cell). */
export const CLOCKS_LIMIT = 50;

export const reportingSlice = defineSlice({
  name: 'reporting',
  loadAs: 'reportingLoad',
  initial: (): ReportingState => ({ clocks: [], version: 0 }),
  async load({ client }) {
    const { clocks } = await client.call('reporting.listClocks', { limit: CLOCKS_LIMIT });
    return (s) => ({ clocks: sortClocks(clocks), version: s.version + 1 });
  },
  events: {
    'reporting.changed': ({ change, reportId, clock }, t) => {
      if (reportId === null || change === 'deadlines') return void t.reload();
      return (s) => ({ clocks: upsertClock(s.clocks, reportId, clock), version: s.version + 1 });
    },
    // A report recorded, escalated or closed may start or end a clock: read them again.
    'duty.logChanged': (_p, t) => void t.reload(),
  },
  commands: (t) => {
    const { client } = t;
    /** The acting person; an empty id is refused by the server naming params.by. */
    const by = (): string => t.slice(appSlice).store.getState().actorId ?? '';
    return {
      submitFiling: async (reportId: string, filing: FilingInput) => {
        const r = await client.call('reporting.submit', { reportId, filing, by: by() });
        t.set((s) => ({ clocks: upsertClock(s.clocks, reportId, r.clock), version: s.version + 1 }));
        return r;
      },
      /** One report's versions and clock, for the console (a refusal shows in the banner and resolves null). */
      readFilings: (reportId: string) => client.call('reporting.get', { reportId }),
      exportFilingDocx: (reportId: string, seq?: number) => client.call('reporting.exportDocx', { reportId, seq }),
      exportFilingPdf: (reportId: string, seq?: number) => client.call('reporting.exportPdf', { reportId, seq }),
      /** The deadlines per class and level, and the sources of the defaults. */
      readDeadlines: () => client.call('reporting.getDeadlines', {}),
      saveDeadline: (rule: DeadlineRule) => client.call('reporting.saveDeadlines', { rules: [rule], by: by() }),
      resetDeadline: (eventClass: EventClass, level: EventLevel) => client.call('reporting.saveDeadlines', { reset: [{ eventClass, level }], by: by() }),
    };
  },
});
