// Incident replay (复盘): the district as it was at any moment, the significant-events board
// (重大事件看板), and the after-action report (复盘报告).
//
// Semantics the core keeps (the UI can rely on them):
//  - Nothing here is stored of its own: every answer is folded, at read time, from the histories
//    the capabilities keep already (duty_report_event, plan_response_event, task_event,
//    team_status_event, material_ledger, warning_event, report_version). Each capability folds its
//    own history in its own `at-moment.ts`; replay only merges them.
//  - replay.getAt({ at }) is what the live lists showed at `at`, exactly: a change made at `at` is
//    in it, one made a millisecond later is not. Open reports (not closed by then), active
//    responses with their level and the checklist items open then (overdue as judged at `at`),
//    every task issued by then in the state it had (unacknowledged and overdue as judged at `at`),
//    the teams (teams.getStatusAt), the stock per place (the ledger folded), the warnings in force.
//  - replay.listEvents lists the significant things between `from` and `to`, newest first, merged from
//    every capability: who, what, where (street, position) and the ids it concerns. `total` counts
//    all of them in the window; `limit` cuts the list (the board says 另有 N 项 for the rest).
//  - replay.listIncidents: the responses (newest first) with their span, for the replay slider.
//  - replay.exportReport: the after-action report (复盘报告) of one response as .docx — its
//    timeline, tasks with the minutes to acknowledge and to finish, teams' minutes to arrive, the
//    materials dispatched, and the written reports (首报/续报/终报) with whether each met its deadline.
import { z } from 'zod';
import { method } from './define';
import { ReportCategory, ReportStatus, Severity } from './duty';
import { ActionStatus, ResponseLevel } from './plans';
import { EntityId, FileDownload, Timestamp, type Label } from './primitives';
import { TaskState } from './tasks';
import { TeamState } from './teams';
import { SignalLevel, SignalType } from './warnings';

const Position = z.object({ lat: z.number(), lng: z.number() });

// ---- state at a moment -----------------------------------------------------------------
export const ReportAt = z.object({
  id: EntityId,
  receivedAt: Timestamp,
  street: z.string(),
  location: z.string(),
  position: Position.nullable(),
  category: ReportCategory,
  severity: Severity,
  summary: z.string(),
  status: ReportStatus,
});
export type ReportAt = z.infer<typeof ReportAt>;

export const ActionAt = z.object({
  id: EntityId,
  text: z.string(),
  unit: z.string(),
  status: ActionStatus,
  dueAt: Timestamp,
  overdue: z.boolean(),
});
export type ActionAt = z.infer<typeof ActionAt>;

export const ResponseAt = z.object({
  id: EntityId,
  planTitle: z.string(),
  level: ResponseLevel,
  activatedAt: Timestamp,
  actions: z.object({ total: z.number().int(), open: z.number().int(), overdue: z.number().int() }),
  /** The checklist items still open (pending or in progress) at that moment. */
  openActions: z.array(ActionAt),
});
export type ResponseAt = z.infer<typeof ResponseAt>;

export const TaskAt = z.object({
  id: EntityId,
  title: z.string(),
  addressee: z.object({ kind: z.string(), name: z.string() }),
  state: TaskState,
  issuedAt: Timestamp,
  deadline: Timestamp,
  position: Position.nullable(),
  responseId: EntityId.nullable(),
  reportId: EntityId.nullable(),
  unacknowledged: z.boolean(),
  overdue: z.boolean(),
});
export type TaskAt = z.infer<typeof TaskAt>;

export const StockAt = z.object({ place: z.string(), item: z.string(), unit: z.string(), quantity: z.number() });
export type StockAt = z.infer<typeof StockAt>;

export const WarningAt = z.object({ id: EntityId, type: SignalType, level: SignalLevel, headline: z.string(), issuedAt: Timestamp });
export type WarningAt = z.infer<typeof WarningAt>;

export const ReplayState = z.object({
  at: Timestamp,
  reports: z.array(ReportAt),
  responses: z.array(ResponseAt),
  tasks: z.array(TaskAt),
  teams: z.array(TeamState),
  stock: z.array(StockAt),
  warnings: z.array(WarningAt),
});
export type ReplayState = z.infer<typeof ReplayState>;

// ---- significant events ----------------------------------------------------------------
// An enum written one value a line, like contract/duty.ts ReportCategory and plans.ts PlanCategory: same shape, other values; kept apart on purpose.
export const ReplayEventKind = z.enum([
  'report.received',
  'response.activated',
  'response.escalated',
  'response.ended',
  'task.issued',
  'task.acknowledged',
  'task.overdue',
  'task.done',
  'team.dispatched',
  'team.arrived',
  'team.returned',
  'material.dispatched',
  'filing.submitted',
  'warning.issued',
  'warning.lifted',
]);
export type ReplayEventKind = z.infer<typeof ReplayEventKind>;

export const REPLAY_EVENT_LABELS: Record<ReplayEventKind, Label> = {
  'report.received': { zh: '接报', en: 'Report received' },
  'response.activated': { zh: '启动响应', en: 'Response activated' },
  'response.escalated': { zh: '响应调级', en: 'Response level changed' },
  'response.ended': { zh: '结束响应', en: 'Response ended' },
  'task.issued': { zh: '下达指令', en: 'Task issued' },
  'task.acknowledged': { zh: '指令已接收', en: 'Task acknowledged' },
  'task.overdue': { zh: '指令超时', en: 'Task overdue' },
  'task.done': { zh: '指令办结', en: 'Task done' },
  'team.dispatched': { zh: '队伍出动', en: 'Team dispatched' },
  'team.arrived': { zh: '队伍到达', en: 'Team arrived' },
  'team.returned': { zh: '队伍返回', en: 'Team returned' },
  'material.dispatched': { zh: '物资调拨', en: 'Materials dispatched' },
  'filing.submitted': { zh: '信息报送', en: 'Report filed' },
  'warning.issued': { zh: '发布预警', en: 'Warning issued' },
  'warning.lifted': { zh: '解除预警', en: 'Warning lifted' },
};

export const ReplayLinks = z.object({
  reportId: EntityId.optional(),
  responseId: EntityId.optional(),
  taskId: EntityId.optional(),
  teamId: EntityId.optional(),
  warningId: EntityId.optional(),
  movementId: z.string().optional(),
});

export const ReplayEvent = z.object({
  at: Timestamp,
  kind: ReplayEventKind,
  /** Who did it (a person's name, a unit, a team), when known. */
  who: z.string().nullable(),
  /** What happened, in words (Chinese, as the records hold it). */
  what: z.string(),
  street: z.string().nullable(),
  position: Position.nullable(),
  links: ReplayLinks,
});
export type ReplayEvent = z.infer<typeof ReplayEvent>;

export const Incident = z.object({ responseId: EntityId, title: z.string(), level: ResponseLevel, from: Timestamp, to: Timestamp, active: z.boolean() });
export type Incident = z.infer<typeof Incident>;

// ---- methods -------------------------------------------------------------------------
// One entry per method, each of the same shape (define.ts): the likeness between method tables is the
// declaration itself, kept on purpose (the `duplicates` tool lists it as a twin).
export const replayMethods = {
  'replay.getAt': method({
    right: 'read',
    summary:
      'The district as it was at a moment, folded from the histories: open reports, active responses (level, open and overdue items), tasks and their states, teams, stock per place, warnings in force.',
    params: z.strictObject({ at: Timestamp }),
    result: ReplayState,
  }),
  'replay.listEvents': method({
    right: 'read',
    summary:
      'The significant-events board (重大事件看板): reports, responses, tasks, teams, materials, written reports and warnings between from and to, newest first, each with who, what, where and the ids; total counts the whole window.',
    params: z
      .strictObject({ from: Timestamp.default(0), to: Timestamp.optional(), limit: z.number().int().min(1).max(2000).default(50) })
      .refine((p) => p.to === undefined || p.to >= p.from, { message: 'to must not lie before from', path: ['to'] }),
    result: z.object({ events: z.array(ReplayEvent), total: z.number().int() }),
  }),
  'replay.listIncidents': method({
    right: 'read',
    summary: 'The responses (newest first) with the span the replay slider covers: from activation to close (or now).',
    params: z.strictObject({ limit: z.number().int().min(1).max(200).default(50) }),
    result: z.object({ incidents: z.array(Incident), asOf: Timestamp }),
  }),
  'replay.exportReport': method({
    right: 'read',
    summary:
      'The after-action report (复盘报告) of one response as .docx: timeline, tasks with minutes to acknowledge and to finish, teams with minutes to arrive, materials dispatched, written reports and whether each met its deadline.',
    params: z.strictObject({ responseId: EntityId }),
    result: FileDownload,
  }),
} as const;

export const replayEvents = {} as const;

// ---- what the capabilities hand replay (through app.ts) for the after-action report ------
/** One entry of a response's timeline. */
export interface TimelineRow {
  at: number;
  kind: string;
  text: string;
  by: string;
}
/** A task with its times (to acknowledge, to finish). */
export interface TaskTimes {
  id: string;
  title: string;
  addressee: string;
  state: z.infer<typeof TaskState>;
  issuedAt: number;
  receivedAt: number | null;
  finishedAt: number | null;
  deadline: number;
}
/** One sortie of a team: dispatched with a task, reached the scene. */
export interface TeamSortie {
  teamId: string;
  name: string;
  taskId: string | null;
  dispatchedAt: number;
  arrivedAt: number | null;
}
/** One material movement out of a place (a dispatch). */
export interface MaterialMove {
  at: number;
  movementId: string;
  item: string;
  unit: string;
  quantity: number;
  from: string;
  to: string | null;
  taskId: string | null;
}
/** One written report version with its deadline and whether it met it. */
export interface FilingDue {
  reportId: string;
  title: string;
  submittedAt: number;
  dueAt: number;
  met: boolean;
}
