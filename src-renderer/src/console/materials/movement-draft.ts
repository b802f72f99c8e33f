// The movement form's draft and what it sends: typed text turned into materials.move's movement,
// so the form checks it with the contract's own schema as the person types (use-draft-check.ts).
import { placeFromKey, type MovementInput, type MovementKind } from '@contract/materials';
import { FINAL_TASK_STATES, type Task } from '@contract/tasks';

export interface MovementDraft {
  kind: MovementKind;
  /** A place key ("warehouse:obj_…", "street:北京街"), '' for none. */
  from: string;
  to: string;
  item: string;
  unit: string;
  quantity: string;
  /** YYYY-MM-DD, '' for none. */
  expiry: string;
  reason: string;
  /** A task chosen from the open ones (taskChoices), '' for none. */
  taskId: string;
}

export const emptyMovementDraft = (): MovementDraft => ({ kind: 'in', from: '', to: '', item: '', unit: '', quantity: '', expiry: '', reason: '', taskId: '' });

/** Which places a kind of movement names. */
export const TAKES_FROM = (k: MovementKind): boolean => k !== 'in';
export const GOES_TO = (k: MovementKind): boolean => k === 'in' || k === 'transfer';

/** The draft as materials.move takes it (a quantity not a number stays NaN: the schema names it). */
export function movementFrom(d: MovementDraft): MovementInput {
  const from = TAKES_FROM(d.kind) && d.from ? placeFromKey(d.from) : null;
  const to = GOES_TO(d.kind) && d.to ? placeFromKey(d.to) : null;
  return {
    kind: d.kind,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    item: d.item,
    unit: d.unit,
    quantity: d.quantity.trim() === '' ? Number.NaN : Number(d.quantity),
    ...(d.expiry.trim() ? { expiry: d.expiry.trim() } : {}),
    reason: d.reason,
    ...(d.taskId.trim() ? { taskId: d.taskId.trim() } : {}),
  };
}

/**
 * The tasks a movement may serve, as the form offers them by title: the open ones (not done,
 * refused or cancelled), newest first, plus the one already chosen if it has since closed (so the
 * choice never shows blank).
 */
export function taskChoices(tasks: readonly Task[], chosen: string): Task[] {
  const open = tasks.filter((t) => !FINAL_TASK_STATES.includes(t.state) || t.id === chosen);
  return [...open].sort((a, b) => b.issuedAt - a.issuedAt);
}
