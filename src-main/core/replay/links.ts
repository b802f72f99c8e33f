// What replay needs of the other capabilities, handed over by app.ts (replay never imports a
// sibling): each capability's own `at-moment.ts` readers, which fold that capability's history.
import type {
  FilingDue,
  Incident,
  MaterialMove,
  ReplayEvent,
  ReportAt,
  ResponseAt,
  StockAt,
  TaskAt,
  TaskTimes,
  TeamSortie,
  TimelineRow,
  WarningAt,
} from '../contract/replay';
import type { TeamState } from '../contract/teams';
import type { Reader } from '../shared/records';

type Events = (db: Reader, from: number, to: number) => ReplayEvent[];

export interface ReplayLinks {
  reports: { at(db: Reader, at: number): ReportAt[]; get(db: Reader, ids: string[]): ReportAt[]; events: Events };
  responses: {
    at(db: Reader, at: number): ResponseAt[];
    events: Events;
    incidents(db: Reader, limit: number, now: number): Incident[];
    timeline(db: Reader, id: string): { incident: Incident; timeline: TimelineRow[]; reportIds: string[] } | undefined;
  };
  tasks: { at(db: Reader, at: number): TaskAt[]; events: Events; ofResponse(db: Reader, responseId: string): TaskTimes[] };
  /** The teams as teams.getStatusAt gives them. */
  teams: { at(at: number): TeamState[] | Promise<TeamState[]>; events: Events; sorties(db: Reader, taskIds: string[]): TeamSortie[] };
  materials: { at(db: Reader, at: number): StockAt[]; events: Events; dispatched(db: Reader, from: number, to: number): MaterialMove[] };
  warnings: { at(db: Reader, at: number): WarningAt[]; events: Events };
  filings: { events: Events; ofReport(db: Reader, report: { id: string; receivedAt: number }): FilingDue[] };
}
