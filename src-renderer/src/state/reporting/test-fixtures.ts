// A reporting clock for the renderer's tests: a 自然灾害·重大 report received ten minutes before NOW.
import type { ReportClock } from '@contract/reporting';

/** 2025-06-10 10:00 in Guangzhou. */
export const NOW = 1_749_520_800_000;
const MIN = 60_000;

export function clock(reportId: string, dueAt: number | null, over: Partial<ReportClock> = {}): ReportClock {
  const rule = { eventClass: 'natural', level: 'major', phoneMin: 30, firstMin: 60, followUpMin: 120, finalHours: 120 } as const;
  return {
    reportId,
    street: '北京街',
    summary: '北京路低洼处积水',
    receivedAt: NOW - 10 * MIN,
    eventClass: 'natural',
    level: 'major',
    rule,
    phoneDueAt: NOW + 20 * MIN,
    firstDueAt: NOW + 50 * MIN,
    firstAt: null,
    followUpDueAt: null,
    finalDueAt: NOW + 100 * 60 * MIN,
    finalAt: null,
    stage: 'first',
    dueAt,
    dueKind: dueAt === null ? null : 'first',
    overdue: dueAt !== null && NOW > dueAt,
    versions: 0,
    asOf: NOW,
    ...over,
  };
}
