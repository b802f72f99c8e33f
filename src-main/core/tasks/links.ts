// What tasks need of other capabilities, handed over by app.ts (a capability never imports a
// sibling): the plan responses a task is issued from (their timelines and attachments, given by
// plans) and the duty log (reports, given by duty), both as core/shared/links.ts declares them.
import type { ReportLinks, TaskResponseLinks } from '../shared/links';

export interface TaskLinks {
  responses: TaskResponseLinks;
  reports: Pick<ReportLinks, 'report'>;
}
