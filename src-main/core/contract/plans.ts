// Plans (预案管理): the plan library, live responses (activations with their checklists and
// timelines), drills (演练) and the two KPIs of the seed plan: the plan revision rate and the
// drill execution rate, both with a target of 100%.
//
// Semantics the core keeps (the UI can rely on them):
//  - A plan has up to four response levels, Ⅰ (most severe) to Ⅳ, each with its actions: text,
//    responsible unit, time limit in minutes.
//  - A plan is "revised within its period" while today ≤ revisedOn + revisionPeriodMonths
//    (revisionDueOn). Revision rate = such plans / all plans not archived.
//  - Drill execution rate for a year = drills held / drills planned on a date of that year up to
//    today (a drill planned for later in the year is not yet due). A drill is held when heldOn
//    is set. No drills due: the rate is null (shown as "—").
//  - plans.activate makes a response from a plan and a level. Each action of the level becomes a
//    checklist item, due at (the moment it entered the checklist) + its time limit. An item still
//    pending or in progress after its due time is overdue (computed at read time; payloads carry
//    dueAt so a panel recomputes between events with its own clock).
//  - Changing the level adds the new level's actions that are not already on the checklist (same
//    text and unit), due from the moment of the change; items already there stay as they are.
//  - A plan has at most one active response. Escalating a duty report (duty.recordReport) is
//    plans.activate with its reportId: both sides are linked, and a new or verifying report
//    moves to handling. Further reports join an active response with plans.linkReport.
//  - Every change to a response appends to its timeline; a closed response no longer changes.
//  - Attachments are stored in the data directory by content hash (sha256) and written durably
//    before the library records them.
import { z } from 'zod';
import { event, method } from './define';
import { PersonRef } from './duty';
import { ActorId, EntityId, FileBase64, Timestamp, type Label } from './primitives';
import { LocalDate, StreetName } from './yuexiu';

// ---- vocabulary ----------------------------------------------------------------------
// The plan library's categories (三防 first). They share words with the duty log's report categories
// (contract/duty.ts) but not meaning: a report says what happened, a plan what it prepares for.
// Written one value a line like contract/replay.ts ReplayEventKind: same shape, other values; kept apart on purpose.
export const PlanCategory = z.enum([
  'sanfang',
  'fire',
  'hazchem',
  'geological',
  'traffic',
  'construction',
  'building-collapse',
  'public-health',
  'environment',
  'other',
]);
export type PlanCategory = z.infer<typeof PlanCategory>;
export const PLAN_CATEGORY_LABELS: Record<PlanCategory, Label> = {
  sanfang: { zh: '三防（防汛防旱防风防冻）', en: 'Flood, drought, wind and freeze' },
  fire: { zh: '火灾', en: 'Fire' },
  hazchem: { zh: '危险化学品', en: 'Hazardous chemicals' },
  geological: { zh: '地质灾害', en: 'Geological hazards' },
  traffic: { zh: '道路交通', en: 'Traffic' },
  construction: { zh: '建筑施工', en: 'Construction' },
  'building-collapse': { zh: '房屋倒塌', en: 'Building collapse' },
  'public-health': { zh: '公共卫生', en: 'Public health' },
  environment: { zh: '生态环境', en: 'Environment' },
  other: { zh: '其他', en: 'Other' },
};

export const PlanLevel = z.enum(['district', 'street', 'department', 'enterprise', 'community']);
export type PlanLevel = z.infer<typeof PlanLevel>;
// A label table like contract/reporting.ts EVENT_CLASS_LABELS: same shape, other words; kept apart on purpose.
export const PLAN_LEVEL_LABELS: Record<PlanLevel, Label> = {
  district: { zh: '区级', en: 'District' },
  street: { zh: '街道级', en: 'Street' },
  department: { zh: '部门', en: 'Department' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  community: { zh: '社区（一页纸）', en: 'Community one-page' },
};

/** Ⅰ is the most severe, Ⅳ the least. */
export const ResponseLevel = z.enum(['I', 'II', 'III', 'IV']);
export type ResponseLevel = z.infer<typeof ResponseLevel>;
export const RESPONSE_LEVEL_LABELS: Record<ResponseLevel, Label> = {
  I: { zh: 'Ⅰ级（特别重大）', en: 'Level I (most severe)' },
  II: { zh: 'Ⅱ级（重大）', en: 'Level II (severe)' },
  III: { zh: 'Ⅲ级（较大）', en: 'Level III (serious)' },
  IV: { zh: 'Ⅳ级（一般）', en: 'Level IV (general)' },
};
/** Higher is more severe: compare levels with this. */
export const RESPONSE_LEVEL_RANK: Record<ResponseLevel, number> = { I: 4, II: 3, III: 2, IV: 1 };
/**
 * Level Ⅰ/Ⅱ: activating a response at it, or raising one to it, needs plans.activateMajor
 * (rights.ts). Working a response already at Ⅰ/Ⅱ (ticking, notes, closing) needs plans.activate:
 * the method's params do not say the response's level.
 */
export const isMajorLevel = (level: ResponseLevel): boolean => RESPONSE_LEVEL_RANK[level] >= RESPONSE_LEVEL_RANK.II;

export const ActionStatus = z.enum(['pending', 'in_progress', 'done', 'na']);
export type ActionStatus = z.infer<typeof ActionStatus>;
export const ACTION_STATUS_LABELS: Record<ActionStatus, Label> = {
  pending: { zh: '待办', en: 'Pending' },
  in_progress: { zh: '进行中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  na: { zh: '不适用', en: 'Not applicable' },
};

// ---- the plan library ----------------------------------------------------------------
export const PlanAction = z.strictObject({
  text: z.string().trim().min(1, 'an action needs text').max(300),
  /** The unit responsible (责任单位). */
  unit: z.string().trim().min(1, 'an action needs a responsible unit').max(60),
  /** Minutes from activation (or level change) until it is due. */
  timeLimitMinutes: z.number().int().min(1).max(10_080),
});
export type PlanAction = z.infer<typeof PlanAction>;

export const PlanResponseLevel = z.strictObject({
  level: ResponseLevel,
  /** When this level is started (启动条件), in words. */
  trigger: z.string().trim().max(500).default(''),
  actions: z.array(PlanAction).min(1, 'a response level needs at least one action').max(60),
});
export type PlanResponseLevel = z.infer<typeof PlanResponseLevel>;

export const PlanInput = z
  .strictObject({
    /** Omit to create; give to change that plan. */
    id: EntityId.optional(),
    title: z.string().trim().min(2, 'a plan needs a title').max(80),
    category: PlanCategory,
    level: PlanLevel,
    /** The street a street or community plan belongs to. */
    street: StreetName.nullable().default(null),
    ownerUnit: z.string().trim().min(1, 'a plan needs an owner unit').max(60),
    summary: z.string().trim().max(2000).default(''),
    /** e.g. "2024版" or "3.1". */
    version: z.string().trim().min(1, 'a plan needs a version').max(20),
    /** Date of the current revision. */
    revisedOn: LocalDate,
    /** Months after revisedOn by which the plan is to be revised again. */
    revisionPeriodMonths: z.number().int().min(1).max(120).default(36),
    responseLevels: z.array(PlanResponseLevel).min(1, 'a plan needs at least one response level').max(4),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.responseLevels.forEach((l, i) => {
      if (seen.has(l.level)) ctx.addIssue({ code: 'custom', path: ['responseLevels', i, 'level'], message: `response level ${l.level} is given twice` });
      seen.add(l.level);
    });
    if ((p.level === 'street' || p.level === 'community') && p.street === null)
      ctx.addIssue({ code: 'custom', path: ['street'], message: `a ${p.level} plan names its street` });
  });
export type PlanInput = z.input<typeof PlanInput>;

export const Attachment = z.object({
  /** Content hash, lower-case hex; the file is dataDir/attachments/<sha256>. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  name: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  addedAt: Timestamp,
  addedBy: PersonRef,
});
export type Attachment = z.infer<typeof Attachment>;

const planCommon = {
  id: EntityId,
  title: z.string(),
  category: PlanCategory,
  level: PlanLevel,
  street: StreetName.nullable(),
  ownerUnit: z.string(),
  version: z.string(),
  revisedOn: LocalDate,
  revisionPeriodMonths: z.number().int(),
  /** revisedOn + revisionPeriodMonths. */
  revisionDueOn: LocalDate,
  /** Today is past revisionDueOn: counts against the revision rate. */
  revisionOverdue: z.boolean(),
  archived: z.boolean(),
  /** The response running on this plan, if any. */
  activeResponseId: EntityId.nullable(),
  demo: z.boolean(),
  updatedAt: Timestamp,
};

export const PlanSummary = z.object({
  ...planCommon,
  /** The response levels the plan defines, most severe first. */
  levels: z.array(ResponseLevel),
  actionCount: z.number().int(),
  attachmentCount: z.number().int(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

export const Plan = z.object({
  ...planCommon,
  summary: z.string(),
  /** Most severe first. */
  responseLevels: z.array(
    z.object({
      level: ResponseLevel,
      trigger: z.string(),
      actions: z.array(z.object({ text: z.string(), unit: z.string(), timeLimitMinutes: z.number().int() })),
    }),
  ),
  attachments: z.array(Attachment),
  createdAt: Timestamp,
});
export type Plan = z.infer<typeof Plan>;

export const PlanRevision = z.object({
  at: Timestamp,
  by: PersonRef,
  kind: z.enum(['created', 'changed', 'archived', 'restored', 'attachment-added', 'attachment-removed']),
  version: z.string(),
  revisedOn: LocalDate,
  /** Why (archiving), or the attachment's name. */
  note: z.string(),
});
export type PlanRevision = z.infer<typeof PlanRevision>;

// ---- responses (activations) -----------------------------------------------------------
export const ResponseAction = z.object({
  id: EntityId,
  /** The response level whose actions brought it onto the checklist. */
  level: ResponseLevel,
  text: z.string(),
  unit: z.string(),
  timeLimitMinutes: z.number().int(),
  /** When it entered the checklist (activation or level change). */
  addedAt: Timestamp,
  /** addedAt + time limit. */
  dueAt: Timestamp,
  /** Who carries it out: the responsible unit until someone assigns a person or team. */
  owner: z.string(),
  status: ActionStatus,
  startedAt: Timestamp.nullable(),
  /** When it was done or set not applicable. */
  doneAt: Timestamp.nullable(),
  note: z.string(),
  updatedAt: Timestamp,
  updatedBy: PersonRef.nullable(),
  /** Pending or in progress past dueAt, as of the response's asOf. */
  overdue: z.boolean(),
});
export type ResponseAction = z.infer<typeof ResponseAction>;

export const ResponseStatus = z.enum(['active', 'closed']);

export const Response = z.object({
  id: EntityId,
  planId: EntityId,
  planTitle: z.string(),
  category: PlanCategory,
  level: ResponseLevel,
  status: ResponseStatus,
  activatedAt: Timestamp,
  activatedBy: PersonRef,
  closedAt: Timestamp.nullable(),
  closedBy: PersonRef.nullable(),
  /** The closing summary. */
  summary: z.string(),
  /** Duty reports escalated into or linked to it. */
  reportIds: z.array(EntityId),
  /** The checklist, in plan order (items added by a level change follow). */
  actions: z.array(ResponseAction),
  progress: z.object({
    total: z.number().int(),
    pending: z.number().int(),
    inProgress: z.number().int(),
    done: z.number().int(),
    na: z.number().int(),
    overdue: z.number().int(),
  }),
  /** The time overdue was computed at (server clock). */
  asOf: Timestamp,
  demo: z.boolean(),
});
export type Response = z.infer<typeof Response>;

export const TimelineEntry = z.object({
  at: Timestamp,
  by: PersonRef,
  peer: z.string(),
  kind: z.enum(['activated', 'action', 'level', 'note', 'report', 'closed']),
  /** The note, reason or summary given. */
  text: z.string(),
  /** For 'action': the checklist item. */
  actionId: EntityId.nullable(),
  /** For 'action' (status), 'level' (level): before and after; for 'report': the report id in `to`. */
  from: z.string().nullable(),
  to: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const ResponseDetail = Response.extend({ timeline: z.array(TimelineEntry) });
export type ResponseDetail = z.infer<typeof ResponseDetail>;

// ---- drills (演练) ---------------------------------------------------------------------
export const DrillInput = z.strictObject({
  /** Omit to create; give to change that drill. */
  id: EntityId.optional(),
  planId: EntityId,
  title: z.string().trim().max(80).default(''),
  plannedOn: LocalDate,
  /** Set when the drill was held (not in the future). */
  heldOn: LocalDate.nullable().default(null),
  /** Units and people taking part. */
  participants: z.string().trim().max(1000).default(''),
  participantCount: z.number().int().min(0).max(100_000).default(0),
  findings: z.string().trim().max(4000).default(''),
});
export type DrillInput = z.input<typeof DrillInput>;

export const Drill = z.object({
  id: EntityId,
  planId: EntityId,
  planTitle: z.string(),
  title: z.string(),
  plannedOn: LocalDate,
  heldOn: LocalDate.nullable(),
  participants: z.string(),
  participantCount: z.number().int(),
  findings: z.string(),
  /** held; overdue (planned date passed, not held); planned (still to come). */
  status: z.enum(['planned', 'held', 'overdue']),
  demo: z.boolean(),
  updatedAt: Timestamp,
  updatedBy: PersonRef,
});
export type Drill = z.infer<typeof Drill>;

// ---- KPIs (预案概况) -------------------------------------------------------------------
export const Kpis = z.object({
  /** The day the KPIs were computed for (local date). */
  asOf: LocalDate,
  revision: z.object({
    revised: z.number().int(),
    total: z.number().int(),
    /** revised / total, 0–1; null when there are no plans. */
    rate: z.number().nullable(),
    target: z.literal(1),
    /** Plans past their revision date, soonest overdue first (at most 50). */
    overdue: z.array(z.object({ id: EntityId, title: z.string(), revisionDueOn: LocalDate })),
  }),
  drills: z.object({
    year: z.number().int(),
    planned: z.number().int(),
    held: z.number().int(),
    rate: z.number().nullable(),
    target: z.literal(1),
    /** Drills of the year past their planned date and not held (at most 50). */
    overdue: z.array(z.object({ id: EntityId, planTitle: z.string(), plannedOn: LocalDate })),
  }),
  /** Plans not archived, per category. */
  plansByCategory: z.record(PlanCategory, z.number().int()),
});
export type Kpis = z.infer<typeof Kpis>;

// ---- methods -------------------------------------------------------------------------
// One entry per method, each of the same shape (define.ts): the likeness between method tables is the
// declaration itself, kept on purpose (the `duplicates` tool lists it as a twin).
export const planMethods = {
  // library
  'plans.list': method({
    right: 'read',
    summary: 'The plan library (summaries, without actions), by category then title, with optional filters.',
    params: z.strictObject({
      category: PlanCategory.optional(),
      level: PlanLevel.optional(),
      street: StreetName.optional(),
      /** Words in the title or owner unit. */
      q: z.string().trim().max(40).optional(),
      includeArchived: z.boolean().default(false),
    }),
    result: z.array(PlanSummary),
  }),
  'plans.get': method({
    right: 'read',
    summary: 'One plan in full: response levels with their actions, attachments.',
    params: z.strictObject({ id: EntityId }),
    result: Plan,
  }),
  'plans.save': method({
    right: 'plans.edit',
    actor: { param: 'by', is: 'id' },
    summary: 'Create a plan (no id) or save a new revision of one (id); every save is kept in plans.listRevisions.',
    params: z.strictObject({ plan: PlanInput, by: ActorId }),
    result: Plan,
  }),
  'plans.archive': method({
    right: 'plans.edit',
    actor: { param: 'by', is: 'id' },
    summary: 'Archive a plan (out of the library and the KPIs) or restore it; a plan with an active response cannot be archived.',
    params: z.strictObject({ id: EntityId, archived: z.boolean(), by: ActorId, reason: z.string().trim().min(2).max(500) }),
    result: Plan,
  }),
  'plans.listRevisions': method({
    right: 'read',
    summary: 'The history of a plan: creation, revisions, archiving, attachments; newest first.',
    params: z.strictObject({ id: EntityId }),
    result: z.array(PlanRevision),
  }),
  'plans.addAttachment': method({
    right: 'plans.edit',
    actor: { param: 'by', is: 'id' },
    summary: 'Attach a file to a plan (stored once by sha256 in the data directory, written durably first).',
    params: z.strictObject({
      planId: EntityId,
      name: z
        .string()
        .trim()
        .min(1)
        .max(120)
        .regex(/^[^/\\\0]+$/, 'a file name has no slashes'),
      mediaType: z
        .string()
        .trim()
        .regex(/^[a-z]+\/[a-z0-9.+-]+$/i, 'a media type looks like application/pdf')
        .max(100),
      fileBase64: FileBase64,
      by: ActorId,
    }),
    result: Plan,
  }),
  'plans.getAttachment': method({
    right: 'read',
    summary: 'The bytes of a plan’s attachment (checked against its hash).',
    params: z.strictObject({ planId: EntityId, sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 is 64 lower-case hex digits') }),
    result: z.object({ name: z.string(), mediaType: z.string(), size: z.number().int(), base64: z.string() }),
  }),
  'plans.removeAttachment': method({
    right: 'plans.edit',
    actor: { param: 'by', is: 'id' },
    summary: 'Detach a file from a plan (the stored file stays: other plans may share it).',
    params: z.strictObject({ planId: EntityId, sha256: z.string().regex(/^[0-9a-f]{64}$/), by: ActorId }),
    result: Plan,
  }),

  // responses
  'plans.activate': method({
    right: 'plans.activate',
    rightFor: (p) => (isMajorLevel(p.level) ? 'plans.activateMajor' : undefined),
    actor: { param: 'by', is: 'id' },
    summary: 'Start a response on a plan at a level: the level’s actions become a checklist. With reportId this escalates that duty report (linked both ways).',
    params: z.strictObject({
      planId: EntityId,
      level: ResponseLevel,
      by: ActorId,
      reportId: EntityId.optional(),
      note: z.string().trim().max(2000).default(''),
    }),
    result: ResponseDetail,
  }),
  'plans.linkReport': method({
    right: 'plans.activate',
    actor: { param: 'by', is: 'id' },
    summary: 'Link another duty report to an active response (both ways); a new or verifying report moves to handling.',
    params: z.strictObject({ responseId: EntityId, reportId: EntityId, by: ActorId }),
    result: Response,
  }),
  'plans.updateAction': method({
    right: 'plans.activate',
    actor: { param: 'by', is: 'id' },
    summary: 'Tick a checklist item: set its status, owner and/or note. Not applicable needs a note saying why.',
    params: z
      .strictObject({
        responseId: EntityId,
        actionId: EntityId,
        status: ActionStatus.optional(),
        owner: z.string().trim().min(1).max(60).optional(),
        note: z.string().trim().max(2000).optional(),
        by: ActorId,
      })
      .refine((p) => p.status !== undefined || p.owner !== undefined || p.note !== undefined, {
        message: 'nothing to change: give status, owner or note',
        path: ['status'],
      }),
    result: Response,
  }),
  'plans.changeLevel': method({
    right: 'plans.activate',
    rightFor: (p) => (isMajorLevel(p.level) ? 'plans.activateMajor' : undefined),
    actor: { param: 'by', is: 'id' },
    summary: 'Raise or lower a response’s level, with a reason; the new level’s actions join the checklist.',
    params: z.strictObject({ responseId: EntityId, level: ResponseLevel, reason: z.string().trim().min(2, 'give a reason').max(1000), by: ActorId }),
    result: Response,
  }),
  'plans.addNote': method({
    right: 'plans.activate',
    actor: { param: 'by', is: 'id' },
    summary: 'Add a free note to a response’s timeline.',
    params: z.strictObject({ responseId: EntityId, text: z.string().trim().min(1).max(2000), by: ActorId }),
    result: Response,
  }),
  'plans.close': method({
    right: 'plans.activate',
    actor: { param: 'by', is: 'id' },
    summary: 'Close a response with a summary; it no longer changes.',
    params: z.strictObject({ responseId: EntityId, summary: z.string().trim().min(2, 'a closing summary is required').max(4000), by: ActorId }),
    result: Response,
  }),
  'plans.listResponses': method({
    right: 'read',
    summary: 'Responses with their checklists and progress (预案响应), newest first; active ones by default.',
    params: z.strictObject({ status: z.enum(['active', 'closed', 'all']).default('active'), limit: z.number().int().min(1).max(200).default(20) }),
    result: z.array(Response),
  }),
  'plans.getResponse': method({
    right: 'read',
    summary: 'One response with its full timeline.',
    params: z.strictObject({ id: EntityId }),
    result: ResponseDetail,
  }),

  // drills and KPIs
  'plans.saveDrill': method({
    right: 'plans.edit',
    actor: { param: 'by', is: 'id' },
    summary: 'Plan a drill (no id) or record it (id; set heldOn, participants, findings when held).',
    params: z.strictObject({ drill: DrillInput, by: ActorId }),
    result: Drill,
  }),
  'plans.listDrills': method({
    right: 'read',
    summary: 'Drills planned in a date range (default: this year), optionally of one plan, by planned date.',
    params: z.strictObject({ from: LocalDate.optional(), to: LocalDate.optional(), planId: EntityId.optional() }),
    result: z.array(Drill),
  }),
  'plans.getKpis': method({
    right: 'read',
    summary: 'Plan revision rate and drill execution rate (target 100%) and plans per category (预案概况).',
    params: z.strictObject({ year: z.number().int().min(2000).max(2100).optional() }),
    result: Kpis,
  }),
} as const;

// ---- events ---------------------------------------------------------------------------
export const planEvents = {
  'plans.responseChanged': event({
    right: 'read',
    summary:
      'A response was activated, ticked, re-levelled, noted, linked or closed. Carries the response (checklist and progress, no timeline) and the timeline entry just added.',
    payload: z.object({
      change: z.enum(['activated', 'action', 'level', 'note', 'report', 'closed', 'demo']),
      response: Response,
      entry: TimelineEntry.nullable(),
    }),
  }),
  'plans.libraryChanged': event({
    right: 'read',
    summary: 'A plan or drill was saved, archived or got an attachment. Carries the ids changed and the current KPIs.',
    payload: z.object({
      change: z.enum(['saved', 'archived', 'attachment', 'drill', 'demo']),
      planId: EntityId.nullable(),
      drillId: EntityId.nullable(),
      kpis: Kpis,
    }),
  }),
} as const;
