// The written reports (首报/续报/终报) as significant events, and each version with the deadline it
// answered and whether it met it: what the incident replay and its after-action report (core/replay,
// through app.ts) show of information reporting. Due times as the clock (clockOf) computes them:
// 首报 and 终报 from the time received, each 续报 from the version before it.
import type { FilingDue, ReplayEvent } from '../contract/replay';
import type { DeadlineRule } from '../contract/reporting';
import type { Reader } from '../shared/records';
import { deadlineRules, filingTitle, versionsOf } from './reporting-service';

const MINUTE = 60_000;
const HOUR = 3_600_000;

function events(db: Reader, from: number, to: number): ReplayEvent[] {
  return db
    .all<{ report_id: string; kind: string; follow_up_no: number; submitted_at: number; by_name: string; unit: string }>(
      'SELECT report_id, kind, follow_up_no, submitted_at, by_name, unit FROM report_version WHERE submitted_at >= ? AND submitted_at <= ?',
      [from, to],
    )
    .map((v) => ({
      at: v.submitted_at,
      kind: 'filing.submitted' as const,
      who: v.by_name,
      what: `${filingTitle({ kind: v.kind as 'first' | 'followup' | 'final', followUpNo: v.follow_up_no })}${v.unit ? `（${v.unit}）` : ''}`,
      street: null,
      position: null,
      links: { reportId: v.report_id },
    }));
}

/** Every version of a report, oldest first, with its due time and whether it met it. */
function ofReport(db: Reader, report: { id: string; receivedAt: number }): FilingDue[] {
  const rules = deadlineRules(db);
  const versions = versionsOf(db, report.id);
  return versions.map((v, i) => {
    const rule = rules.get(`${v.eventClass}:${v.level}`) as DeadlineRule;
    const prev = versions[i - 1];
    const dueAt =
      v.kind === 'first'
        ? report.receivedAt + rule.firstMin * MINUTE
        : v.kind === 'final'
          ? report.receivedAt + rule.finalHours * HOUR
          : (prev?.submittedAt ?? report.receivedAt) + rule.followUpMin * MINUTE;
    return { reportId: report.id, title: filingTitle(v), submittedAt: v.submittedAt, dueAt, met: v.submittedAt <= dueAt };
  });
}

export const filingsAtMoment = { events, ofReport };
