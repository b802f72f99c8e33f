// Duty (应急值守): the people of the duty room, their shifts (the roster), handover between
// shifts, and the duty log of incoming reports (值班日志, 接报).
//
// Times are epoch milliseconds; "local" means China Standard Time (UTC+08:00, see yuexiu.ts).
// Every change that is kept in a history names who made it: `by` is the id of a person in
// duty.listPeople (their name is copied into the history, so renaming a person later does not
// rewrite it), and the caller's transport peer is recorded beside it.
//
// ROSTER RULES (checked by the core; a refusal is a JSON-RPC -32000 error whose message names the
// shift, person and hour, and whose data.violations lists them for the UI):
//  1. Double booking: nobody has two shifts that overlap. Always checked.
//  2. Rest: nobody works more than 24 hours without a break. Shifts of one person separated by
//     less than MIN_BREAK_HOURS (8 h) count as one stretch; a stretch, from its first start to
//     its last end, may last at most MAX_STRETCH_HOURS (24 h). Always checked.
//  3. Past: a shift that has started (start ≤ now) is history. It can be changed, removed, or
//     a new one created in the past, only as a correction: `correction: { reason }`. Every
//     version of every shift is kept (duty.listShiftHistory), corrections marked with their reason.
//  4. Coverage: every hour has a 带班领导 (leader) and at least one 值班员 (officer) on duty.
//     A roster is built incrementally, so coverage is enforced per published month: a month is
//     published with duty.publishMonth, which is refused while any gap remains (listing them);
//     once published, every change whose hours fall in that month must leave those hours
//     covered. In months not yet published, changes are accepted and duty.checkCoverage reports
//     the gaps. 值班长 (chief) and 技术保障 (tech) shifts do not count towards coverage.
import { z } from 'zod';
import { event, method } from './define';
import type { Role } from './rights';
import { ActorId, EntityId, FileBase64, FileDownload, MAX_TIMESTAMP, Timestamp, type Label } from './primitives';
import { Coordinates, LocalDate, LocalMonth, monthRange, StreetName, weekRange, type TimeRange } from './yuexiu';

// ---- primitives ----------------------------------------------------------------------
// They live in primitives.ts. Re-exported here only for files outside the contract that still
// import them from duty.ts (src-renderer, core/warnings/cap.ts, tests/unit/duty); new code imports
// primitives.ts.
export { ActorId, EntityId, FileBase64, FileDownload, MAX_FILE_BASE64_BYTES, MAX_FILE_BYTES, MAX_TIMESTAMP, Timestamp, type Label } from './primitives';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ---- people --------------------------------------------------------------------------
export const DutyRole = z.enum(['leader', 'chief', 'officer', 'tech']);
export type DutyRole = z.infer<typeof DutyRole>;
// Compile-time: every DutyRole is a sign-in Role (rights.ts): the roster's people sign in with their duty role.
const dutyRolesAreRoles: DutyRole extends Role ? true : never = true;
void dutyRolesAreRoles;
export const DUTY_ROLE_LABELS: Record<DutyRole, Label> = {
  leader: { zh: '带班领导', en: 'Leader on duty' },
  chief: { zh: '值班长', en: 'Duty chief' },
  officer: { zh: '值班员', en: 'Duty officer' },
  tech: { zh: '技术保障', en: 'Technical support' },
};

export const PersonInput = z.strictObject({
  /** Omit to create; give to update that person. */
  id: EntityId.optional(),
  /** Unique among people (the roster workbook matches people by name). */
  name: z.string().trim().min(1, 'a person needs a name').max(20),
  /** Their usual role; a shift may book them in another. */
  role: DutyRole,
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 -]{2,19}$/, 'a phone number is digits, spaces and dashes (3–20)'),
  unit: z.string().trim().min(1, 'a person needs a unit').max(60),
  /** Inactive people stay in the history but cannot be booked. */
  active: z.boolean().default(true),
});
export type PersonInput = z.input<typeof PersonInput>;

export const Person = z.object({
  id: EntityId,
  name: z.string(),
  role: DutyRole,
  phone: z.string(),
  unit: z.string(),
  active: z.boolean(),
  /** Part of the embedded demo set (演示数据). */
  demo: z.boolean(),
});
export type Person = z.infer<typeof Person>;

/** A person as named in a record (their name when it was written). */
export const PersonRef = z.object({ id: EntityId, name: z.string(), role: DutyRole });
export type PersonRef = z.infer<typeof PersonRef>;

// ---- shifts and the roster -----------------------------------------------------------
export const MIN_BREAK_HOURS = 8;
export const MAX_STRETCH_HOURS = 24;

const MINUTE_MS = 60_000;
const onMinute = (t: number): boolean => t % MINUTE_MS === 0;

export const ShiftInput = z
  .strictObject({
    /** Omit to create; give to change that shift. */
    id: EntityId.optional(),
    personId: EntityId,
    /** The post filled; defaults to the person's role. */
    role: DutyRole.optional(),
    start: Timestamp.refine(onMinute, 'a shift starts on a whole minute'),
    end: Timestamp.refine(onMinute, 'a shift ends on a whole minute'),
    note: z.string().trim().max(200).default(''),
  })
  .superRefine((s, ctx) => {
    if (s.end <= s.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'a shift ends after it starts' });
    else if (s.end - s.start > MAX_STRETCH_HOURS * 3600_000)
      ctx.addIssue({ code: 'custom', path: ['end'], message: `a shift lasts at most ${MAX_STRETCH_HOURS} hours` });
  });
export type ShiftInput = z.input<typeof ShiftInput>;

export const Shift = z.object({
  id: EntityId,
  personId: EntityId,
  role: DutyRole,
  start: Timestamp,
  end: Timestamp,
  note: z.string(),
  /** The shift has been changed at least once as a correction (see duty.listShiftHistory). */
  corrected: z.boolean(),
  demo: z.boolean(),
  /** The booked person, as they are now. */
  person: z.object({ name: z.string(), phone: z.string(), unit: z.string() }),
});
export type Shift = z.infer<typeof Shift>;

/**
 * A month or week whose start or (exclusive) end is no Timestamp: 1970-01 in UTC+08:00 begins
 * before the epoch, 9999-12 ends in the year 10000.
 */
const inTimestamps = (r: TimeRange): boolean => r.from >= 0 && r.to <= MAX_TIMESTAMP;
const PERIOD_MESSAGE = 'a period lies between 1970-01-01 08:00 and 9999-12-31 (China Standard Time)';

/** A stretch of time: a calendar month, the week containing a date, or an explicit range. */
export const RosterPeriod = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('month'), month: LocalMonth.refine((m) => inTimestamps(monthRange(m)), PERIOD_MESSAGE) }),
  z.strictObject({
    kind: z.literal('week'),
    /** Any date in the week (Monday to Sunday). */ date: LocalDate.refine((d) => inTimestamps(weekRange(d)), PERIOD_MESSAGE),
  }),
  z
    .strictObject({ kind: z.literal('range'), from: Timestamp, to: Timestamp })
    .refine((r) => r.to > r.from, { message: 'a range ends after it starts', path: ['to'] })
    .refine((r) => r.to - r.from <= 93 * 86_400_000, { message: 'a range spans at most 93 days', path: ['to'] }),
]);
export type RosterPeriod = z.infer<typeof RosterPeriod>;

export const Roster = z.object({
  from: Timestamp,
  to: Timestamp,
  /** Every shift overlapping the period, by start time. */
  shifts: z.array(Shift),
  /** The people those shifts book, plus every active person (for pickers). */
  people: z.array(Person),
  /** Months ("YYYY-MM") overlapping the period that are published (coverage enforced). */
  publishedMonths: z.array(LocalMonth),
});
export type Roster = z.infer<typeof Roster>;

export const CoverageRole = z.enum(['leader', 'officer']);
export const CoverageGap = z.object({
  /** The role with nobody on duty. */
  role: CoverageRole,
  from: Timestamp,
  to: Timestamp,
  /** Human-readable, e.g. "no 带班领导 (leader on duty) 2025-06-03 14:00–16:00". */
  message: z.string(),
});
export type CoverageGap = z.infer<typeof CoverageGap>;

export const Coverage = z.object({
  from: Timestamp,
  to: Timestamp,
  complete: z.boolean(),
  gaps: z.array(CoverageGap),
});
export type Coverage = z.infer<typeof Coverage>;

export const OnDuty = z.object({
  at: Timestamp,
  /** Shifts running at `at`, by role then start. */
  current: z.array(Shift),
  /** For each role, the shift(s) starting soonest after `at` (and not running at `at`). */
  next: z.array(Shift),
  /** When the answer changes next (a current shift ends or a next one starts); re-ask then. */
  validUntil: Timestamp.nullable(),
});
export type OnDuty = z.infer<typeof OnDuty>;

const ShiftSnapshot = z.object({ personId: EntityId, personName: z.string(), role: DutyRole, start: Timestamp, end: Timestamp, note: z.string() });

export const ShiftHistoryEntry = z.object({
  shiftId: EntityId,
  at: Timestamp,
  kind: z.enum(['created', 'changed', 'removed']),
  /** How the change came: a form (changeShifts), a workbook import, or the demo set. */
  via: z.enum(['edit', 'import', 'demo']),
  /** A marked correction of a shift that had started, with its reason. */
  correction: z.boolean(),
  reason: z.string(),
  before: ShiftSnapshot.nullable(),
  after: ShiftSnapshot.nullable(),
  by: PersonRef,
  peer: z.string(),
});
export type ShiftHistoryEntry = z.infer<typeof ShiftHistoryEntry>;

/** One broken roster rule, for the UI to highlight (the error message says the same in words). */
export const RosterViolation = z.object({
  rule: z.enum(['double-booking', 'rest', 'past', 'coverage', 'inactive', 'unknown']),
  message: z.string(),
  shiftIds: z.array(z.string()),
  personId: z.string().optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
});
export type RosterViolation = z.infer<typeof RosterViolation>;

export const PublishedMonth = z.object({ month: LocalMonth, publishedAt: Timestamp, by: PersonRef });

// ---- handover (交接班) --------------------------------------------------------------
export const HandoverItem = z.strictObject({
  text: z.string().trim().min(1, 'an open item needs text').max(500),
  /** The duty log entry it is about, if any. */
  reportId: EntityId.optional(),
  /** What it is about: a report not closed, an active plan response, a warning in force, or a note (default). */
  kind: z.enum(['report', 'response', 'warning', 'note']).optional(),
  /** The active plan response it is about (kind 'response'). */
  responseId: EntityId.optional(),
  /** The warning in force it is about (kind 'warning'). */
  warningId: EntityId.optional(),
  /** Lines under it: a response's overdue actions with their due times, a warning's headline. */
  details: z.array(z.string().trim().min(1).max(300)).max(50).optional(),
});
export type HandoverItem = z.infer<typeof HandoverItem>;

export const HandoverStatus = z.enum(['pending', 'confirmed', 'cancelled']);
export const Handover = z.object({
  id: EntityId,
  outgoing: PersonRef,
  incoming: PersonRef,
  /** The outgoing officer's notes. */
  notes: z.string(),
  /** Open items carried over to the incoming officer. */
  openItems: z.array(HandoverItem),
  status: HandoverStatus,
  /** When the outgoing officer handed over. */
  handedOverAt: Timestamp,
  /** When the incoming officer confirmed. */
  confirmedAt: Timestamp.nullable(),
  confirmNote: z.string(),
  cancelledAt: Timestamp.nullable(),
  cancelReason: z.string(),
  demo: z.boolean(),
});
export type Handover = z.infer<typeof Handover>;

// ---- the duty log (值班日志, 接报) --------------------------------------------------
export const ReportSource = z.enum(['hotline-12345', 'transfer-110', 'transfer-119', 'transfer-120', 'street', 'sensor', 'superior', 'other']);
export type ReportSource = z.infer<typeof ReportSource>;
export const REPORT_SOURCE_LABELS: Record<ReportSource, Label> = {
  'hotline-12345': { zh: '12345热线', en: '12345 hotline' },
  'transfer-110': { zh: '110转警', en: '110 transfer' },
  'transfer-119': { zh: '119转警', en: '119 transfer' },
  'transfer-120': { zh: '120转警', en: '120 transfer' },
  street: { zh: '街道报告', en: 'Street report' },
  sensor: { zh: '感知设备', en: 'Sensor' },
  superior: { zh: '上级通知', en: 'Superior notice' },
  other: { zh: '其他', en: 'Other' },
};

// Twin in shape of contract/replay.ts ReplayEventKind (an enum one value a line); other values, kept apart on purpose.
export const ReportCategory = z.enum([
  'fire',
  'flood',
  'geological',
  'traffic',
  'construction',
  'hazchem',
  'building',
  'public-health',
  'environment',
  'other',
]);
export type ReportCategory = z.infer<typeof ReportCategory>;
// A label table like contract/reporting.ts FILING_KIND_LABELS and EVENT_CLASS_LABELS: same shape, other words; kept apart on purpose.
export const REPORT_CATEGORY_LABELS: Record<ReportCategory, Label> = {
  fire: { zh: '火灾', en: 'Fire' },
  flood: { zh: '洪涝内涝', en: 'Flood and waterlogging' },
  geological: { zh: '地质灾害', en: 'Geological' },
  traffic: { zh: '交通事故', en: 'Traffic' },
  construction: { zh: '建筑施工', en: 'Construction' },
  hazchem: { zh: '危险化学品', en: 'Hazardous chemicals' },
  building: { zh: '房屋安全', en: 'Building safety' },
  'public-health': { zh: '公共卫生', en: 'Public health' },
  environment: { zh: '生态环境', en: 'Environment' },
  other: { zh: '其他', en: 'Other' },
};

export const Severity = z.enum(['low', 'medium', 'high', 'critical']);
export type Severity = z.infer<typeof Severity>;
export const SEVERITY_LABELS: Record<Severity, Label> = {
  low: { zh: '低', en: 'Low' },
  medium: { zh: '中', en: 'Medium' },
  high: { zh: '高', en: 'High' },
  critical: { zh: '紧急', en: 'Critical' },
};

export const ReportStatus = z.enum(['new', 'verifying', 'handling', 'closed']);
export type ReportStatus = z.infer<typeof ReportStatus>;
export const REPORT_STATUS_LABELS: Record<ReportStatus, Label> = {
  new: { zh: '新接报', en: 'New' },
  verifying: { zh: '核实中', en: 'Verifying' },
  handling: { zh: '处置中', en: 'Handling' },
  closed: { zh: '已办结', en: 'Closed' },
};
/**
 * The status changes duty.setReportStatus allows: forward only, and a report found false while
 * verifying may be closed directly. Escalation (plans.activate with a reportId) moves a new or
 * verifying report to handling by itself. A closed report stays closed.
 */
export const REPORT_TRANSITIONS: Record<ReportStatus, readonly ReportStatus[]> = {
  new: ['verifying'],
  verifying: ['handling', 'closed'],
  handling: ['closed'],
  closed: [],
};

const reportFields = {
  /** When the report came in (not in the future). */
  receivedAt: Timestamp,
  source: ReportSource,
  category: ReportCategory,
  street: StreetName,
  /** Where, in words (address, landmark). */
  location: z.string().trim().min(1, 'a report needs a location').max(200),
  /** WGS84, checked to lie in Yuexiu; null when unknown. */
  coordinates: Coordinates.nullable(),
  summary: z.string().trim().min(1, 'a report needs a summary').max(2000),
  severity: Severity,
  /** Who called, and how to call back (free text). */
  caller: z.string().trim().max(100),
};

export const ReportInput = z.strictObject({
  ...reportFields,
  coordinates: reportFields.coordinates.default(null),
  caller: reportFields.caller.default(''),
});
export type ReportInput = z.input<typeof ReportInput>;

/** Fields to change in a report; the others keep their values (no defaults apply). */
export const ReportPatch = z
  .strictObject(reportFields)
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'the patch changes nothing' });
export type ReportPatch = z.infer<typeof ReportPatch>;

export const Report = z.object({
  id: EntityId,
  receivedAt: Timestamp,
  source: ReportSource,
  category: ReportCategory,
  street: StreetName,
  location: z.string(),
  coordinates: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  summary: z.string(),
  severity: Severity,
  caller: z.string(),
  status: ReportStatus,
  recordedBy: PersonRef,
  recordedAt: Timestamp,
  /** Last change of any kind. */
  updatedAt: Timestamp,
  /** Plan responses this report was escalated into or linked to (plans.getResponse). */
  responseIds: z.array(EntityId),
  demo: z.boolean(),
});
export type Report = z.infer<typeof Report>;

export const ReportEvent = z.object({
  at: Timestamp,
  by: PersonRef,
  peer: z.string(),
  /** 'filed': a version of its written report (首报/续报/终报, reporting.submit) was submitted; the note says which, with its figures. */
  kind: z.enum(['recorded', 'status', 'updated', 'escalated', 'linked', 'filed']),
  /** For status changes and escalation. */
  from: ReportStatus.nullable(),
  to: ReportStatus.nullable(),
  note: z.string(),
  /** For 'updated': the fields changed; for 'escalated'/'linked': the response id. */
  fields: z.array(z.string()),
  responseId: EntityId.nullable(),
});
export type ReportEvent = z.infer<typeof ReportEvent>;

export const ReportDetail = Report.extend({ history: z.array(ReportEvent) });
export type ReportDetail = z.infer<typeof ReportDetail>;

export const OpenReportCounts = z.object({ new: z.number().int(), verifying: z.number().int(), handling: z.number().int() });

// ---- first run and demo --------------------------------------------------------------
export const DataStatus = z.object({
  /** No people, shifts, reports, handovers, plans, drills or responses: a first run. */
  empty: z.boolean(),
  counts: z.object({
    people: z.number().int(),
    shifts: z.number().int(),
    reports: z.number().int(),
    handovers: z.number().int(),
    plans: z.number().int(),
    drills: z.number().int(),
    responses: z.number().int(),
  }),
  /** Some records are from the embedded demo set (演示数据). */
  demo: z.boolean(),
});
export type DataStatus = z.infer<typeof DataStatus>;

// ---- methods -------------------------------------------------------------------------
const ReportFilter = {
  from: Timestamp.optional().describe('received at or after'),
  to: Timestamp.optional().describe('received before'),
  status: z.array(ReportStatus).max(4).optional(),
  street: StreetName.optional(),
  category: ReportCategory.optional(),
};

// One entry per method, each of the same shape (define.ts): the likeness between method tables is the
// declaration itself, kept on purpose (the `duplicates` tool lists it as a twin).
export const dutyMethods = {
  // people
  'duty.listPeople': method({
    right: 'read',
    summary: 'Everyone in the duty room (active and inactive), by role then name.',
    params: z.strictObject({}),
    result: z.array(Person),
  }),
  'duty.savePerson': method({
    right: 'duty.write',
    summary:
      'Create a person (no id) or replace one’s record (id; give every field). Names are unique. Inactive people cannot be booked or act; people are never deleted.',
    params: z.strictObject({ person: PersonInput }),
    result: Person,
  }),

  // roster
  'duty.getRoster': method({
    right: 'read',
    summary: 'The roster of a month, a week or a range: every overlapping shift with its person.',
    params: z.strictObject({ period: RosterPeriod }),
    result: Roster,
  }),
  'duty.getOnDuty': method({
    right: 'read',
    summary: 'Who is on duty now (or at `at`) and the next shift of each role (今日值班). Re-ask at validUntil.',
    params: z.strictObject({ at: Timestamp.optional() }),
    result: OnDuty,
  }),
  'duty.changeShifts': method({
    right: 'duty.write',
    actor: { param: 'by', is: 'id' },
    summary:
      'Create, change (put) and remove shifts as one change, checked against every roster rule (see the file header). Shifts that have started change only with `correction`.',
    params: z
      .strictObject({
        put: z.array(ShiftInput).max(500).default([]),
        remove: z.array(EntityId).max(500).default([]),
        by: ActorId,
        /** Required when any shift touched has started (start ≤ now): a marked correction. */
        correction: z.strictObject({ reason: z.string().trim().min(2, 'a correction needs a reason').max(500) }).optional(),
      })
      .refine((p) => p.put.length + p.remove.length > 0, { message: 'nothing to change: give put or remove', path: ['put'] }),
    result: z.object({ shifts: z.array(Shift), removed: z.array(EntityId) }),
  }),
  'duty.listShiftHistory': method({
    right: 'read',
    summary: 'Every version of a shift, or of all shifts touching a period (newest first); corrections are marked with their reason.',
    params: z
      .strictObject({ shiftId: EntityId.optional(), period: RosterPeriod.optional(), correctionsOnly: z.boolean().default(false) })
      .refine((p) => (p.shiftId === undefined) !== (p.period === undefined), { message: 'give either shiftId or period', path: ['shiftId'] }),
    result: z.array(ShiftHistoryEntry),
  }),
  'duty.checkCoverage': method({
    right: 'read',
    summary: 'Gaps in a period where no 带班领导 or no 值班员 is on duty.',
    params: z.strictObject({ period: RosterPeriod }),
    result: Coverage,
  }),
  'duty.publishMonth': method({
    right: 'duty.write',
    actor: { param: 'by', is: 'id' },
    summary: 'Publish a month’s roster: refused while it has coverage gaps; afterwards every change must keep its hours covered.',
    params: z.strictObject({ month: LocalMonth, by: ActorId }),
    result: PublishedMonth,
  }),
  'duty.unpublishMonth': method({
    right: 'duty.write',
    actor: { param: 'by', is: 'id' },
    summary: 'Take a month back to draft (coverage no longer enforced on change), with a reason kept in the roster history.',
    params: z.strictObject({ month: LocalMonth, by: ActorId, reason: z.string().trim().min(2).max(500) }),
    result: z.object({ month: LocalMonth }),
  }),
  'duty.importRoster': method({
    right: 'duty.write',
    actor: { param: 'by', is: 'id' },
    summary:
      'Import shifts from an .xlsx workbook (sheet 排班表; columns 编号, 姓名, 角色, 电话, 单位, 开始时间, 结束时间, 备注, as duty.exportRoster writes them). Rows with a 编号 change that shift, rows without one add a shift; unknown names become people (电话 and 单位 needed). Times are local. Checked by the roster rules like any change. All or nothing: a refusal (-32000) names every bad row, column and reason in its message and in data.problems [{ row, column, reason: { zh, en } }], and writes nothing.',
    params: z.strictObject({ fileBase64: FileBase64, by: ActorId }),
    result: z.object({
      created: z.number().int(),
      updated: z.number().int(),
      /** Rows with a 编号 that change nothing (e.g. the past part of a re-imported export). */
      unchanged: z.number().int(),
      peopleCreated: z.number().int(),
    }),
  }),
  'duty.exportRoster': method({
    right: 'read',
    summary: 'The roster of a period as an .xlsx workbook, in the layout duty.importRoster reads.',
    params: z.strictObject({ period: RosterPeriod }),
    result: FileDownload,
  }),

  // handover
  'duty.getHandoverDraft': method({
    right: 'read',
    summary:
      'A starting point for a handover: the suggested incoming person (next shift of the same role) and open items (reports not closed, active plan responses with their overdue actions, warnings in force, items still carried).',
    params: z.strictObject({ outgoingId: EntityId }),
    result: z.object({ incoming: PersonRef.nullable(), openItems: z.array(HandoverItem) }),
  }),
  'duty.handOver': method({
    right: 'duty.write',
    actor: { param: 'outgoingId', is: 'id' },
    summary: 'The outgoing officer (the acting person) hands over: notes and open items carried to the incoming officer, who must then confirm.',
    params: z.strictObject({
      outgoingId: EntityId,
      incomingId: EntityId,
      notes: z.string().trim().max(4000).default(''),
      openItems: z.array(HandoverItem).max(100).default([]),
    }),
    result: Handover,
  }),
  'duty.confirmHandover': method({
    right: 'duty.write',
    actor: { param: 'by', is: 'id' },
    summary: 'The incoming officer confirms a pending handover (only the person it was handed to).',
    params: z.strictObject({ id: EntityId, by: ActorId, note: z.string().trim().max(2000).default('') }),
    result: Handover,
  }),
  'duty.cancelHandover': method({
    right: 'duty.write',
    actor: { param: 'by', is: 'id' },
    summary: 'The outgoing officer withdraws a pending handover (e.g. handed to the wrong person), with a reason.',
    params: z.strictObject({ id: EntityId, by: ActorId, reason: z.string().trim().min(2).max(500) }),
    result: Handover,
  }),
  'duty.listHandovers': method({
    right: 'read',
    summary: 'Handovers, newest first.',
    params: z.strictObject({ status: HandoverStatus.optional(), limit: z.number().int().min(1).max(200).default(20) }),
    result: z.array(Handover),
  }),

  // the duty log
  'duty.recordReport': method({
    // duty.report, not duty.write: a street centre records reports for its own street only (marked 'street').
    right: 'duty.report',
    street: { param: 'report.street', mark: { 'report.source': 'street' } },
    actor: { param: 'by', is: 'id' },
    summary: 'Record an incoming report (接报) in the duty log; it starts as new.',
    params: z.strictObject({ report: ReportInput, by: ActorId }),
    result: Report,
  }),
  'duty.saveReport': method({
    right: 'duty.write',
    actor: { param: 'by', is: 'id' },
    summary: 'Correct the details of a report that is not closed; the changed fields are kept in its history.',
    params: z.strictObject({ id: EntityId, patch: ReportPatch, by: ActorId, note: z.string().trim().max(500).default('') }),
    result: Report,
  }),
  'duty.setReportStatus': method({
    right: 'duty.write',
    actor: { param: 'by', is: 'id' },
    summary: 'Move a report along new → verifying → handling → closed (REPORT_TRANSITIONS); time-stamped and attributed.',
    params: z.strictObject({ id: EntityId, status: ReportStatus, by: ActorId, note: z.string().trim().max(2000).default('') }),
    result: Report,
  }),
  'duty.listReports': method({
    right: 'read',
    summary: 'Duty log entries, newest received first, with optional filters.',
    params: z.strictObject({ ...ReportFilter, limit: z.number().int().min(1).max(500).default(50) }),
    result: z.object({ reports: z.array(Report), openCounts: OpenReportCounts }),
  }),
  'duty.getReport': method({
    right: 'read',
    summary: 'One report with its full history.',
    params: z.strictObject({ id: EntityId }),
    result: ReportDetail,
  }),
  'duty.exportLog': method({
    right: 'read',
    summary: 'The duty log of a period as an .xlsx workbook (sheet 值班日志, and 处理记录 with every change).',
    params: z
      .strictObject({ ...ReportFilter, from: Timestamp, to: Timestamp })
      .refine((p) => p.to > p.from, { message: 'to must be after from', path: ['to'] })
      .refine((p) => p.to - p.from <= 400 * 86_400_000, { message: 'export at most 400 days at a time', path: ['to'] }),
    result: FileDownload,
  }),
  'duty.exportShiftReport': method({
    right: 'read',
    summary:
      'The printed shift report (值班记录 · 交接班报告) of a period as PDF: this centre, the people on duty, the handovers, each report with its handling history (every change, who and when), the plan responses running with their actions and times, the warnings in force, page numbers and signature lines.',
    params: z
      .strictObject({ from: Timestamp, to: Timestamp })
      .refine((p) => p.to > p.from, { message: 'to must be after from', path: ['to'] })
      .refine((p) => p.to - p.from <= 31 * 86_400_000, { message: 'a shift report covers at most 31 days', path: ['to'] }),
    result: FileDownload,
  }),

  // first run
  'duty.getDataStatus': method({
    right: 'read',
    summary: 'Whether the store holds any duty or plan data (first run), and whether demo data is loaded.',
    params: z.strictObject({}),
    result: DataStatus,
  }),
  'duty.loadDemo': method({
    right: 'settings.admin',
    summary:
      'Load the embedded demo set (演示数据) for duty and plans: people, this month’s roster, reports, ~40 plans, drills, an active 三防 response. Only into an empty store.',
    params: z.strictObject({}),
    result: DataStatus,
  }),
} as const;

// ---- events ---------------------------------------------------------------------------
// Payloads carry what the wall panels show without a second call: the changed record plus the
// panel's summary (on-duty now, open-report counts). A panel opened later asks once with the
// matching read method, then keeps itself current from these events.
export const dutyEvents = {
  'duty.rosterChanged': event({
    right: 'read',
    summary: 'People or shifts changed (or a month was published). Carries who is on duty now.',
    payload: z.object({
      /** handover: a confirmed handover put the incoming officer on duty in the outgoing one's place. */
      reason: z.enum(['shifts', 'people', 'publish', 'import', 'demo', 'handover']),
      /** The time span whose shifts changed, if any: rosters showing it should re-read. */
      range: z.object({ from: Timestamp, to: Timestamp }).nullable(),
      onDuty: OnDuty,
    }),
  }),
  'duty.logChanged': event({
    right: 'read',
    summary: 'A report was recorded or changed. Carries the report (null for a bulk change) and the open counts.',
    payload: z.object({
      change: z.enum(['recorded', 'updated', 'status', 'escalated', 'linked', 'demo']),
      report: Report.nullable(),
      openCounts: OpenReportCounts,
    }),
  }),
  'duty.handoverChanged': event({
    right: 'read',
    summary: 'A handover was made, confirmed or cancelled.',
    payload: z.object({ handover: Handover.nullable() }),
  }),
} as const;
