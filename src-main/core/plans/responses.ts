// Live responses: a plan activated at a level becomes a checklist with a timeline. Ticks, level
// changes, notes, linked reports and the close all append to the timeline; overdue is computed
// at read time from each item's due time (see the header of contract/plans.ts).
import type { PersonRef } from '../contract/duty';
import { RefusedError } from '../contract/errors';
import {
  ACTION_STATUS_LABELS,
  RESPONSE_LEVEL_LABELS,
  RESPONSE_LEVEL_RANK,
  type ActionStatus,
  type Response,
  type ResponseAction,
  type ResponseDetail,
  type ResponseLevel,
  type TimelineEntry,
} from '../contract/plans';
import type { EventBus } from '../events';
import type { Store, Tx } from '../store';
import type { ReportLinks } from '../shared/links';
import { actorRef, bool, newId, refFrom, refOrNull, type Reader } from '../shared/records';
import { planFromRow, planRow } from './library';

/** A row of plan_response. */
export interface ResponseRow {
  id: string;
  plan_id: string;
  plan_title: string;
  category: string;
  level: string;
  status: string;
  activated_at: number;
  activated_by_id: string;
  activated_by_name: string;
  activated_by_role: string;
  closed_at: number | null;
  closed_by_id: string | null;
  closed_by_name: string | null;
  closed_by_role: string | null;
  summary: string;
  demo: number;
}

/** A row of plan_response_action. */
export interface ActionRow {
  id: string;
  response_id: string;
  seq: number;
  level: string;
  text: string;
  unit: string;
  time_limit_min: number;
  added_at: number;
  due_at: number;
  owner: string;
  status: string;
  started_at: number | null;
  done_at: number | null;
  note: string;
  updated_at: number;
  updated_by_id: string | null;
  updated_by_name: string | null;
  updated_by_role: string | null;
}

/** A row of plan_response_event. */
export interface EventRow {
  response_id: string;
  at: number;
  kind: string;
  text: string;
  action_id: string | null;
  from_value: string | null;
  to_value: string | null;
  by_id: string;
  by_name: string;
  by_role: string;
  peer: string;
}

/** An action still to do (pending or in progress). */
export const isOpen = (s: string): boolean => s === 'pending' || s === 'in_progress';

function responseRow(db: Reader, id: string): ResponseRow {
  const r = db.get<ResponseRow>('SELECT * FROM plan_response WHERE id = ?', [id]);
  if (!r) throw new RefusedError({ zh: `没有编号为 ${id} 的预案响应`, en: `no response with id ${id}` }, { field: 'responseId', id });
  return r;
}

function activeRow(db: Reader, id: string): ResponseRow {
  const r = responseRow(db, id);
  if (r.status !== 'active')
    throw new RefusedError(
      { zh: `“${r.plan_title}”的响应已结束，不再变更`, en: `the response to “${r.plan_title}” is closed and no longer changes` },
      { field: 'responseId', id },
    );
  return r;
}

export function responseView(db: Reader, id: string, asOf: number): Response {
  const r = responseRow(db, id);
  const actions: ResponseAction[] = db.all<ActionRow>('SELECT * FROM plan_response_action WHERE response_id = ? ORDER BY seq', [id]).map((a) => ({
    id: a.id,
    level: a.level as ResponseLevel,
    text: a.text,
    unit: a.unit,
    timeLimitMinutes: a.time_limit_min,
    addedAt: a.added_at,
    dueAt: a.due_at,
    owner: a.owner,
    status: a.status as ActionStatus,
    startedAt: a.started_at,
    doneAt: a.done_at,
    note: a.note,
    updatedAt: a.updated_at,
    updatedBy: refOrNull(a.updated_by_id, a.updated_by_name, a.updated_by_role),
    // A closed response is judged at its close: nothing becomes overdue afterwards.
    overdue: isOpen(a.status) && (r.closed_at ?? asOf) > a.due_at,
  }));
  const count = (s: ActionStatus): number => actions.filter((a) => a.status === s).length;
  return {
    id: r.id,
    planId: r.plan_id,
    planTitle: r.plan_title,
    category: r.category as Response['category'],
    level: r.level as ResponseLevel,
    status: r.status as Response['status'],
    activatedAt: r.activated_at,
    activatedBy: refFrom(r.activated_by_id, r.activated_by_name, r.activated_by_role),
    closedAt: r.closed_at,
    closedBy: refOrNull(r.closed_by_id, r.closed_by_name, r.closed_by_role),
    summary: r.summary,
    reportIds: db
      .all<{ report_id: string }>('SELECT report_id FROM plan_response_report WHERE response_id = ? ORDER BY linked_at, rowid', [id])
      .map((x) => x.report_id),
    actions,
    progress: {
      total: actions.length,
      pending: count('pending'),
      inProgress: count('in_progress'),
      done: count('done'),
      na: count('na'),
      overdue: actions.filter((a) => a.overdue).length,
    },
    asOf,
    demo: bool(r.demo),
  };
}

/** Every response running at some moment in [from, to) (activated before `to`, not closed before `from`), most severe first. */
export function responsesDuring(db: Reader, from: number, to: number, asOf: number): Response[] {
  return db
    .all<{ id: string }>('SELECT id FROM plan_response WHERE activated_at < ? AND (closed_at IS NULL OR closed_at >= ?) ORDER BY activated_at', [to, from])
    .map((x) => responseView(db, x.id, asOf))
    .sort((a, b) => RESPONSE_LEVEL_RANK[b.level] - RESPONSE_LEVEL_RANK[a.level] || a.activatedAt - b.activatedAt);
}

function timeline(db: Reader, id: string): TimelineEntry[] {
  return db.all<EventRow>('SELECT * FROM plan_response_event WHERE response_id = ? ORDER BY seq', [id]).map(entryFromRow);
}

function entryFromRow(e: EventRow): TimelineEntry {
  return {
    at: e.at,
    by: refFrom(e.by_id, e.by_name, e.by_role),
    peer: e.peer,
    kind: e.kind as TimelineEntry['kind'],
    text: e.text,
    actionId: e.action_id,
    from: e.from_value,
    to: e.to_value,
  };
}

interface Stamp {
  by: PersonRef;
  peer: string;
  now: number;
}

/** Appends one entry to a response's timeline (also used by task-links.ts for tasks issued from it). */
export function append(
  tx: Tx,
  responseId: string,
  s: Stamp,
  e: { kind: TimelineEntry['kind']; text?: string; actionId?: string | null; from?: string | null; to?: string | null },
): void {
  tx.run(
    'INSERT INTO plan_response_event (response_id, at, kind, text, action_id, from_value, to_value, by_id, by_name, by_role, peer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [responseId, s.now, e.kind, e.text ?? '', e.actionId ?? null, e.from ?? null, e.to ?? null, s.by.id, s.by.name, s.by.role, s.peer],
  );
}

function levelActions(db: Reader, planId: string, level: ResponseLevel, now: number) {
  const plan = planFromRow(db, planRow(db, planId), now);
  const spec = plan.responseLevels.find((l) => l.level === level);
  if (!spec)
    throw new RefusedError(
      {
        zh: `预案“${plan.title}”没有${RESPONSE_LEVEL_LABELS[level].zh}响应；它设有 ${plan.responseLevels.map((l) => RESPONSE_LEVEL_LABELS[l.level].zh).join('、')}`,
        en: `plan “${plan.title}” has no ${RESPONSE_LEVEL_LABELS[level].en} response; it defines ${plan.responseLevels.map((l) => RESPONSE_LEVEL_LABELS[l.level].en).join(', ')}`,
      },
      { field: 'level' },
    );
  return { plan, actions: spec.actions };
}

function addActions(
  tx: Tx,
  responseId: string,
  level: ResponseLevel,
  actions: { text: string; unit: string; timeLimitMinutes: number }[],
  now: number,
): number {
  const { next } = tx.get<{ next: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM plan_response_action WHERE response_id = ?', [responseId]) ?? {
    next: 1,
  };
  actions.forEach((a, i) => {
    tx.run(
      `INSERT INTO plan_response_action (id, response_id, seq, level, text, unit, time_limit_min, added_at, due_at, owner, status, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)`,
      [newId('act'), responseId, next + i, level, a.text, a.unit, a.timeLimitMinutes, now, now + a.timeLimitMinutes * 60_000, a.unit, now],
    );
  });
  return actions.length;
}

/** Starts a response inside a transaction (used by the service and by the demo set). */
export function createResponse(tx: Tx, planId: string, level: ResponseLevel, s: Stamp, note: string, demo = false): string {
  const { plan, actions } = levelActions(tx, planId, level, s.now);
  if (plan.archived)
    throw new RefusedError(
      { zh: `预案“${plan.title}”已归档：先恢复到预案库，再启动`, en: `plan “${plan.title}” is archived; restore it before activating it` },
      { field: 'planId' },
    );
  const active = tx.get<{ id: string; level: string }>("SELECT id, level FROM plan_response WHERE plan_id = ? AND status = 'active'", [planId]);
  if (active)
    throw new RefusedError(
      {
        zh: `预案“${plan.title}”已有正在进行的${RESPONSE_LEVEL_LABELS[active.level as ResponseLevel].zh}响应：请调整其级别，或把接报并入该响应`,
        en: `plan “${plan.title}” already has an active ${RESPONSE_LEVEL_LABELS[active.level as ResponseLevel].en} response; change its level or link the report to it instead`,
      },
      { field: 'planId', responseId: active.id },
    );
  const id = newId('rsp');
  tx.run(
    `INSERT INTO plan_response (id, plan_id, plan_title, category, level, status, activated_at, activated_by_id, activated_by_name, activated_by_role, demo)
     VALUES (?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?)`,
    [id, plan.id, plan.title, plan.category, level, s.now, s.by.id, s.by.name, s.by.role, demo ? 1 : 0],
  );
  addActions(tx, id, level, actions, s.now);
  append(tx, id, s, { kind: 'activated', text: note, to: level });
  return id;
}

/** Links a duty report to a response, both sides, and notes it on the timeline. */
export function attachReport(tx: Tx, reports: ReportLinks, responseId: string, reportId: string, kind: 'escalated' | 'linked', s: Stamp): void {
  reports.link(tx, reportId, responseId, kind, s.by, s.peer, s.now);
  append(tx, responseId, s, { kind: 'report', text: kind === 'escalated' ? '由值班日志升级启动' : '关联值班日志', to: reportId });
}

/** Sets an item's status, owner and/or note (used by the service and the demo set). */
export function updateAction(tx: Tx, responseId: string, actionId: string, p: { status?: ActionStatus; owner?: string; note?: string }, s: Stamp): void {
  const a = tx.get<ActionRow>('SELECT * FROM plan_response_action WHERE id = ? AND response_id = ?', [actionId, responseId]);
  if (!a)
    throw new RefusedError(
      { zh: `该预案响应的行动清单中没有编号为 ${actionId} 的事项`, en: `the response has no checklist item ${actionId}` },
      { field: 'actionId', responseId },
    );
  const status = p.status ?? (a.status as ActionStatus);
  const owner = p.owner ?? a.owner;
  const note = p.note ?? a.note;
  if (status === a.status && owner === a.owner && note === a.note)
    throw new RefusedError({ zh: `“${a.text.slice(0, 40)}”没有任何改动`, en: `nothing changes for “${a.text.slice(0, 40)}”` }, { field: 'status' });
  if (status === 'na' && a.status !== 'na' && (p.note ?? '').trim() === '')
    throw new RefusedError(
      {
        zh: `请说明“${a.text.slice(0, 40)}”为何不适用：设为“${ACTION_STATUS_LABELS.na.zh}”需要填写备注`,
        en: `say why “${a.text.slice(0, 40)}” does not apply: setting ${ACTION_STATUS_LABELS.na.en} needs a note`,
      },
      { field: 'note' },
    );
  const startedAt = status === 'in_progress' || status === 'done' ? (a.started_at ?? s.now) : status === 'pending' ? null : a.started_at;
  const doneAt = status === 'done' || status === 'na' ? (a.status === status ? a.done_at : s.now) : null;
  tx.run(
    `UPDATE plan_response_action SET status = ?, owner = ?, note = ?, started_at = ?, done_at = ?, updated_at = ?, updated_by_id = ?, updated_by_name = ?, updated_by_role = ?
     WHERE id = ?`,
    [status, owner, note, startedAt, doneAt, s.now, s.by.id, s.by.name, s.by.role, actionId],
  );
  const text = [owner !== a.owner ? `负责：${owner}` : '', p.note ?? ''].filter(Boolean).join('；');
  append(tx, responseId, s, { kind: 'action', actionId, text, from: status !== a.status ? a.status : null, to: status !== a.status ? status : null });
}

/**
 * Raises or lowers a response (used by the service and the demo set): the new level's actions
 * not already on the checklist (same text and unit) join it, due from now.
 */
export function changeLevel(tx: Tx, responseId: string, level: ResponseLevel, reason: string, s: Stamp): void {
  const r = activeRow(tx, responseId);
  if (r.level === level)
    throw new RefusedError(
      {
        zh: `“${r.plan_title}”的响应已是${RESPONSE_LEVEL_LABELS[level].zh}`,
        en: `the response to “${r.plan_title}” is already at ${RESPONSE_LEVEL_LABELS[level].en}`,
      },
      { field: 'level' },
    );
  const { actions } = levelActions(tx, r.plan_id, level, s.now);
  const key = (a: { text: string; unit: string }): string => `${a.text}\u0000${a.unit}`;
  const have = new Set(tx.all<{ text: string; unit: string }>('SELECT text, unit FROM plan_response_action WHERE response_id = ?', [r.id]).map(key));
  addActions(
    tx,
    r.id,
    level,
    actions.filter((a) => !have.has(key(a))),
    s.now,
  );
  tx.run('UPDATE plan_response SET level = ? WHERE id = ?', [level, r.id]);
  append(tx, r.id, s, { kind: 'level', text: reason, from: r.level, to: level });
}

export class ResponseService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
    private readonly reports: ReportLinks,
  ) {}

  async activate(p: { planId: string; level: ResponseLevel; by: string; reportId?: string; note: string }, peer: string): Promise<ResponseDetail> {
    const now = this.now();
    const id = await this.store.write((tx) => {
      const s: Stamp = { by: actorRef(tx, p.by), peer, now };
      if (p.reportId) this.reports.report(tx, p.reportId); // a clear "no report" before anything else
      const id = createResponse(tx, p.planId, p.level, s, p.note);
      if (p.reportId) attachReport(tx, this.reports, id, p.reportId, 'escalated', s);
      return id;
    });
    this.changed('activated', id);
    if (p.reportId) this.reportChanged('escalated', p.reportId);
    return this.detail(id);
  }

  async linkReport(responseId: string, reportId: string, by: string, peer: string): Promise<Response> {
    const now = this.now();
    await this.store.write((tx) => {
      const s: Stamp = { by: actorRef(tx, by), peer, now };
      activeRow(tx, responseId);
      attachReport(tx, this.reports, responseId, reportId, 'linked', s);
    });
    this.reportChanged('linked', reportId);
    return this.changed('report', responseId);
  }

  async updateAction(
    p: { responseId: string; actionId: string; status?: ActionStatus; owner?: string; note?: string; by: string },
    peer: string,
  ): Promise<Response> {
    const now = this.now();
    await this.store.write((tx) => {
      const s: Stamp = { by: actorRef(tx, p.by), peer, now };
      activeRow(tx, p.responseId);
      updateAction(tx, p.responseId, p.actionId, p, s);
    });
    return this.changed('action', p.responseId);
  }

  async changeLevel(p: { responseId: string; level: ResponseLevel; reason: string; by: string }, peer: string): Promise<Response> {
    const now = this.now();
    await this.store.write((tx) => changeLevel(tx, p.responseId, p.level, p.reason, { by: actorRef(tx, p.by), peer, now }));
    return this.changed('level', p.responseId);
  }

  async addNote(responseId: string, text: string, by: string, peer: string): Promise<Response> {
    const now = this.now();
    await this.store.write((tx) => {
      const s: Stamp = { by: actorRef(tx, by), peer, now };
      activeRow(tx, responseId);
      append(tx, responseId, s, { kind: 'note', text });
    });
    return this.changed('note', responseId);
  }

  async close(responseId: string, summary: string, by: string, peer: string): Promise<Response> {
    const now = this.now();
    await this.store.write((tx) => {
      const s: Stamp = { by: actorRef(tx, by), peer, now };
      activeRow(tx, responseId);
      tx.run("UPDATE plan_response SET status = 'closed', closed_at = ?, closed_by_id = ?, closed_by_name = ?, closed_by_role = ?, summary = ? WHERE id = ?", [
        now,
        s.by.id,
        s.by.name,
        s.by.role,
        summary,
        responseId,
      ]);
      append(tx, responseId, s, { kind: 'closed', text: summary });
    });
    return this.changed('closed', responseId);
  }

  list(status: 'active' | 'closed' | 'all', limit: number): Response[] {
    const rows =
      status === 'all'
        ? this.store.all<{ id: string }>('SELECT id FROM plan_response ORDER BY activated_at DESC, rowid DESC LIMIT ?', [limit])
        : this.store.all<{ id: string }>('SELECT id FROM plan_response WHERE status = ? ORDER BY activated_at DESC, rowid DESC LIMIT ?', [status, limit]);
    const now = this.now();
    return rows.map((r) => responseView(this.store, r.id, now));
  }

  detail(id: string): ResponseDetail {
    return { ...responseView(this.store, id, this.now()), timeline: timeline(this.store, id) };
  }

  /** After the demo set was loaded: tells the response panels to refresh (no entry: the demo wrote a whole timeline). */
  demoLoaded(id: string): void {
    this.bus.emit('plans.responseChanged', { change: 'demo', response: responseView(this.store, id, this.now()), entry: null });
  }

  /** Tells the wall: the response (checklist and progress) and the entry just added. */
  changed(change: 'activated' | 'action' | 'level' | 'note' | 'report' | 'closed' | 'demo', id: string): Response {
    const response = responseView(this.store, id, this.now());
    const last = this.store.get<EventRow>('SELECT * FROM plan_response_event WHERE response_id = ? ORDER BY seq DESC LIMIT 1', [id]);
    this.bus.emit('plans.responseChanged', { change, response, entry: last ? entryFromRow(last) : null });
    return response;
  }

  private reportChanged(change: 'escalated' | 'linked', reportId: string): void {
    this.bus.emit('duty.logChanged', { change, report: this.reports.report(this.store, reportId), openCounts: this.reports.openCounts(this.store) });
  }
}
