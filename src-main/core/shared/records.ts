// Helpers the capabilities share (duty and plans today): ids, the acting person, and reading a
// store or a transaction through the same interface.
import { randomBytes } from 'node:crypto';
import type { DutyRole, PersonRef } from '../contract/duty';
import { RefusedError } from '../contract/errors';
import type { SqlValue } from '../store';

/** What both a Store and a write transaction offer for reading. */
export interface Reader {
  all<T = Record<string, SqlValue>>(sql: string, params?: SqlValue[]): T[];
  get<T = Record<string, SqlValue>>(sql: string, params?: SqlValue[]): T | undefined;
}

/**
 * A new id, e.g. "rep_Xk3…". Made here and passed to SQL as a parameter, so the journal replays
 * the same id (the store never sees randomness).
 */
export function newId(prefix: 'per' | 'shf' | 'hov' | 'rep' | 'pln' | 'rsp' | 'act' | 'drl' | 'tsk'): string {
  return `${prefix}_${randomBytes(9).toString('base64url')}`;
}

/**
 * The acting person of a change: must exist and be active. Their name and role are copied into
 * the record, so history reads as it was written.
 */
export function actorRef(db: Reader, id: string): PersonRef {
  const row = db.get<{ id: string; name: string; role: string; active: number }>('SELECT id, name, role, active FROM duty_person WHERE id = ?', [id]);
  if (!row)
    throw new RefusedError(
      { zh: `没有编号为 ${id} 的人员：经办人须是值班人员名册中的人`, en: `no person with id ${id}: the acting person (by) must be one of duty.listPeople` },
      { field: 'by' },
    );
  if (!row.active)
    throw new RefusedError(
      {
        zh: `${row.name} 已停用，不能经办：请先在值班人员名册中重新启用`,
        en: `${row.name} is inactive and cannot act; reactivate them in duty.savePerson first`,
      },
      { field: 'by' },
    );
  return { id: row.id, name: row.name, role: row.role as DutyRole };
}

/** A PersonRef stored as three columns (prefix_id, prefix_name, prefix_role). */
export function refFrom(id: unknown, name: unknown, role: unknown): PersonRef {
  return { id: String(id), name: String(name), role: String(role) as DutyRole };
}

export function refOrNull(id: unknown, name: unknown, role: unknown): PersonRef | null {
  return id === null || id === undefined ? null : refFrom(id, name, role);
}

export const bool = (v: unknown): boolean => v === 1 || v === true;

/**
 * One row of a state history table (task_event, material_request_event): a move from one state to
 * another, with the text given, who made it, from which machine and street.
 */
export interface StateEventRow {
  at: number;
  from_state: string | null;
  to_state: string;
  text: string;
  by_id: string;
  by_name: string;
  by_role: string;
  peer: string;
  street: string | null;
}
