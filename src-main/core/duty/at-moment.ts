// The duty log's reports as they were at a moment, and their receipt as significant events,
// folded from duty_report_event alone: what the incident replay (core/replay, through app.ts)
// shows of the duty log. A report exists from its 'recorded' entry; its status then is the last
// status any entry set by then; its particulars are as they stand now.
import type { ReportCategory, ReportStatus, Severity } from '../contract/duty';
import type { ReplayEvent, ReportAt } from '../contract/replay';
import type { Reader } from '../shared/records';

interface Row {
  id: string;
  received_at: number;
  street: string;
  location: string;
  lat: number | null;
  lng: number | null;
  category: string;
  severity: string;
  summary: string;
  then_status: string | null;
}

const view = (r: Row): ReportAt => ({
  id: r.id,
  receivedAt: r.received_at,
  street: r.street,
  location: r.location,
  position: r.lat === null || r.lng === null ? null : { lat: r.lat, lng: r.lng },
  category: r.category as ReportCategory,
  severity: r.severity as Severity,
  summary: r.summary,
  status: (r.then_status ?? 'new') as ReportStatus,
});

const THEN = `(SELECT e.to_status FROM duty_report_event e WHERE e.report_id = r.id AND e.at <= ? AND e.to_status IS NOT NULL ORDER BY e.seq DESC LIMIT 1)`;

/** The reports recorded by `at` and not closed then, newest received first. */
function at(db: Reader, at: number): ReportAt[] {
  return db
    .all<Row>(
      `SELECT r.*, ${THEN} AS then_status FROM duty_report r
       WHERE EXISTS (SELECT 1 FROM duty_report_event x WHERE x.report_id = r.id AND x.kind = 'recorded' AND x.at <= ?)
       ORDER BY r.received_at DESC, r.id`,
      [at, at],
    )
    .map(view)
    .filter((r) => r.status !== 'closed');
}

/** Some reports as they stand now (for the after-action report), in the order asked. */
function get(db: Reader, ids: string[]): ReportAt[] {
  const now = Number.MAX_SAFE_INTEGER;
  return ids.flatMap((id) => db.all<Row>(`SELECT r.*, ${THEN} AS then_status FROM duty_report r WHERE r.id = ?`, [now, id]).map(view));
}

/** Each report recorded within [from, to] (at the time it was recorded, by whom). */
function events(db: Reader, from: number, to: number): ReplayEvent[] {
  return db
    .all<Row & { at: number; by_name: string }>(
      `SELECT r.*, NULL AS then_status, e.at, e.by_name FROM duty_report_event e JOIN duty_report r ON r.id = e.report_id
       WHERE e.kind = 'recorded' AND e.at >= ? AND e.at <= ?`,
      [from, to],
    )
    .map((r) => ({
      at: r.at,
      kind: 'report.received' as const,
      who: r.by_name,
      what: `${r.street} ${r.location}：${r.summary}`,
      street: r.street,
      position: r.lat === null || r.lng === null ? null : { lat: r.lat, lng: r.lng },
      links: { reportId: r.id },
    }));
}

export const reportsAtMoment = { at, get, events };
