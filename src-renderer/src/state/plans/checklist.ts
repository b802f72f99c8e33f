// Checklist arithmetic for a live response. The server marks an item overdue when it answers,
// but pushes nothing when an item merely becomes overdue, so the screens recount from each
// item's dueAt with their own (server-corrected) clock.
import type { ResponseAction } from '@contract/plans';

export function isOpenAction(a: Pick<ResponseAction, 'status'>): boolean {
  return a.status === 'pending' || a.status === 'in_progress';
}

export function isOverdue(a: Pick<ResponseAction, 'status' | 'dueAt'>, serverNow: number): boolean {
  return isOpenAction(a) && serverNow > a.dueAt;
}

export interface ChecklistProgress {
  total: number;
  /** Done or not applicable. */
  finished: number;
  inProgress: number;
  pending: number;
  /** Open items past their due time, most overdue first. */
  overdue: ResponseAction[];
  /** Open items not yet due, soonest due first. */
  upcoming: ResponseAction[];
  /** 0–1; a checklist with no items counts as finished. */
  ratio: number;
}

export function checklistProgress(actions: readonly ResponseAction[], serverNow: number): ChecklistProgress {
  const finished = actions.filter((a) => !isOpenAction(a)).length;
  const open = actions.filter(isOpenAction);
  const byDue = (a: ResponseAction, b: ResponseAction): number => a.dueAt - b.dueAt;
  return {
    total: actions.length,
    finished,
    inProgress: actions.filter((a) => a.status === 'in_progress').length,
    pending: actions.filter((a) => a.status === 'pending').length,
    overdue: open.filter((a) => serverNow > a.dueAt).sort(byDue),
    upcoming: open.filter((a) => serverNow <= a.dueAt).sort(byDue),
    ratio: actions.length === 0 ? 1 : finished / actions.length,
  };
}

/** Whole minutes from one time to another, rounded towards zero ("due in 4 min", "12 min late"). */
export function wholeMinutes(from: number, to: number): number {
  return Math.trunc((to - from) / 60_000);
}
