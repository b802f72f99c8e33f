// Information reporting (信息报送): the written reports the district sends up about an incident
// of the duty log — 首报 (first), any number of 续报 (follow-ups) and one 终报 (final) — and the
// clock that says when each is due.
//
// Semantics the core keeps (the UI can rely on them):
//  - Every version is kept as it was submitted (never overwritten), numbered 1, 2, … per report:
//    version 1 is the 首报, then 续报 as many as needed, then one 终报; after the 终报 nothing more
//    is accepted. A 续报 or 终报 before the 首报 is refused, and so is a second 首报.
//  - A version carries the figures the national reporting rules ask for (死亡, 受伤, 失踪, 被困,
//    转移/疏散, 安置, 受灾户数: non-negative whole numbers; 直接经济损失 in 万元: a non-negative
//    number), the cause, the measures taken, free text, the 报送单位 and 签发人, the event class and
//    level it was assessed at, who submitted it (the acting person) and when (server clock).
//  - Every version is written on the incident's timeline in the same transaction: the duty
//    report's history (kind 'filed'), and the timeline of every active plan response the report
//    was escalated into or linked to.
//  - The clock (ReportClock) is computed at read time against the server clock from the
//    deadlines of the report's event class and level (reporting.getDeadlines; defaults and their
//    sources in core/reporting/deadlines.ts): 首报 due at receivedAt + firstMin; then a 续报 due
//    followUpMin after the latest version; the 终报 due at receivedAt + finalHours. When a report
//    crosses its due time the core pushes reporting.changed (change 'alarm').
//  - Which reports have a clock: every report with a version and no 终报 yet, and every report
//    not closed that is high or critical (紧急/高) or was escalated into a response.
//  - reporting.exportDocx / exportPdf write the standard layout (突发事件信息报告: 报送单位, 时间,
//    the figures as a table, 事件概况 / 原因 / 已采取措施, 签发人) of one version (the latest unless
//    told).
import { z } from 'zod';
import { event, method } from './define';
import { PersonRef } from './duty';
import { ActorId, EntityId, FileDownload, Timestamp, type Label } from './primitives';

// ---- vocabulary ----------------------------------------------------------------------
export const FilingKind = z.enum(['first', 'followup', 'final']);
export type FilingKind = z.infer<typeof FilingKind>;
// Label tables like contract/duty.ts REPORT_CATEGORY_LABELS and plans.ts PLAN_LEVEL_LABELS: same shape, other words; kept apart on purpose.
export const FILING_KIND_LABELS: Record<FilingKind, Label> = {
  first: { zh: '首报', en: 'First report' },
  followup: { zh: '续报', en: 'Follow-up' },
  final: { zh: '终报', en: 'Final report' },
};

/** The four classes of 突发事件 (《突发事件应对法》第三条). */
export const EventClass = z.enum(['natural', 'accident', 'health', 'social']);
export type EventClass = z.infer<typeof EventClass>;
export const EVENT_CLASS_LABELS: Record<EventClass, Label> = {
  natural: { zh: '自然灾害', en: 'Natural disaster' },
  accident: { zh: '事故灾难', en: 'Accident' },
  health: { zh: '公共卫生事件', en: 'Public health event' },
  social: { zh: '社会安全事件', en: 'Social security event' },
};

/** The four levels (特别重大 / 重大 / 较大 / 一般). */
export const EventLevel = z.enum(['extraordinary', 'major', 'large', 'general']);
export type EventLevel = z.infer<typeof EventLevel>;
export const EVENT_LEVEL_LABELS: Record<EventLevel, Label> = {
  extraordinary: { zh: '特别重大', en: 'Extraordinary' },
  major: { zh: '重大', en: 'Major' },
  large: { zh: '较大', en: 'Large' },
  general: { zh: '一般', en: 'General' },
};

/** The figures of a version, in the order the written report lists them. */
export const FIGURE_KEYS = ['deaths', 'injured', 'missing', 'trapped', 'evacuated', 'resettled', 'households', 'lossWan'] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export const FIGURE_LABELS: Record<FigureKey, Label & { unit: Label }> = {
  deaths: { zh: '死亡', en: 'Deaths', unit: { zh: '人', en: 'people' } },
  injured: { zh: '受伤', en: 'Injured', unit: { zh: '人', en: 'people' } },
  missing: { zh: '失踪', en: 'Missing', unit: { zh: '人', en: 'people' } },
  trapped: { zh: '被困', en: 'Trapped', unit: { zh: '人', en: 'people' } },
  evacuated: { zh: '转移疏散', en: 'Evacuated', unit: { zh: '人', en: 'people' } },
  resettled: { zh: '安置', en: 'Resettled', unit: { zh: '人', en: 'people' } },
  households: { zh: '受灾户数', en: 'Affected households', unit: { zh: '户', en: 'households' } },
  lossWan: { zh: '直接经济损失', en: 'Direct economic loss', unit: { zh: '万元', en: '10k yuan' } },
};

const count = (zh: string) =>
  z
    .number({ message: `${zh}须为数字 (a whole number)` })
    .int(`${zh}须为整数 (a whole number)`)
    .min(0, `${zh}不能为负数 (not negative)`)
    .max(10_000_000, `${zh}过大 (at most 10,000,000)`);

export const Figures = z.object({
  deaths: count('死亡人数'),
  injured: count('受伤人数'),
  missing: count('失踪人数'),
  trapped: count('被困人数'),
  evacuated: count('转移疏散人数'),
  resettled: count('安置人数'),
  households: count('受灾户数'),
  /** Direct economic loss in 万元 (10,000 yuan). */
  lossWan: z
    .number({ message: '直接经济损失须为数字 (a number, in 万元)' })
    .min(0, '直接经济损失不能为负数 (not negative)')
    .max(100_000_000, '直接经济损失过大 (at most 100,000,000 万元)'),
});
export type Figures = z.infer<typeof Figures>;

export const FilingInput = z.strictObject({
  kind: FilingKind,
  /** Assessed class and level; omitted: the previous version's, else derived from the report's category and severity. */
  eventClass: EventClass.optional(),
  level: EventLevel.optional(),
  figures: z.strictObject(Figures.shape),
  cause: z.string().trim().max(2000, '原因最多 2000 字 (cause: at most 2000 characters)').default(''),
  measures: z.string().trim().max(4000, '已采取措施最多 4000 字 (measures: at most 4000 characters)').default(''),
  /** Free text: the situation (事件概况) as it stands. */
  text: z.string().trim().max(4000, '事件概况最多 4000 字 (text: at most 4000 characters)').default(''),
  /** 报送单位. */
  unit: z.string().trim().min(1, '请填写报送单位 (unit: who reports)').max(60).default('越秀区应急管理局'),
  /** 签发人: who signs the written report. */
  signer: z.string().trim().min(1, '请填写签发人 (signer: who signs)').max(20),
});
export type FilingInput = z.input<typeof FilingInput>;

export const Filing = z.object({
  reportId: EntityId,
  /** 1 for the 首报, then 2, 3, … */
  seq: z.number().int(),
  kind: FilingKind,
  /** For a 续报: its number (续报一, 续报二 …); else 0. */
  followUpNo: z.number().int(),
  eventClass: EventClass,
  level: EventLevel,
  figures: Figures,
  cause: z.string(),
  measures: z.string(),
  text: z.string(),
  unit: z.string(),
  signer: z.string(),
  submittedAt: Timestamp,
  by: PersonRef,
  peer: z.string(),
});
export type Filing = z.infer<typeof Filing>;

// ---- deadlines -----------------------------------------------------------------------
export const DeadlineRule = z.object({
  eventClass: EventClass,
  level: EventLevel,
  /** Minutes after the report came in by which the phone report is due (shown; phone calls are not recorded). */
  phoneMin: z.number().int().min(1).max(1440),
  /** Minutes after the report came in by which the written 首报 is due. */
  firstMin: z.number().int().min(1).max(1440),
  /** Minutes after the latest version by which the next 续报 is due. */
  followUpMin: z.number().int().min(10).max(10_080),
  /** Hours after the report came in by which the 终报 is due. */
  finalHours: z.number().int().min(1).max(2160),
});
export type DeadlineRule = z.infer<typeof DeadlineRule>;

export const DeadlineRuleInput = z
  .strictObject(DeadlineRule.shape)
  .refine((r) => r.phoneMin <= r.firstMin, { message: '电话报告时限不能晚于书面首报时限 (phoneMin must not exceed firstMin)', path: ['phoneMin'] });

export const DeadlineTable = z.object({
  rules: z.array(DeadlineRule.extend({ isDefault: z.boolean() })),
  /** Where the defaults come from (shown beside the table). */
  sources: z.array(z.string()),
});
export type DeadlineTable = z.infer<typeof DeadlineTable>;

// ---- the clock -----------------------------------------------------------------------
export const ClockStage = z.enum(['first', 'followup', 'done']);
export type ClockStage = z.infer<typeof ClockStage>;

export const ReportClock = z.object({
  reportId: EntityId,
  /** The duty report's own words, for a wall line without a second call. */
  street: z.string(),
  summary: z.string(),
  receivedAt: Timestamp,
  eventClass: EventClass,
  level: EventLevel,
  rule: DeadlineRule,
  phoneDueAt: Timestamp,
  firstDueAt: Timestamp,
  /** When the 首报 was submitted (null: not yet). */
  firstAt: Timestamp.nullable(),
  /** The next 续报's due time (null before the 首报 and after the 终报). */
  followUpDueAt: Timestamp.nullable(),
  finalDueAt: Timestamp,
  finalAt: Timestamp.nullable(),
  /** What is due next: the 首报, a 续报 (or the 终报, whichever is sooner), or nothing (终报 in). */
  stage: ClockStage,
  /** The next due time (null once the 终报 is in) and which report it is for. */
  dueAt: Timestamp.nullable(),
  dueKind: FilingKind.nullable(),
  /** dueAt has passed, as of asOf. */
  overdue: z.boolean(),
  versions: z.number().int(),
  /** The server time the clock was computed at. */
  asOf: Timestamp,
});
export type ReportClock = z.infer<typeof ReportClock>;

export const ReportFilings = z.object({
  reportId: EntityId,
  /** Every version, oldest first. */
  versions: z.array(Filing),
  /** null when the report needs no clock (see the header). */
  clock: ReportClock.nullable(),
});
export type ReportFilings = z.infer<typeof ReportFilings>;

export const DOCX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const PDF_MEDIA_TYPE = 'application/pdf';

const ExportParams = z.strictObject({
  reportId: EntityId,
  /** The version (1 = 首报); omitted: the latest. */
  seq: z.number().int().min(1).max(10_000).optional(),
});

// ---- methods -------------------------------------------------------------------------
// One entry per method, each of the same shape (define.ts): the likeness between method tables is the
// declaration itself, kept on purpose (the `duplicates` tool lists it as a twin).
export const reportingMethods = {
  'reporting.get': method({
    right: 'read',
    summary: 'Every version (首报, 续报, 终报) of one duty report, oldest first, and its reporting clock.',
    params: z.strictObject({ reportId: EntityId }),
    result: ReportFilings,
  }),
  'reporting.listClocks': method({
    right: 'read',
    summary:
      'The reporting clocks of every report still owing a version (see the header), overdue first, then by due time; a street centre’s caller gets its own street’s only.',
    params: z.strictObject({ limit: z.number().int().min(1).max(200).default(50) }),
    result: z.object({ clocks: z.array(ReportClock), asOf: Timestamp }),
  }),
  'reporting.submit': method({
    // Reuses duty.report: whoever records reports also reports them up; a street only for its own street.
    right: 'duty.report',
    actor: { param: 'by', is: 'id' },
    summary: 'Submit a version of a report: the 首报, a 续报 or the 终报 (after which nothing more). Kept as submitted, and written on the incident timeline.',
    params: z.strictObject({ reportId: EntityId, filing: FilingInput, by: ActorId }),
    result: ReportFilings,
  }),
  'reporting.getDeadlines': method({
    right: 'read',
    summary: 'The reporting deadlines per event class and level, the defaults marked, with the sources of the defaults.',
    params: z.strictObject({}),
    result: DeadlineTable,
  }),
  'reporting.saveDeadlines': method({
    right: 'settings.admin',
    actor: { param: 'by', is: 'id' },
    summary: 'Replace the deadlines of some class and level pairs (reset: back to the defaults for those pairs).',
    params: z.strictObject({
      rules: z.array(DeadlineRuleInput).max(16).default([]),
      reset: z
        .array(z.strictObject({ eventClass: EventClass, level: EventLevel }))
        .max(16)
        .default([]),
      by: ActorId,
    }),
    result: DeadlineTable,
  }),
  'reporting.exportDocx': method({
    right: 'read',
    summary: 'One version as the written report (突发事件信息报告) in .docx.',
    params: ExportParams,
    result: FileDownload,
  }),
  'reporting.exportPdf': method({
    right: 'read',
    summary: 'One version as the written report (突发事件信息报告) in PDF (needs the WenQuanYi Micro Hei font on the server).',
    params: ExportParams,
    result: FileDownload,
  }),
} as const;

// ---- events ---------------------------------------------------------------------------
export const reportingEvents = {
  'reporting.changed': event({
    right: 'read',
    // A street centre hears only its own street's incidents; the deadlines (no clock) concern every street.
    streetOf: (p) => p.clock?.street ?? null,
    summary:
      'A version was submitted, a report crossed its due time (alarm), or the deadlines changed (reportId null). Carries the clock (null when none) and the version just added.',
    payload: z.object({
      change: z.enum(['submitted', 'alarm', 'deadlines']),
      reportId: EntityId.nullable(),
      clock: ReportClock.nullable(),
      filing: Filing.nullable(),
    }),
  }),
} as const;
