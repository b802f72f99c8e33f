// Command and dispatch (指挥调度): tasks (指令) the district orders down to a street centre, a
// rescue team, a department or a warehouse, and the answers that come back up.
//
// Semantics the core keeps (the UI can rely on them):
//  - A task is issued (tasks.issue) from a live plan response (source.responseId), a duty report
//    (source.reportId) or on its own, to one addressee: a street centre (one of the 18 streets, by
//    name) or a team, department or warehouse (free names for now, not empty).
//  - States: issued → received (tasks.acknowledge) → in_progress (tasks.progress) → done
//    (tasks.complete, with a result) | refused (tasks.refuse, with a reason) | cancelled
//    (tasks.cancel, by the district, with a reason). done, refused and cancelled are final. A task
//    may be completed from received (no progress step), refused before or during the work, and
//    tasks.progress on a task in progress adds a progress note (the note is then required).
//    Any other move is refused with an error naming the task's state (Chinese first).
//  - Every change is kept in the task's history (who, from which machine and street, when, from
//    and to which state, the text given) and, for a task issued from a response, also on that
//    response's timeline while the response is active (a closed response no longer changes).
//  - A caller belonging to a street centre (CallContext.street) answers only tasks addressed to
//    its own street: any other is refused (-32003), naming both streets.
//  - Flags, computed at read time against the server clock (`asOf`; payloads carry ackDueAt and
//    deadline so a panel recomputes between events with its own clock):
//      unacknowledged — still issued past ackDueAt (issuedAt + ackWindowMin minutes);
//      overdue        — not yet final past its deadline.
//    When a task crosses either line the core pushes tasks.changed (change 'alarm').
import { z } from 'zod';
import { event, method } from './define';
import { PersonRef } from './duty';
import { ActorId, EntityId, Timestamp, type Label } from './primitives';
import { Coordinates, StreetName } from './yuexiu';

// ---- vocabulary ----------------------------------------------------------------------
export const TaskPriority = z.enum(['urgent', 'important', 'normal']);
export type TaskPriority = z.infer<typeof TaskPriority>;
export const TASK_PRIORITY_LABELS: Record<TaskPriority, Label> = {
  urgent: { zh: '紧急', en: 'Urgent' },
  important: { zh: '重要', en: 'Important' },
  normal: { zh: '一般', en: 'Normal' },
};
/** Higher is more pressing: sort with this. */
export const TASK_PRIORITY_RANK: Record<TaskPriority, number> = { urgent: 3, important: 2, normal: 1 };

export const AddresseeKind = z.enum(['street', 'team', 'department', 'warehouse']);
export type AddresseeKind = z.infer<typeof AddresseeKind>;
export const ADDRESSEE_KIND_LABELS: Record<AddresseeKind, Label> = {
  street: { zh: '街道', en: 'Street' },
  team: { zh: '救援队伍', en: 'Team' },
  department: { zh: '部门', en: 'Department' },
  warehouse: { zh: '物资仓库', en: 'Warehouse' },
};

/** Who a task is addressed to: a street by its name (one of the 18), or a team, department or warehouse by name. */
export const Addressee = z
  .object({
    kind: AddresseeKind,
    name: z.string().trim().min(1, 'an addressee needs a name').max(60),
  })
  .superRefine((a, ctx) => {
    if (a.kind === 'street' && !StreetName.safeParse(a.name).success)
      ctx.addIssue({ code: 'custom', path: ['name'], message: `not a Yuexiu street; expected one of ${StreetName.options.join('、')}` });
  });
export type Addressee = z.infer<typeof Addressee>;

export const TaskState = z.enum(['issued', 'received', 'in_progress', 'done', 'refused', 'cancelled']);
export type TaskState = z.infer<typeof TaskState>;
export const TASK_STATE_LABELS: Record<TaskState, Label> = {
  issued: { zh: '已下达', en: 'Issued' },
  received: { zh: '已接收', en: 'Received' },
  in_progress: { zh: '处置中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  refused: { zh: '已拒绝', en: 'Refused' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};
/** States a task ends in: it no longer changes. */
export const FINAL_TASK_STATES: readonly TaskState[] = ['done', 'refused', 'cancelled'];
export const isFinalTaskState = (s: TaskState): boolean => FINAL_TASK_STATES.includes(s);

/** Minutes an addressee has to acknowledge a task unless the issuer says otherwise. */
export const DEFAULT_ACK_WINDOW_MIN = 5;

/** A file of the plan library attached to a task (by reference: the bytes stay with the plan, read with plans.getAttachment). */
export const TaskAttachmentRef = z.strictObject({
  planId: EntityId,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lower-case hex digits'),
});
export const TaskAttachment = z.object({
  planId: EntityId,
  sha256: z.string(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
});
export type TaskAttachment = z.infer<typeof TaskAttachment>;

// ---- tasks ---------------------------------------------------------------------------
export const TaskInput = z.strictObject({
  title: z.string().trim().min(2, 'a task needs a title').max(80),
  content: z.string().trim().min(1, 'a task needs content: what is to be done').max(2000),
  priority: TaskPriority.default('normal'),
  addressee: Addressee,
  /** When it must be done (in the future when issued). */
  deadline: Timestamp,
  /** Minutes the addressee has to acknowledge it (接收时限). */
  ackWindowMin: z.number().int().min(1).max(1440).default(DEFAULT_ACK_WINDOW_MIN),
  /** The place it concerns, if any (WGS84, within Yuexiu). */
  position: Coordinates.nullable().default(null),
  /** What it was issued from: an active plan response and/or a duty report. */
  source: z.strictObject({ responseId: EntityId.optional(), reportId: EntityId.optional() }).default({}),
  attachments: z.array(TaskAttachmentRef).max(10).default([]),
});
export type TaskInput = z.input<typeof TaskInput>;

export const Task = z.object({
  id: EntityId,
  title: z.string(),
  content: z.string(),
  priority: TaskPriority,
  addressee: z.object({ kind: AddresseeKind, name: z.string() }),
  deadline: Timestamp,
  ackWindowMin: z.number().int(),
  /** issuedAt + ackWindowMin. */
  ackDueAt: Timestamp,
  position: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  source: z.object({ responseId: EntityId.nullable(), reportId: EntityId.nullable() }),
  attachments: z.array(TaskAttachment),
  state: TaskState,
  /** The result report (done). */
  result: z.string(),
  /** Why it was refused or cancelled. */
  reason: z.string(),
  issuedAt: Timestamp,
  issuedBy: PersonRef,
  receivedAt: Timestamp.nullable(),
  startedAt: Timestamp.nullable(),
  /** When it became done, refused or cancelled. */
  finishedAt: Timestamp.nullable(),
  updatedAt: Timestamp,
  /** Still issued past ackDueAt, as of asOf. */
  unacknowledged: z.boolean(),
  /** Not final past its deadline, as of asOf. */
  overdue: z.boolean(),
  /** The time the flags were computed at (server clock). */
  asOf: Timestamp,
});
export type Task = z.infer<typeof Task>;

export const TaskHistoryEntry = z.object({
  at: Timestamp,
  by: PersonRef,
  /** The machine or window the change came from. */
  peer: z.string(),
  /** The street centre the change came from (a street's machine or operator), else null. */
  street: z.string().nullable(),
  /** null for the issue itself. */
  from: TaskState.nullable(),
  to: TaskState,
  /** The note, result or reason given. */
  text: z.string(),
});
export type TaskHistoryEntry = z.infer<typeof TaskHistoryEntry>;

export const TaskDetail = Task.extend({ history: z.array(TaskHistoryEntry) });
export type TaskDetail = z.infer<typeof TaskDetail>;

const answer = <E extends z.ZodRawShape>(extra: E) => z.strictObject({ id: EntityId, by: ActorId, ...extra });

// ---- methods -------------------------------------------------------------------------
// One entry per method, each of the same shape (define.ts): the likeness between method tables is the
// declaration itself, kept on purpose (the `duplicates` tool lists it as a twin).
export const tasksMethods = {
  'tasks.list': method({
    right: 'read',
    summary: 'Tasks, newest first, with optional filters: state (or every state not final: open), addressee, the response they came from.',
    params: z.strictObject({
      state: z.enum([...TaskState.options, 'open']).optional(),
      addressee: z.strictObject({ kind: AddresseeKind, name: z.string().trim().min(1).max(60) }).optional(),
      responseId: EntityId.optional(),
      limit: z.number().int().min(1).max(500).default(200),
    }),
    result: z.array(Task),
  }),
  'tasks.get': method({
    right: 'read',
    summary: 'One task with its history of state changes.',
    params: z.strictObject({ id: EntityId }),
    result: TaskDetail,
  }),
  'tasks.issue': method({
    right: 'tasks.issue',
    actor: { param: 'by', is: 'id' },
    summary: 'Order a task to a street, team, department or warehouse (from an active response, a duty report or on its own).',
    params: z.strictObject({ task: TaskInput, by: ActorId }),
    result: TaskDetail,
  }),
  'tasks.acknowledge': method({
    right: 'tasks.answer',
    actor: { param: 'by', is: 'id' },
    summary: 'The addressee acknowledges an issued task (接收): issued → received.',
    params: answer({ note: z.string().trim().max(2000).default('') }),
    result: TaskDetail,
  }),
  'tasks.progress': method({
    right: 'tasks.answer',
    actor: { param: 'by', is: 'id' },
    summary: 'The addressee starts work on a received task (received → in progress), or reports progress on one in progress (a note is then required).',
    params: answer({ note: z.string().trim().max(2000).default('') }),
    result: TaskDetail,
  }),
  'tasks.complete': method({
    right: 'tasks.answer',
    actor: { param: 'by', is: 'id' },
    summary: 'The addressee reports a received or in-progress task done, with its result (反馈结果).',
    params: answer({ result: z.string().trim().min(2, 'a done task needs its result').max(2000) }),
    result: TaskDetail,
  }),
  'tasks.refuse': method({
    right: 'tasks.answer',
    actor: { param: 'by', is: 'id' },
    summary: 'The addressee refuses a task not yet final, with a reason.',
    params: answer({ reason: z.string().trim().min(2, 'a refusal needs a reason').max(2000) }),
    result: TaskDetail,
  }),
  'tasks.cancel': method({
    right: 'tasks.issue',
    actor: { param: 'by', is: 'id' },
    summary: 'The district cancels a task not yet final, with a reason.',
    params: answer({ reason: z.string().trim().min(2, 'a cancellation needs a reason').max(2000) }),
    result: TaskDetail,
  }),
} as const;

// ---- events ---------------------------------------------------------------------------
export const tasksEvents = {
  'tasks.changed': event({
    right: 'read',
    // A street centre hears only the tasks addressed to it (it answers only those).
    streetOf: ({ task }) => (task.addressee.kind === 'street' ? task.addressee.name : null),
    summary:
      'A task was issued, answered or cancelled, or crossed its acknowledgement window or deadline (alarm). Carries the task (no history) and the history entry just added.',
    payload: z.object({
      change: z.enum(['issued', 'received', 'progress', 'done', 'refused', 'cancelled', 'alarm']),
      task: Task,
      entry: TaskHistoryEntry.nullable(),
    }),
  }),
} as const;
