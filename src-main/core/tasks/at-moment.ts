// Tasks as they were at a moment, and their significant changes, folded from task_event alone:
// what the incident replay (core/replay, through app.ts) shows of tasks.
import { isFinalTaskState, type Addressee, type TaskState } from '../contract/tasks';
import type { ReplayEvent, TaskAt, TaskTimes } from '../contract/replay';
import type { Reader } from '../shared/records';
import { addresseeLabel } from './task-service';

interface Row {
  id: string;
  title: string;
  addressee_kind: string;
  addressee_name: string;
  deadline: number;
  ack_due_at: number;
  lat: number | null;
  lng: number | null;
  response_id: string | null;
  report_id: string | null;
  issued_at: number;
  received_at: number | null;
  finished_at: number | null;
  state: string;
  then_state: string | null;
}

const position = (r: { lat: number | null; lng: number | null }) => (r.lat === null || r.lng === null ? null : { lat: r.lat, lng: r.lng });
const label = (r: { addressee_kind: string; addressee_name: string }) =>
  addresseeLabel({ kind: r.addressee_kind as Addressee['kind'], name: r.addressee_name });
const streetOf = (r: { addressee_kind: string; addressee_name: string }) => (r.addressee_kind === 'street' ? r.addressee_name : null);

/** Every task issued by `at`, in the state it had then (newest first, as tasks.list orders them). */
function at(db: Reader, at: number): TaskAt[] {
  return db
    .all<Row>(
      `SELECT t.*, (SELECT e.to_state FROM task_event e WHERE e.task_id = t.id AND e.at <= ? ORDER BY e.seq DESC LIMIT 1) AS then_state
       FROM task t WHERE t.issued_at <= ? ORDER BY t.issued_at DESC, t.rowid DESC`,
      [at, at],
    )
    .filter((r) => r.then_state !== null)
    .map((r) => {
      const state = r.then_state as TaskState;
      return {
        id: r.id,
        title: r.title,
        addressee: { kind: r.addressee_kind, name: r.addressee_name },
        state,
        issuedAt: r.issued_at,
        deadline: r.deadline,
        position: position(r),
        responseId: r.response_id,
        reportId: r.report_id,
        unacknowledged: state === 'issued' && at > r.ack_due_at,
        overdue: !isFinalTaskState(state) && at > r.deadline,
      };
    });
}

const KINDS: Partial<Record<TaskState, ReplayEvent['kind']>> = { issued: 'task.issued', received: 'task.acknowledged', done: 'task.done' };

/** Issued, acknowledged, done (from the history) and overdue (crossing the deadline unfinished) within [from, to]. */
function events(db: Reader, from: number, to: number): ReplayEvent[] {
  const out: ReplayEvent[] = [];
  const moves = db.all<Row & { at: number; to_state: string; by_name: string; text: string }>(
    `SELECT t.*, NULL AS then_state, e.at, e.to_state, e.by_name, e.text FROM task_event e JOIN task t ON t.id = e.task_id
     WHERE e.at >= ? AND e.at <= ? AND e.to_state IN ('issued', 'received', 'done') AND (e.from_state IS NULL OR e.from_state <> e.to_state)`,
    [from, to],
  );
  for (const r of moves) {
    const kind = KINDS[r.to_state as TaskState];
    if (!kind) continue;
    const what = r.to_state === 'issued' ? `「${r.title}」→ ${label(r)}` : `「${r.title}」（${label(r)}）${r.text ? `：${r.text}` : ''}`;
    out.push({ at: r.at, kind, who: r.by_name, what, street: streetOf(r), position: position(r), links: links(r) });
  }
  const late = db.all<Row>(
    `SELECT *, NULL AS then_state FROM task WHERE deadline >= ? AND deadline <= ? AND deadline >= issued_at AND (finished_at IS NULL OR finished_at > deadline)`,
    [from, to],
  );
  for (const r of late)
    out.push({
      at: r.deadline,
      kind: 'task.overdue',
      who: label(r),
      what: `「${r.title}」已过时限`,
      street: streetOf(r),
      position: position(r),
      links: links(r),
    });
  return out;
}

function links(r: Row): ReplayEvent['links'] {
  return { taskId: r.id, ...(r.response_id ? { responseId: r.response_id } : {}), ...(r.report_id ? { reportId: r.report_id } : {}) };
}

/** The tasks issued from a response, with their times (oldest first). */
function ofResponse(db: Reader, responseId: string): TaskTimes[] {
  return db.all<Row>('SELECT *, NULL AS then_state FROM task WHERE response_id = ? ORDER BY issued_at, rowid', [responseId]).map((r) => ({
    id: r.id,
    title: r.title,
    addressee: label(r),
    state: r.state as TaskState,
    issuedAt: r.issued_at,
    receivedAt: r.received_at,
    finishedAt: r.finished_at,
    deadline: r.deadline,
  }));
}

export const tasksAtMoment = { at, events, ofResponse };
