// What one capability needs of another, as small interfaces. A capability never imports a sibling
// (lint enforces it); where it needs another's data, app.ts hands it one of these in its deps.
import type { PersonRef, Report } from '../contract/duty';
import type { Kpis } from '../contract/plans';
import type { Tx } from '../store';
import type { Reader } from './records';

/** The duty log, as plans sees it: a response escalates or links reports (given by duty). */
export interface ReportLinks {
  /** The report, or a refusal naming the id. */
  report(db: Reader, id: string): Report;
  /** Records in the same transaction that the report belongs to the response; refused if it is closed or linked already. */
  link(tx: Tx, reportId: string, responseId: string, kind: 'escalated' | 'linked', by: PersonRef, peer: string, now: number): Report;
  /** Open reports by status, as duty.logChanged carries them. */
  openCounts(db: Reader): { new: number; verifying: number; handling: number };
}

/** The plans demo, as duty's demo loader sees it (given by plans). */
export interface PlansDemo {
  /**
   * Seeds the plans demo inside the demo transaction: `by` activated the 三防 response escalated
   * from `floodReportId`, and `officers` tick its checklist.
   */
  seed(tx: Tx, now: number, by: PersonRef, officers: PersonRef[], floodReportId: string): { responseId: string };
  /** After the demo transaction: tells the plans panels to refresh. */
  loaded(responseId: string): void;
}

/** The plan library's KPIs (revision and drill rates) as of a time, for stats' live indicators (given by plans). */
export type PlanKpis = (now: number) => Kpis;

/** Plan responses, as tasks (指令) see them: where a task is issued from and whose timeline it writes on (given by plans). */
export interface TaskResponseLinks {
  /** The response (refused, naming the id, if there is none). */
  response(db: Reader, id: string): { id: string; title: string; active: boolean };
  /** An entry on the response's timeline inside the task's transaction; false (nothing written) once it is closed. */
  note(tx: Tx, responseId: string, s: { by: PersonRef; peer: string; now: number }, text: string): boolean;
  /** A plan's attachment (refused, naming both ids, if there is no such file). */
  attachment(db: Reader, planId: string, sha256: string): { name: string; mediaType: string; size: number };
  /** After the write: the response panels hear of the entry. */
  changed(responseId: string): void;
}

/** A consultation as the SFU needs it (consult owns the records; media makes the rooms). */
export interface SfuConsultation {
  id: string;
  mode: string;
  live: boolean;
  /** Invited participant ids, the district first. */
  participants: string[];
}

/**
 * The consultations the media engine reads (consult → media): which are live in mode "sfu" and
 * whom they invited. Read from the records at the time asked, so a restarted hub makes the rooms
 * of every live sfu consultation again without waiting for anything to change.
 */
export interface ConsultationsView {
  get(id: string): SfuConsultation | null;
  /** Every live consultation in mode "sfu". */
  liveSfu(): SfuConsultation[];
}
