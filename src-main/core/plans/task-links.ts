// What tasks (指令, core/tasks) need of plans, handed over by app.ts: the response a task is issued
// from, an entry on its timeline for every change of the task (in the task's own transaction, so
// the two never disagree), and the plan attachments a task may carry. Tasks never import plans.
import type { PersonRef } from '../contract/duty';
import { RefusedError } from '../contract/errors';
import type { Tx } from '../store';
import type { Reader } from '../shared/records';
import { append } from './responses';

/** The response a task names (refused, naming the id, if there is none). */
export function responseForTask(db: Reader, id: string): { id: string; title: string; active: boolean } {
  const r = db.get<{ id: string; plan_title: string; status: string }>('SELECT id, plan_title, status FROM plan_response WHERE id = ?', [id]);
  if (!r) throw new RefusedError({ zh: `没有编号为 ${id} 的预案响应`, en: `no response with id ${id}` }, { field: 'responseId', id });
  return { id: r.id, title: r.plan_title, active: r.status === 'active' };
}

/**
 * Notes a task's change on the response's timeline, inside the task's transaction. A closed
 * response no longer changes: returns false and writes nothing.
 */
export function noteTaskOnTimeline(tx: Tx, responseId: string, s: { by: PersonRef; peer: string; now: number }, text: string): boolean {
  const r = tx.get<{ status: string }>('SELECT status FROM plan_response WHERE id = ?', [responseId]);
  if (r?.status !== 'active') return false;
  append(tx, responseId, s, { kind: 'note', text });
  return true;
}

/** A plan's attachment as a task carries it (refused, naming both ids, if the plan has no such file). */
export function planAttachmentForTask(db: Reader, planId: string, sha256: string): { name: string; mediaType: string; size: number } {
  const a = db.get<{ name: string; media_type: string; size: number }>('SELECT name, media_type, size FROM plan_attachment WHERE plan_id = ? AND sha256 = ?', [
    planId,
    sha256,
  ]);
  if (!a) throw new RefusedError({ zh: `预案 ${planId} 没有附件 ${sha256}`, en: `plan ${planId} has no attachment ${sha256}` }, { field: 'sha256' });
  return { name: a.name, mediaType: a.media_type, size: a.size };
}
