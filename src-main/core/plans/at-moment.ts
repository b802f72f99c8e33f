// Live responses as they were at a moment (level, checklist items open and overdue then), their
// significant changes (activated, level changed, ended), the incidents the replay slider spans and
// one response's timeline, folded from plan_response_event alone: what the incident replay
// (core/replay, through app.ts) shows of plans.
import type { ActionStatus, ResponseLevel } from '../contract/plans';
import type { Incident, ReplayEvent, ResponseAt, TimelineRow } from '../contract/replay';
import type { Reader } from '../shared/records';
import { isOpen, type ActionRow as FullActionRow, type EventRow, type ResponseRow as FullResponseRow } from './responses';

/** The columns of plan_response and plan_response_action read here. */
type ResponseRow = Pick<FullResponseRow, 'id' | 'plan_title' | 'level' | 'activated_at' | 'closed_at' | 'status'>;
type ActionRow = Pick<FullActionRow, 'id' | 'response_id' | 'text' | 'unit' | 'added_at' | 'due_at'>;

/** The responses active at `at` (activated by then, not closed by then), newest first. */
function at(db: Reader, at: number): ResponseAt[] {
  const rows = db.all<ResponseRow>(
    'SELECT id, plan_title, level, activated_at, closed_at, status FROM plan_response WHERE activated_at <= ? AND (closed_at IS NULL OR closed_at > ?) ORDER BY activated_at DESC, id',
    [at, at],
  );
  return rows.map((r) => {
    const events = db.all<EventRow>('SELECT * FROM plan_response_event WHERE response_id = ? AND at <= ? ORDER BY seq', [r.id, at]);
    let level = r.level;
    const status = new Map<string, string>();
    for (const e of events) {
      if ((e.kind === 'activated' || e.kind === 'level') && e.to_value !== null) level = e.to_value;
      if (e.kind === 'action' && e.action_id !== null && e.to_value !== null) status.set(e.action_id, e.to_value);
    }
    const actions = db
      .all<ActionRow>('SELECT id, response_id, text, unit, added_at, due_at FROM plan_response_action WHERE response_id = ? AND added_at <= ? ORDER BY seq', [
        r.id,
        at,
      ])
      .map((a) => {
        const s = status.get(a.id) ?? 'pending';
        return { id: a.id, text: a.text, unit: a.unit, status: s as ActionStatus, dueAt: a.due_at, overdue: isOpen(s) && at > a.due_at };
      });
    const open = actions.filter((a) => isOpen(a.status));
    return {
      id: r.id,
      planTitle: r.plan_title,
      level: level as ResponseLevel,
      activatedAt: r.activated_at,
      actions: { total: actions.length, open: open.length, overdue: open.filter((a) => a.overdue).length },
      openActions: open,
    };
  });
}

const KINDS: Record<string, ReplayEvent['kind']> = { activated: 'response.activated', level: 'response.escalated', closed: 'response.ended' };

function events(db: Reader, from: number, to: number): ReplayEvent[] {
  return db
    .all<EventRow & { plan_title: string }>(
      `SELECT e.*, r.plan_title FROM plan_response_event e JOIN plan_response r ON r.id = e.response_id
       WHERE e.at >= ? AND e.at <= ? AND e.kind IN ('activated', 'level', 'closed')`,
      [from, to],
    )
    .map((e) => ({
      at: e.at,
      kind: KINDS[e.kind],
      who: e.by_name,
      what:
        e.kind === 'level'
          ? `${e.plan_title}：${e.from_value ?? ''}级→${e.to_value ?? ''}级${e.text ? `（${e.text}）` : ''}`
          : e.kind === 'activated'
            ? `${e.plan_title}（${e.to_value ?? ''}级）${e.text ? `：${e.text}` : ''}`
            : `${e.plan_title}${e.text ? `：${e.text}` : ''}`,
      street: null,
      position: null,
      links: { responseId: e.response_id },
    }));
}

/** The responses, newest first, with the span from activation to close (or `now`). */
function incidents(db: Reader, limit: number, now: number): Incident[] {
  return db
    .all<ResponseRow>('SELECT id, plan_title, level, activated_at, closed_at, status FROM plan_response ORDER BY activated_at DESC, id LIMIT ?', [limit])
    .map((r) => ({
      responseId: r.id,
      title: r.plan_title,
      level: r.level as ResponseLevel,
      from: r.activated_at,
      to: r.closed_at ?? Math.max(now, r.activated_at),
      active: r.status === 'active',
    }));
}

/** One response: its span, its timeline (oldest first) and the reports linked to it; undefined if there is none. */
function timeline(db: Reader, id: string): { incident: Incident; timeline: TimelineRow[]; reportIds: string[] } | undefined {
  const r = db.get<ResponseRow>('SELECT id, plan_title, level, activated_at, closed_at, status FROM plan_response WHERE id = ?', [id]);
  if (!r) return undefined;
  return {
    incident: {
      responseId: r.id,
      title: r.plan_title,
      level: r.level as ResponseLevel,
      from: r.activated_at,
      to: r.closed_at ?? r.activated_at,
      active: r.status === 'active',
    },
    timeline: db
      .all<EventRow>('SELECT * FROM plan_response_event WHERE response_id = ? ORDER BY seq', [id])
      .map((e) => ({ at: e.at, kind: e.kind, text: e.kind === 'level' ? `${e.from_value ?? ''}级→${e.to_value ?? ''}级 ${e.text}` : e.text, by: e.by_name })),
    reportIds: db
      .all<{ report_id: string }>('SELECT report_id FROM plan_response_report WHERE response_id = ? ORDER BY linked_at, rowid', [id])
      .map((x) => x.report_id),
  };
}

export const responsesAtMoment = { at, events, incidents, timeline };
