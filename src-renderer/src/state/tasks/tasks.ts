// The tasks (指令) as the console and the wall show them. Pure: folds a reply or a push into the
// list, recomputes the flags with the page's server clock between pushes, orders a list for the
// wall and counts it by state. Unit-tested beside it.
import { isFinalTaskState, TASK_PRIORITY_RANK, TaskState, type Task } from '@contract/tasks';

/** Newest issue first; a task already held is replaced by the newer copy (a push never goes back in time). */
export function upsertTask(list: readonly Task[], task: Task): Task[] {
  const old = list.find((t) => t.id === task.id);
  if (old && old.updatedAt > task.updatedAt) return [...list];
  return [...list.filter((t) => t.id !== task.id), task].sort((a, b) => b.issuedAt - a.issuedAt || (a.id < b.id ? 1 : -1));
}

export interface TaskFlags {
  /** Still issued past its acknowledgement window. */
  unacknowledged: boolean;
  /** Not final past its deadline. */
  overdue: boolean;
}

/** The flags as of `now` (server clock), as the core computes them. */
export function flagsAt(t: Task, now: number): TaskFlags {
  return { unacknowledged: t.state === 'issued' && now > t.ackDueAt, overdue: !isFinalTaskState(t.state) && now > t.deadline };
}

/** The tasks addressed to one street (a street centre's inbox). */
export function inboxOf(list: readonly Task[], street: string): Task[] {
  return list.filter((t) => t.addressee.kind === 'street' && t.addressee.name === street);
}

/**
 * For the wall: open tasks only, unacknowledged past their window first, then overdue, then by
 * priority and the nearest deadline.
 */
export function wallOrder(list: readonly Task[], now: number): Task[] {
  const rank = (t: Task): number => {
    const f = flagsAt(t, now);
    return (f.unacknowledged ? 2e3 : 0) + (f.overdue ? 1e3 : 0) + TASK_PRIORITY_RANK[t.priority];
  };
  return list.filter((t) => !isFinalTaskState(t.state)).sort((a, b) => rank(b) - rank(a) || a.deadline - b.deadline);
}

export type TaskCounts = Record<TaskState, number> & { unacknowledged: number; overdue: number };

export function countTasks(list: readonly Task[], now: number): TaskCounts {
  const counts = Object.fromEntries([...TaskState.options, 'unacknowledged', 'overdue'].map((k) => [k, 0])) as TaskCounts;
  for (const t of list) {
    counts[t.state]++;
    const f = flagsAt(t, now);
    if (f.unacknowledged) counts.unacknowledged++;
    if (f.overdue) counts.overdue++;
  }
  return counts;
}

/** Minutes and seconds left until `at` (negative: past), e.g. "4:05" or "-1:30". */
export function countdown(at: number, now: number): string {
  const s = Math.round((at - now) / 1000);
  const a = Math.abs(s);
  return `${s < 0 ? '-' : ''}${Math.floor(a / 60)}:${String(a % 60).padStart(2, '0')}`;
}
