// What information reporting needs of its siblings, handed over by app.ts (reporting never imports
// duty or plans, nor they it): the duty report a filing belongs to and an entry in its history
// (given by duty), and the plan responses' timelines (given by plans, the same links tasks use).
import type { PersonRef, Report } from '../contract/duty';
import type { TaskResponseLinks } from '../shared/links';
import type { Reader } from '../shared/records';
import type { Tx } from '../store';

export interface FilingReportLinks {
  /** The report, or a refusal naming the id. */
  report(db: Reader, id: string): Report;
  /** An entry 'filed' in the report's history, inside the filing's transaction. */
  noteFiling(tx: Tx, reportId: string, s: { by: PersonRef; peer: string; now: number }, text: string): void;
}

export interface ReportingLinks {
  reports: FilingReportLinks;
  responses: Pick<TaskResponseLinks, 'note' | 'changed'>;
}
