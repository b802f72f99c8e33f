// Tasks (指令): issued by the district, answered by their addressee, each change kept in the task's
// history and on the response it came from (see the header of contract/tasks.ts). Flags
// (unacknowledged, overdue) are computed at read time; a timer pushes tasks.changed ('alarm') when
// a task crosses its acknowledgement window or its deadline.
import type { z } from 'zod';
import type { PersonRef } from '../contract/duty';
import { RefusedError, RpcCode, RpcError } from '../contract/errors';
import {
  ADDRESSEE_KIND_LABELS,
  isFinalTaskState,
  TASK_PRIORITY_LABELS,
  TASK_STATE_LABELS,
  type Addressee,
  type Task,
  type TaskAttachment,
  type TaskDetail,
  type TaskHistoryEntry,
  TaskInput,
  type TaskState,
} from '../contract/tasks';
import { formatLocal } from '../contract/yuexiu';
import type { EventBus } from '../events';
import type { SqlValue, Store, Tx } from '../store';
import { actorRef, newId, refFrom, type Reader, type StateEventRow } from '../shared/records';
import { CrossingWatch } from '../shared/crossing-watch';
import type { TaskLinks } from './links';

/** The parsed form of TaskInput (defaults applied). */
export type TaskData = z.output<typeof TaskInput>;

/** Who calls: the window or machine, and the street centre it belongs to (CallContext). */
export interface Caller {
  peer: string;
  street?: string;
}

type Change = 'issued' | 'received' | 'progress' | 'done' | 'refused' | 'cancelled' | 'alarm';

interface TaskRow {
  id: string;
  title: string;
  content: string;
  priority: string;
  addressee_kind: string;
  addressee_name: string;
  deadline: number;
  ack_window_min: number;
  ack_due_at: number;
  lat: number | null;
  lng: number | null;
  response_id: string | null;
  report_id: string | null;
  attachments_json: string;
  state: string;
  result: string;
  reason: string;
  issued_at: number;
  issued_by_id: string;
  issued_by_name: string;
  issued_by_role: string;
  received_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
}

/** A new task id, "tsk_…" (made here and passed to SQL, so the journal replays the same id). */
const OPEN_STATES: TaskState[] = ['issued', 'received', 'in_progress'];
const OPEN_SQL = `state IN (${OPEN_STATES.map((s) => `'${s}'`).join(', ')})`;

export function addresseeLabel(a: Addressee): string {
  return a.kind === 'street' ? a.name : `${ADDRESSEE_KIND_LABELS[a.kind].zh}·${a.name}`;
}

function taskFromRow(r: TaskRow, asOf: number): Task {
  const state = r.state as TaskState;
  return {
    id: r.id,
    title: r.title,
    content: r.content,
    priority: r.priority as Task['priority'],
    addressee: { kind: r.addressee_kind as Addressee['kind'], name: r.addressee_name },
    deadline: r.deadline,
    ackWindowMin: r.ack_window_min,
    ackDueAt: r.ack_due_at,
    position: r.lat === null || r.lng === null ? null : { lat: r.lat, lng: r.lng },
    source: { responseId: r.response_id, reportId: r.report_id },
    attachments: JSON.parse(r.attachments_json) as TaskAttachment[],
    state,
    result: r.result,
    reason: r.reason,
    issuedAt: r.issued_at,
    issuedBy: refFrom(r.issued_by_id, r.issued_by_name, r.issued_by_role),
    receivedAt: r.received_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    updatedAt: r.updated_at,
    unacknowledged: state === 'issued' && asOf > r.ack_due_at,
    // A final task is judged at its end: nothing becomes overdue afterwards.
    overdue: !isFinalTaskState(state) && asOf > r.deadline,
    asOf,
  };
}

function entryFromRow(e: StateEventRow): TaskHistoryEntry {
  return {
    at: e.at,
    by: refFrom(e.by_id, e.by_name, e.by_role),
    peer: e.peer,
    street: e.street,
    from: e.from_state as TaskState | null,
    to: e.to_state as TaskState,
    text: e.text,
  };
}

function taskRow(db: Reader, id: string): TaskRow {
  const r = db.get<TaskRow>('SELECT * FROM task WHERE id = ?', [id]);
  if (!r) throw new RefusedError({ zh: '没有此指令（可能已被删除）', en: `no task with id ${id}` });
  return r;
}

/** What each answer does: the states it starts from, the state it leads to, and what it is called. */
const MOVES = {
  acknowledge: { from: ['issued'], to: 'received', change: 'received', zh: '接收', en: 'acknowledged' },
  progress: { from: ['received', 'in_progress'], to: 'in_progress', change: 'progress', zh: '报告进展', en: 'put in progress' },
  complete: { from: ['received', 'in_progress'], to: 'done', change: 'done', zh: '办结', en: 'completed' },
  refuse: { from: ['issued', 'received', 'in_progress'], to: 'refused', change: 'refused', zh: '拒绝', en: 'refused' },
  cancel: { from: ['issued', 'received', 'in_progress'], to: 'cancelled', change: 'cancelled', zh: '撤销', en: 'cancelled' },
} as const satisfies Record<string, { from: readonly TaskState[]; to: TaskState; change: Change; zh: string; en: string }>;
export type Move = keyof typeof MOVES;

/** The refusal of a move the task's state does not allow: names the state, Chinese first. */
export function transitionError(r: { id: string; title: string; state: string }, move: Move): RefusedError {
  const m = MOVES[move];
  const state = r.state as TaskState;
  const allowed = m.from.map((s) => TASK_STATE_LABELS[s].zh).join('、');
  return new RefusedError(
    {
      zh: `指令「${r.title}」当前为“${TASK_STATE_LABELS[state].zh}”，不能${m.zh}（仅${allowed}的指令可以）`,
      en: `task ${r.id} is ${TASK_STATE_LABELS[state].en.toLowerCase()}: it cannot be ${m.en}; only a task ${m.from.map((s) => TASK_STATE_LABELS[s].en.toLowerCase()).join(' or ')} can`,
    },
    { state, move },
  );
}

export interface TaskOptions {
  /**
   * One minute of an acknowledgement window, in ms: 60 000 unless a test hub says less (the hub
   * entry reads COMMAND_WALL_TEST_ACK_MINUTE_S, for the end-to-end test that would otherwise wait
   * out the contract's least window, 1 min, in real time); ackDueAt carries the result, so the wall
   * and replay follow it.
   */
  ackMinuteMs?: number;
}

const ACK_MINUTE_MS = 60_000;

export class TaskService {
  /** Wakes when a task crosses its acknowledgement window or its deadline. */
  private readonly watch: CrossingWatch;
  private readonly ackMinuteMs: number;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
    private readonly links: TaskLinks,
    opts: TaskOptions = {},
  ) {
    this.ackMinuteMs = opts.ackMinuteMs ?? ACK_MINUTE_MS;
    this.watch = new CrossingWatch({ now, nextAfter: (from) => this.nextCrossing(from), crossed: (from, to) => this.pushCrossed(from, to) });
    this.schedule();
  }

  /**
   * Issues a task. `alsoIn` runs inside the same store transaction, after the task is written
   * (teams.dispatch marks its team dispatched there: one atomic write); a throw in it writes nothing.
   */
  async issue(
    input: TaskData,
    by: string,
    caller: Caller,
    alsoIn?: (tx: Tx, task: { id: string; title: string; issuedAt: number }) => void,
  ): Promise<TaskDetail> {
    const now = this.now();
    if (input.deadline <= now)
      throw new RefusedError(
        {
          zh: `时限 ${formatLocal(input.deadline)} 已过（服务器时间 ${formatLocal(now)}）：请选一个将来的时间`,
          en: 'deadline lies in the past: params.task.deadline',
        },
        { field: 'task.deadline' },
      );
    const { responseId, reportId } = input.source;
    const id = await this.store.write((tx) => {
      const actor = actorRef(tx, by);
      if (responseId !== undefined) {
        const r = this.links.responses.response(tx, responseId);
        if (!r.active)
          throw new RefusedError({
            zh: `响应“${r.title}”已结束，不能再下达指令：请单独下达`,
            en: `response ${responseId} is closed: issue the task on its own`,
          });
      }
      if (reportId !== undefined) this.links.reports.report(tx, reportId);
      const attachments: TaskAttachment[] = input.attachments.map((a) => ({ ...a, ...this.links.responses.attachment(tx, a.planId, a.sha256) }));
      const id = newId('tsk');
      tx.run(
        `INSERT INTO task (id, title, content, priority, addressee_kind, addressee_name, deadline, ack_window_min, ack_due_at, lat, lng,
           response_id, report_id, attachments_json, state, issued_at, issued_by_id, issued_by_name, issued_by_role, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'issued', ?, ?, ?, ?, ?)`,
        [
          id,
          input.title,
          input.content,
          input.priority,
          input.addressee.kind,
          input.addressee.name,
          input.deadline,
          input.ackWindowMin,
          now + input.ackWindowMin * this.ackMinuteMs,
          input.position?.lat ?? null,
          input.position?.lng ?? null,
          responseId ?? null,
          reportId ?? null,
          JSON.stringify(attachments),
          now,
          actor.id,
          actor.name,
          actor.role,
          now,
        ],
      );
      const text = `${TASK_PRIORITY_LABELS[input.priority].zh}；时限 ${formatLocal(input.deadline)}`;
      this.record(tx, id, actor, caller, now, null, 'issued', text);
      if (responseId !== undefined)
        this.links.responses.note(
          tx,
          responseId,
          { by: actor, peer: caller.peer, now },
          `下达指令「${input.title}」至${addresseeLabel(input.addressee)}（${text}）`,
        );
      alsoIn?.(tx, { id, title: input.title, issuedAt: now });
      return id;
    });
    this.schedule();
    return this.changed('issued', id);
  }

  /** An answer or the cancel: checks the caller's street and the state, moves, records, tells. */
  async move(move: Move, id: string, by: string, text: string, caller: Caller): Promise<TaskDetail> {
    const m = MOVES[move];
    const now = this.now();
    await this.store.write((tx) => {
      const actor = actorRef(tx, by);
      const r = taskRow(tx, id);
      if (move !== 'cancel') this.checkStreet(r, caller);
      const from = r.state as TaskState;
      if (!(m.from as readonly TaskState[]).includes(from)) throw transitionError(r, move);
      if (move === 'progress' && from === 'in_progress' && text === '')
        throw new RefusedError(
          { zh: `指令「${r.title}」已在处置中：报告进展需填写进展说明`, en: `task ${id} is in progress already: a progress report needs a note` },
          { field: 'note' },
        );
      const cols: Record<string, SqlValue> = { state: m.to, updated_at: now };
      if (m.to === 'received') cols.received_at = now;
      if (m.to === 'in_progress' && r.started_at === null) cols.started_at = now;
      if (isFinalTaskState(m.to)) cols.finished_at = now;
      if (m.to === 'done') cols.result = text;
      if (m.to === 'refused' || m.to === 'cancelled') cols.reason = text;
      const names = Object.keys(cols);
      tx.run(`UPDATE task SET ${names.map((n) => `${n} = ?`).join(', ')} WHERE id = ?`, [...names.map((n) => cols[n]), id]);
      this.record(tx, id, actor, caller, now, from, m.to, text);
      if (r.response_id !== null) {
        const who = addresseeLabel({ kind: r.addressee_kind as Addressee['kind'], name: r.addressee_name });
        const what = from === m.to ? '进展' : `${TASK_STATE_LABELS[from].zh}→${TASK_STATE_LABELS[m.to].zh}`;
        this.links.responses.note(tx, r.response_id, { by: actor, peer: caller.peer, now }, `指令「${r.title}」（${who}）${what}${text ? `：${text}` : ''}`);
      }
    });
    this.schedule();
    return this.changed(m.change, id);
  }

  list(f: { state?: TaskState | 'open'; addressee?: { kind: Addressee['kind']; name: string }; responseId?: string; limit: number }): Task[] {
    const where: string[] = [];
    const params: SqlValue[] = [];
    if (f.state === 'open') where.push(OPEN_SQL);
    else if (f.state !== undefined) (where.push('state = ?'), params.push(f.state));
    if (f.addressee) (where.push('addressee_kind = ? AND addressee_name = ?'), params.push(f.addressee.kind, f.addressee.name));
    if (f.responseId !== undefined) (where.push('response_id = ?'), params.push(f.responseId));
    const sql = `SELECT * FROM task ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY issued_at DESC, rowid DESC LIMIT ?`;
    const asOf = this.now();
    return this.store.all<TaskRow>(sql, [...params, f.limit]).map((r) => taskFromRow(r, asOf));
  }

  get(id: string): TaskDetail {
    const task = taskFromRow(taskRow(this.store, id), this.now());
    const history = this.store.all<StateEventRow>('SELECT * FROM task_event WHERE task_id = ? ORDER BY seq', [id]).map(entryFromRow);
    return { ...task, history };
  }

  close(): void {
    this.watch.close();
  }

  /** A street centre's caller answers only its own street's tasks (refused -32003, naming both). */
  private checkStreet(r: TaskRow, caller: Caller): void {
    if (caller.street === undefined) return;
    if (r.addressee_kind === 'street' && r.addressee_name === caller.street) return;
    const to = addresseeLabel({ kind: r.addressee_kind as Addressee['kind'], name: r.addressee_name });
    throw new RpcError(
      RpcCode.Forbidden,
      `指令「${r.title}」下达给${to}，${caller.street}不能答复 (forbidden: task ${r.id} is addressed to ${r.addressee_name}; a caller of ${caller.street} answers only its own street's tasks)`,
      { street: caller.street, addressee: { kind: r.addressee_kind, name: r.addressee_name } },
    );
  }

  private record(tx: Tx, id: string, by: PersonRef, caller: Caller, now: number, from: TaskState | null, to: TaskState, text: string): void {
    tx.run('INSERT INTO task_event (task_id, at, from_state, to_state, text, by_id, by_name, by_role, peer, street) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      id,
      now,
      from,
      to,
      text,
      by.id,
      by.name,
      by.role,
      caller.peer,
      caller.street ?? null,
    ]);
  }

  /** Tells every page: the task and the history entry just added (and the response's panels). */
  private changed(change: Change, id: string): TaskDetail {
    const detail = this.get(id);
    const { history, ...task } = detail;
    this.bus.emit('tasks.changed', { change, task, entry: history.at(-1) ?? null });
    if (task.source.responseId !== null) this.links.responses.changed(task.source.responseId);
    return detail;
  }

  // ---- the alarm clock -------------------------------------------------------------------
  private schedule(): void {
    this.watch.schedule();
  }

  /** The next acknowledgement window or deadline of an open task, at or after `from`. */
  private nextCrossing(from: number): number | null {
    return (
      this.store.get<{ at: number | null }>(
        `SELECT MIN(at) AS at FROM (
           SELECT ack_due_at AS at FROM task WHERE state = 'issued' AND ack_due_at >= ?
           UNION ALL SELECT deadline AS at FROM task WHERE ${OPEN_SQL} AND deadline >= ?)`,
        [from, from],
      )?.at ?? null
    );
  }

  /** Pushes every task that crossed its window or deadline in [from, to). */
  private pushCrossed(from: number, to: number): void {
    const crossed = this.store.all<{ id: string }>(
      `SELECT id FROM task WHERE (state = 'issued' AND ack_due_at >= ? AND ack_due_at < ?) OR (${OPEN_SQL} AND deadline >= ? AND deadline < ?)
       ORDER BY issued_at`,
      [from, to, from, to],
    );
    const asOf = this.now();
    for (const { id } of crossed) {
      const task = taskFromRow(taskRow(this.store, id), asOf);
      this.bus.emit('tasks.changed', { change: 'alarm', task, entry: null });
    }
  }
}
