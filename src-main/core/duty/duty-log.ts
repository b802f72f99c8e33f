// The duty log (值班日志): reports received, their status (new → verifying → handling →
// closed), and every change, time-stamped and attributed. Plans link responses to reports
// through linkReport() here, inside their own transaction.
import {
  REPORT_STATUS_LABELS,
  REPORT_TRANSITIONS,
  type PersonRef,
  type Report,
  type ReportDetail,
  type ReportEvent,
  type ReportInput,
  type ReportPatch,
  type ReportStatus,
} from '../contract/duty';
import { RefusedError } from '../contract/errors';
import { formatLocal } from '../contract/yuexiu';
import type { EventBus } from '../events';
import type { SqlValue, Store, Tx } from '../store';
import { actorRef, bool, newId, refFrom, type Reader } from '../shared/records';

interface ReportRow {
  id: string;
  received_at: number;
  source: string;
  category: string;
  street: string;
  location: string;
  lat: number | null;
  lng: number | null;
  summary: string;
  severity: string;
  caller: string;
  status: string;
  recorded_by_id: string;
  recorded_by_name: string;
  recorded_by_role: string;
  recorded_at: number;
  updated_at: number;
  demo: number;
}

interface EventRow {
  at: number;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  note: string;
  fields: string;
  response_id: string | null;
  by_id: string;
  by_name: string;
  by_role: string;
  peer: string;
}

function reportFromRow(db: Reader, r: ReportRow): Report {
  const responseIds = db
    .all<{ response_id: string }>('SELECT response_id FROM plan_response_report WHERE report_id = ? ORDER BY linked_at', [r.id])
    .map((x) => x.response_id);
  return {
    id: r.id,
    receivedAt: r.received_at,
    source: r.source as Report['source'],
    category: r.category as Report['category'],
    street: r.street as Report['street'],
    location: r.location,
    coordinates: r.lat === null || r.lng === null ? null : { lat: r.lat, lng: r.lng },
    summary: r.summary,
    severity: r.severity as Report['severity'],
    caller: r.caller,
    status: r.status as ReportStatus,
    recordedBy: refFrom(r.recorded_by_id, r.recorded_by_name, r.recorded_by_role),
    recordedAt: r.recorded_at,
    updatedAt: r.updated_at,
    responseIds,
    demo: bool(r.demo),
  };
}

export function getReport(db: Reader, id: string): Report {
  const r = db.get<ReportRow>('SELECT * FROM duty_report WHERE id = ?', [id]);
  if (!r) throw new RefusedError({ zh: `没有编号为 ${id} 的接报`, en: `no report with id ${id}` }, { field: 'reportId', id });
  return reportFromRow(db, r);
}

export function openCounts(db: Reader): { new: number; verifying: number; handling: number } {
  const counts = { new: 0, verifying: 0, handling: 0 };
  for (const r of db.all<{ status: string; n: number }>("SELECT status, count(*) AS n FROM duty_report WHERE status <> 'closed' GROUP BY status"))
    if (r.status in counts) counts[r.status as keyof typeof counts] = r.n;
  return counts;
}

interface EventInput {
  kind: ReportEvent['kind'];
  from?: ReportStatus | null;
  to?: ReportStatus | null;
  note?: string;
  fields?: string[];
  responseId?: string | null;
}

function appendEvent(tx: Tx, reportId: string, at: number, by: PersonRef, peer: string, e: EventInput): void {
  tx.run(
    'INSERT INTO duty_report_event (report_id, at, kind, from_status, to_status, note, fields, response_id, by_id, by_name, by_role, peer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [reportId, at, e.kind, e.from ?? null, e.to ?? null, e.note ?? '', JSON.stringify(e.fields ?? []), e.responseId ?? null, by.id, by.name, by.role, peer],
  );
  tx.run('UPDATE duty_report SET updated_at = ? WHERE id = ?', [at, reportId]);
}

/** Inserts a report (used by the service and by the demo set). */
export function insertReport(tx: Tx, input: Required<ReportInput>, by: PersonRef, peer: string, now: number, demo = false): string {
  const id = newId('rep');
  tx.run(
    // Twin in shape of materials/stock.ts record(): one row and who wrote it; another table and capability, kept apart on purpose.
    `INSERT INTO duty_report (id, received_at, source, category, street, location, lat, lng, summary, severity, caller, status,
       recorded_by_id, recorded_by_name, recorded_by_role, recorded_at, updated_at, demo)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?)`,
    [
      id,
      input.receivedAt,
      input.source,
      input.category,
      input.street,
      input.location,
      input.coordinates?.lat ?? null,
      input.coordinates?.lng ?? null,
      input.summary,
      input.severity,
      input.caller,
      by.id,
      by.name,
      by.role,
      now,
      now,
      demo ? 1 : 0,
    ],
  );
  appendEvent(tx, id, now, by, peer, { kind: 'recorded', to: 'new' });
  return id;
}

/** Moves a report along REPORT_TRANSITIONS, refusing any other change. */
export function changeStatus(tx: Tx, id: string, to: ReportStatus, by: PersonRef, peer: string, now: number, note: string): void {
  const r = getReport(tx, id);
  if (!REPORT_TRANSITIONS[r.status].includes(to)) {
    const allowed = REPORT_TRANSITIONS[r.status];
    throw new RefusedError(
      {
        zh:
          `接报（${r.street}，${formatLocal(r.receivedAt)}）现为“${REPORT_STATUS_LABELS[r.status].zh}”，不能改为“${REPORT_STATUS_LABELS[to].zh}”；` +
          (allowed.length ? `可改为${allowed.map((s) => `“${REPORT_STATUS_LABELS[s].zh}”`).join('或')}` : '已办结的接报不再变更'),
        en:
          `the report (${r.street}, ${formatLocal(r.receivedAt)}) is ${REPORT_STATUS_LABELS[r.status].en.toLowerCase()} and cannot become ${REPORT_STATUS_LABELS[to].en.toLowerCase()}; ` +
          (allowed.length
            ? `from here it can become ${allowed.map((s) => REPORT_STATUS_LABELS[s].en.toLowerCase()).join(' or ')}`
            : 'a closed report stays closed'),
      },
      { field: 'status', id, from: r.status, to },
    );
  }
  tx.run('UPDATE duty_report SET status = ? WHERE id = ?', [to, id]);
  appendEvent(tx, id, now, by, peer, { kind: 'status', from: r.status, to, note });
}

/**
 * Links a report to a plan response (escalation, or a further report joining a response). A new
 * or verifying report moves to handling in the same step; a closed one cannot be escalated.
 * The caller writes the response's side of the link.
 */
export function linkReport(tx: Tx, reportId: string, responseId: string, kind: 'escalated' | 'linked', by: PersonRef, peer: string, now: number): Report {
  const r = getReport(tx, reportId);
  if (r.status === 'closed')
    throw new RefusedError(
      {
        zh: `接报“${r.street}：${r.summary.slice(0, 40)}”已办结，不能再启动或并入预案响应`,
        en: `the report “${r.street}: ${r.summary.slice(0, 40)}” is closed and cannot be escalated or linked`,
      },
      { field: 'reportId', id: reportId },
    );
  if (r.responseIds.includes(responseId))
    throw new RefusedError(
      {
        zh: `接报“${r.street}：${r.summary.slice(0, 40)}”已并入这一预案响应`,
        en: `the report “${r.street}: ${r.summary.slice(0, 40)}” is already linked to this response`,
      },
      { field: 'reportId', id: reportId, responseId },
    );
  tx.run('INSERT INTO plan_response_report (response_id, report_id, linked_at) VALUES (?, ?, ?)', [responseId, reportId, now]);
  const to: ReportStatus = 'handling';
  if (r.status !== to) tx.run('UPDATE duty_report SET status = ? WHERE id = ?', [to, reportId]);
  appendEvent(tx, reportId, now, by, peer, { kind, from: r.status, to, responseId });
  return getReport(tx, reportId);
}

/**
 * Notes a version of the report's written report (信息报送, core/reporting) in its history, inside
 * the filing's transaction. Handed to reporting by app.ts; a closed report still takes it (the 终报
 * often comes after the close).
 */
export function noteFiling(tx: Tx, reportId: string, s: { by: PersonRef; peer: string; now: number }, text: string): void {
  getReport(tx, reportId);
  appendEvent(tx, reportId, s.now, s.by, s.peer, { kind: 'filed', note: text });
}

export interface ReportFilter {
  from?: number;
  to?: number;
  status?: ReportStatus[];
  street?: string;
  category?: string;
}

export function filterSql(f: ReportFilter): { where: string; args: SqlValue[] } {
  const where: string[] = [];
  const args: SqlValue[] = [];
  if (f.from !== undefined) (where.push('received_at >= ?'), args.push(f.from));
  if (f.to !== undefined) (where.push('received_at < ?'), args.push(f.to));
  if (f.status && f.status.length) (where.push(`status IN (${f.status.map(() => '?').join(',')})`), args.push(...f.status));
  if (f.street) (where.push('street = ?'), args.push(f.street));
  if (f.category) (where.push('category = ?'), args.push(f.category));
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}

export function reportsMatching(db: Reader, f: ReportFilter, limit: number): Report[] {
  const { where, args } = filterSql(f);
  return db
    .all<ReportRow>(`SELECT * FROM duty_report ${where} ORDER BY received_at DESC, rowid DESC LIMIT ?`, [...args, limit])
    .map((r) => reportFromRow(db, r));
}

export function reportHistory(db: Reader, id: string): ReportEvent[] {
  return db.all<EventRow>('SELECT * FROM duty_report_event WHERE report_id = ? ORDER BY seq', [id]).map((e) => ({
    at: e.at,
    by: refFrom(e.by_id, e.by_name, e.by_role),
    peer: e.peer,
    kind: e.kind as ReportEvent['kind'],
    from: e.from_status as ReportStatus | null,
    to: e.to_status as ReportStatus | null,
    note: e.note,
    fields: JSON.parse(e.fields) as string[],
    responseId: e.response_id,
  }));
}

/** Allows for clocks of consoles a little ahead of the server's. */
const FUTURE_SLACK_MS = 2 * 60_000;

type LogChange = 'recorded' | 'updated' | 'status' | 'escalated' | 'linked' | 'demo';

export class DutyLogService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
  ) {}

  async record(input: Required<ReportInput>, by: string, peer: string): Promise<Report> {
    const now = this.now();
    if (input.receivedAt > now + FUTURE_SLACK_MS)
      throw new RefusedError(
        {
          zh: `接报时间 ${formatLocal(input.receivedAt)} 晚于现在（服务器时间 ${formatLocal(now)}）`,
          en: `receivedAt ${formatLocal(input.receivedAt)} lies in the future (server time ${formatLocal(now)})`,
        },
        { field: 'receivedAt' },
      );
    const id = await this.store.write((tx) => insertReport(tx, input, actorRef(tx, by), peer, now));
    return this.changed('recorded', id);
  }

  async update(id: string, patch: ReportPatch, by: string, note: string, peer: string): Promise<Report> {
    const now = this.now();
    if (patch.receivedAt !== undefined && patch.receivedAt > now + FUTURE_SLACK_MS)
      throw new RefusedError(
        {
          zh: `接报时间 ${formatLocal(patch.receivedAt)} 晚于现在（服务器时间 ${formatLocal(now)}）`,
          en: `receivedAt ${formatLocal(patch.receivedAt)} lies in the future (server time ${formatLocal(now)})`,
        },
        { field: 'receivedAt' },
      );
    await this.store.write((tx) => {
      const actor = actorRef(tx, by);
      const r = getReport(tx, id);
      if (r.status === 'closed')
        throw new RefusedError(
          {
            zh: `接报“${r.street}：${r.summary.slice(0, 40)}”已办结，内容不再修改`,
            en: `the report “${r.street}: ${r.summary.slice(0, 40)}” is closed; its details no longer change`,
          },
          { field: 'id', id },
        );
      const cols: Record<string, SqlValue> = {};
      const fields: string[] = [];
      const set = (field: string, col: string, was: unknown, value: SqlValue): void => {
        if (was === value) return;
        cols[col] = value;
        if (!fields.includes(field)) fields.push(field);
      };
      if (patch.receivedAt !== undefined) set('receivedAt', 'received_at', r.receivedAt, patch.receivedAt);
      if (patch.source !== undefined) set('source', 'source', r.source, patch.source);
      if (patch.category !== undefined) set('category', 'category', r.category, patch.category);
      if (patch.street !== undefined) set('street', 'street', r.street, patch.street);
      if (patch.location !== undefined) set('location', 'location', r.location, patch.location);
      if (patch.summary !== undefined) set('summary', 'summary', r.summary, patch.summary);
      if (patch.severity !== undefined) set('severity', 'severity', r.severity, patch.severity);
      if (patch.caller !== undefined) set('caller', 'caller', r.caller, patch.caller);
      if (patch.coordinates !== undefined) {
        set('coordinates', 'lat', r.coordinates?.lat ?? null, patch.coordinates?.lat ?? null);
        set('coordinates', 'lng', r.coordinates?.lng ?? null, patch.coordinates?.lng ?? null);
      }
      if (fields.length === 0)
        throw new RefusedError(
          {
            zh: `这次修改没有改动接报“${r.street}：${r.summary.slice(0, 40)}”的任何内容`,
            en: `the patch changes nothing in the report “${r.street}: ${r.summary.slice(0, 40)}”`,
          },
          { field: 'patch', id },
        );
      const names = Object.keys(cols);
      tx.run(`UPDATE duty_report SET ${names.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`, [...names.map((c) => cols[c]), id]);
      appendEvent(tx, id, now, actor, peer, { kind: 'updated', fields, note });
    });
    return this.changed('updated', id);
  }

  async setStatus(id: string, status: ReportStatus, by: string, note: string, peer: string): Promise<Report> {
    const now = this.now();
    await this.store.write((tx) => changeStatus(tx, id, status, actorRef(tx, by), peer, now, note));
    return this.changed('status', id);
  }

  list(f: ReportFilter, limit: number): { reports: Report[]; openCounts: ReturnType<typeof openCounts> } {
    return { reports: reportsMatching(this.store, f, limit), openCounts: this.openCountsNow() };
  }

  /**
   * The counts scan every open report; a group commit finishes many writes at once, and each
   * announces the counts, so they are counted once per state of the store, not once per write.
   */
  private counted: { seq: number; counts: ReturnType<typeof openCounts> } | null = null;
  private openCountsNow(): ReturnType<typeof openCounts> {
    if (this.counted?.seq !== this.store.seq) this.counted = { seq: this.store.seq, counts: openCounts(this.store) };
    return this.counted.counts;
  }

  detail(id: string): ReportDetail {
    return { ...getReport(this.store, id), history: reportHistory(this.store, id) };
  }

  /** Tells the wall about one report (returned), or with null about a bulk change (no report). */
  changed(change: LogChange, id: string): Report;
  changed(change: LogChange, id: null): null;
  changed(change: LogChange, id: string | null): Report | null {
    const report = id === null ? null : getReport(this.store, id);
    this.bus.emit('duty.logChanged', { change, report, openCounts: this.openCountsNow() });
    return report;
  }
}
