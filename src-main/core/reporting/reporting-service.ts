// Information reporting (信息报送): the versions of each duty report's written report (首报, 续报,
// 终报), kept as submitted; the deadlines per event class and level; the clock computed at read
// time; and the alarm pushed when a report crosses its due time (see contract/reporting.ts).
import type { z } from 'zod';
import type { PersonRef, Report } from '../contract/duty';
import { RefusedError, RpcCode, RpcError } from '../contract/errors';
import {
  EVENT_CLASS_LABELS,
  EVENT_LEVEL_LABELS,
  FIGURE_KEYS,
  FIGURE_LABELS,
  FILING_KIND_LABELS,
  type DeadlineRule,
  type DeadlineTable,
  type EventClass,
  type EventLevel,
  type Filing,
  FilingInput,
  type FilingKind,
  type Figures,
  type ReportClock,
  type ReportFilings,
} from '../contract/reporting';
import type { EventBus } from '../events';
import type { Store, Tx } from '../store';
import { actorRef, refFrom, type Reader } from '../shared/records';
import { CrossingWatch } from '../shared/crossing-watch';
import { ALL_PAIRS, CLASS_OF_CATEGORY, DEADLINE_SOURCES, defaultRule, LEVEL_OF_SEVERITY } from './deadlines';
import type { ReportingLinks } from './links';

export type FilingData = z.output<typeof FilingInput>;

interface VersionRow {
  report_id: string;
  seq: number;
  kind: string;
  follow_up_no: number;
  event_class: string;
  level: string;
  deaths: number;
  injured: number;
  missing: number;
  trapped: number;
  evacuated: number;
  resettled: number;
  households: number;
  loss_wan: number;
  cause: string;
  measures: string;
  text: string;
  unit: string;
  signer: string;
  submitted_at: number;
  by_id: string;
  by_name: string;
  by_role: string;
  peer: string;
}

interface RuleRow {
  event_class: string;
  level: string;
  phone_min: number;
  first_min: number;
  follow_up_min: number;
  final_hours: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** The alarm clock's tick: the longest a crossing goes unpushed. */
const TICK_MS = 1000;

const CHINESE_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 续报一, 续报二 … 续报十, then 续报11. */
export function filingTitle(f: Pick<Filing, 'kind' | 'followUpNo'>): string {
  if (f.kind !== 'followup') return FILING_KIND_LABELS[f.kind].zh;
  return `续报${f.followUpNo <= 10 ? CHINESE_DIGITS[f.followUpNo] : String(f.followUpNo)}`;
}

function filingFromRow(r: VersionRow): Filing {
  return {
    reportId: r.report_id,
    seq: r.seq,
    kind: r.kind as FilingKind,
    followUpNo: r.follow_up_no,
    eventClass: r.event_class as EventClass,
    level: r.level as EventLevel,
    figures: {
      deaths: r.deaths,
      injured: r.injured,
      missing: r.missing,
      trapped: r.trapped,
      evacuated: r.evacuated,
      resettled: r.resettled,
      households: r.households,
      lossWan: r.loss_wan,
    },
    cause: r.cause,
    measures: r.measures,
    text: r.text,
    unit: r.unit,
    signer: r.signer,
    submittedAt: r.submitted_at,
    by: refFrom(r.by_id, r.by_name, r.by_role),
    peer: r.peer,
  };
}

export function versionsOf(db: Reader, reportId: string): Filing[] {
  return db.all<VersionRow>('SELECT * FROM report_version WHERE report_id = ? ORDER BY seq', [reportId]).map(filingFromRow);
}

/** The figures in words, as the timeline and the documents say them. */
export function figuresText(f: Figures): string {
  return FIGURE_KEYS.map((k) => `${FIGURE_LABELS[k].zh}${f[k]}${FIGURE_LABELS[k].unit.zh}`).join('、');
}

/** The deadlines in force: the centre's changes over the defaults. */
export function deadlineRules(db: Reader): Map<string, DeadlineRule & { isDefault: boolean }> {
  const rules = new Map<string, DeadlineRule & { isDefault: boolean }>();
  for (const p of ALL_PAIRS) rules.set(`${p.eventClass}:${p.level}`, { ...defaultRule(p.eventClass, p.level), isDefault: true });
  for (const r of db.all<RuleRow>('SELECT * FROM report_deadline'))
    rules.set(`${r.event_class}:${r.level}`, {
      eventClass: r.event_class as EventClass,
      level: r.level as EventLevel,
      phoneMin: r.phone_min,
      firstMin: r.first_min,
      followUpMin: r.follow_up_min,
      finalHours: r.final_hours,
      isDefault: false,
    });
  return rules;
}

/** Whether a report with no 终报 needs a clock (see the contract's header). */
function needsClock(report: Report, versions: Filing[]): boolean {
  if (versions.some((v) => v.kind === 'final')) return true; // shown as done
  if (versions.length > 0) return true;
  return report.status !== 'closed' && (report.severity === 'high' || report.severity === 'critical' || report.responseIds.length > 0);
}

/** The reporting clock of a report as of `asOf`, or null when it needs none. */
export function clockOf(report: Report, versions: Filing[], rules: Map<string, DeadlineRule>, asOf: number): ReportClock | null {
  if (!needsClock(report, versions)) return null;
  const last = versions.at(-1);
  const eventClass = last?.eventClass ?? CLASS_OF_CATEGORY[report.category];
  const level = last?.level ?? LEVEL_OF_SEVERITY[report.severity];
  const { isDefault: _isDefault, ...rule } = rules.get(`${eventClass}:${level}`) as DeadlineRule & { isDefault?: boolean };
  void _isDefault;
  const first = versions.find((v) => v.kind === 'first') ?? null;
  const final = versions.find((v) => v.kind === 'final') ?? null;
  const firstDueAt = report.receivedAt + rule.firstMin * MINUTE;
  const finalDueAt = report.receivedAt + rule.finalHours * HOUR;
  const followUpDueAt = first && !final && last ? last.submittedAt + rule.followUpMin * MINUTE : null;
  let dueAt: number | null;
  let dueKind: FilingKind | null;
  if (!first) [dueAt, dueKind] = [firstDueAt, 'first'];
  else if (final) [dueAt, dueKind] = [null, null];
  else if (followUpDueAt !== null && followUpDueAt < finalDueAt) [dueAt, dueKind] = [followUpDueAt, 'followup'];
  else [dueAt, dueKind] = [finalDueAt, 'final'];
  return {
    reportId: report.id,
    street: report.street,
    summary: report.summary,
    receivedAt: report.receivedAt,
    eventClass,
    level,
    rule,
    phoneDueAt: report.receivedAt + rule.phoneMin * MINUTE,
    firstDueAt,
    firstAt: first?.submittedAt ?? null,
    followUpDueAt,
    finalDueAt,
    finalAt: final?.submittedAt ?? null,
    stage: !first ? 'first' : final ? 'done' : 'followup',
    dueAt,
    dueKind,
    overdue: dueAt !== null && asOf > dueAt,
    versions: versions.length,
    asOf,
  };
}

/** Who calls: the window or machine, and the street centre it belongs to. */
export interface Caller {
  peer: string;
  street?: string;
}

export class ReportingService {
  /** Wakes when a report's next version falls due. Reports come from the duty log, which this
   *  service does not hear, so it also looks once a tick while nothing is due. */
  private readonly watch: CrossingWatch;
  /** Due times of the reports with a clock, as of one state of the store. */
  private dues: { seq: number; list: { reportId: string; dueAt: number }[] } | null = null;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
    private readonly links: ReportingLinks,
  ) {
    this.watch = new CrossingWatch({
      now,
      nextAfter: (from) => this.nextDue(from),
      crossed: (from, to) => this.pushDue(from, to),
      maxWakeMs: TICK_MS,
      idleWakeMs: TICK_MS,
    });
    this.watch.schedule();
  }

  get(reportId: string): ReportFilings {
    const report = this.links.reports.report(this.store, reportId);
    const versions = versionsOf(this.store, reportId);
    return { reportId, versions, clock: clockOf(report, versions, deadlineRules(this.store), this.now()) };
  }

  /** Clocks still owing a version: overdue first, then by due time. */
  listClocks(limit: number, street?: string): { clocks: ReportClock[]; asOf: number } {
    const asOf = this.now();
    const clocks = this.openClocks(this.store, asOf)
      .filter((c) => street === undefined || c.street === street)
      .sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueAt ?? 0) - (b.dueAt ?? 0))
      .slice(0, limit);
    return { clocks, asOf };
  }

  async submit(reportId: string, input: FilingData, by: string, caller: Caller): Promise<ReportFilings> {
    const now = this.now();
    const seq = await this.store.write((tx) => {
      const actor = actorRef(tx, by);
      const report = this.links.reports.report(tx, reportId);
      if (caller.street !== undefined && caller.street !== report.street)
        throw new RpcError(
          RpcCode.Forbidden,
          `该事件属${report.street}，${caller.street}不能报送 (forbidden: report ${reportId} is about ${report.street}; a caller of ${caller.street} reports only its own street's incidents)`,
          { street: caller.street, reportStreet: report.street },
        );
      const versions = versionsOf(tx, reportId);
      const last = versions.at(-1);
      if (last?.kind === 'final')
        throw new RefusedError(
          { zh: '该事件已于终报后结束报送，不能再报', en: `report ${reportId} has its final report (终报): no further version` },
          { kind: input.kind },
        );
      if (input.kind === 'first' && last)
        throw new RefusedError(
          { zh: '该事件已有首报，请报续报或终报', en: `report ${reportId} has its first report already: params.filing.kind must be followup or final` },
          {
            kind: input.kind,
          },
        );
      if (input.kind !== 'first' && !last)
        throw new RefusedError(
          {
            zh: `该事件尚无首报，${FILING_KIND_LABELS[input.kind].zh}之前须先报首报`,
            en: `report ${reportId} has no first report yet: params.filing.kind must be first`,
          },
          { kind: input.kind },
        );
      const seq = (last?.seq ?? 0) + 1;
      const followUpNo = input.kind === 'followup' ? versions.filter((v) => v.kind === 'followup').length + 1 : 0;
      const eventClass = input.eventClass ?? last?.eventClass ?? CLASS_OF_CATEGORY[report.category];
      const level = input.level ?? last?.level ?? LEVEL_OF_SEVERITY[report.severity];
      const f = input.figures;
      tx.run(
        `INSERT INTO report_version (report_id, seq, kind, follow_up_no, event_class, level, deaths, injured, missing, trapped, evacuated, resettled,
           households, loss_wan, cause, measures, text, unit, signer, submitted_at, by_id, by_name, by_role, peer)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          reportId,
          seq,
          input.kind,
          followUpNo,
          eventClass,
          level,
          f.deaths,
          f.injured,
          f.missing,
          f.trapped,
          f.evacuated,
          f.resettled,
          f.households,
          f.lossWan,
          input.cause,
          input.measures,
          input.text,
          input.unit,
          input.signer,
          now,
          actor.id,
          actor.name,
          actor.role,
          caller.peer,
        ],
      );
      const title = filingTitle({ kind: input.kind, followUpNo });
      const text =
        `信息报送·${title}（${EVENT_CLASS_LABELS[eventClass].zh}·${EVENT_LEVEL_LABELS[level].zh}）：${figuresText(f)}` +
        `；报送单位 ${input.unit}，签发人 ${input.signer}`;
      this.links.reports.noteFiling(tx, reportId, { by: actor, peer: caller.peer, now }, text);
      for (const responseId of report.responseIds)
        this.links.responses.note(tx, responseId, { by: actor, peer: caller.peer, now }, `${report.street}“${report.summary.slice(0, 30)}”${text}`);
      return seq;
    });
    const filings = this.get(reportId);
    this.bus.emit('reporting.changed', { change: 'submitted', reportId, clock: filings.clock, filing: filings.versions.find((v) => v.seq === seq) ?? null });
    for (const responseId of this.links.reports.report(this.store, reportId).responseIds) this.links.responses.changed(responseId);
    return filings;
  }

  deadlines(): DeadlineTable {
    return { rules: [...deadlineRules(this.store).values()], sources: [...DEADLINE_SOURCES] };
  }

  async saveDeadlines(rules: DeadlineRule[], reset: { eventClass: EventClass; level: EventLevel }[], by: string): Promise<DeadlineTable> {
    const now = this.now();
    const keys = new Set<string>();
    for (const r of [...rules, ...reset]) {
      const key = `${r.eventClass}:${r.level}`;
      if (keys.has(key))
        throw new RefusedError({
          zh: `${EVENT_CLASS_LABELS[r.eventClass].zh}·${EVENT_LEVEL_LABELS[r.level].zh}出现了两次`,
          en: `the pair ${key} is given twice: params.rules / params.reset`,
        });
      keys.add(key);
    }
    if (keys.size === 0) throw new RefusedError({ zh: '没有要修改的时限', en: 'nothing to change: give params.rules or params.reset' });
    await this.store.write((tx: Tx) => {
      const actor: PersonRef = actorRef(tx, by);
      for (const p of reset) tx.run('DELETE FROM report_deadline WHERE event_class = ? AND level = ?', [p.eventClass, p.level]);
      for (const r of rules)
        tx.run(
          `INSERT INTO report_deadline (event_class, level, phone_min, first_min, follow_up_min, final_hours, updated_at, by_id, by_name)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(event_class, level) DO UPDATE SET phone_min = excluded.phone_min, first_min = excluded.first_min,
             follow_up_min = excluded.follow_up_min, final_hours = excluded.final_hours, updated_at = excluded.updated_at,
             by_id = excluded.by_id, by_name = excluded.by_name`,
          [r.eventClass, r.level, r.phoneMin, r.firstMin, r.followUpMin, r.finalHours, now, actor.id, actor.name],
        );
    });
    this.bus.emit('reporting.changed', { change: 'deadlines', reportId: null, clock: null, filing: null });
    return this.deadlines();
  }

  /** The report and the version a document is written from (the latest unless `seq`). */
  document(reportId: string, seq?: number): { report: Report; filing: Filing } {
    const report = this.links.reports.report(this.store, reportId);
    const versions = versionsOf(this.store, reportId);
    if (versions.length === 0)
      throw new RefusedError({ zh: '该事件尚无报告，请先报首报', en: `report ${reportId} has no version yet: submit the first report` });
    const filing = seq === undefined ? versions.at(-1) : versions.find((v) => v.seq === seq);
    if (!filing)
      throw new RefusedError({
        zh: `该事件没有第 ${seq} 版报告（共 ${versions.length} 版）`,
        en: `report ${reportId} has no version ${seq}: params.seq is 1–${versions.length}`,
      });
    return { report, filing };
  }

  close(): void {
    this.watch.close();
  }

  /** Every clock still owing a version. The candidates are read from the duty log's table. */
  private openClocks(db: Reader, asOf: number): ReportClock[] {
    const ids = db.all<{ id: string }>(
      `SELECT r.id FROM duty_report r
       WHERE NOT EXISTS (SELECT 1 FROM report_version v WHERE v.report_id = r.id AND v.kind = 'final')
         AND (EXISTS (SELECT 1 FROM report_version v WHERE v.report_id = r.id)
              OR (r.status <> 'closed' AND (r.severity IN ('high', 'critical') OR EXISTS (SELECT 1 FROM plan_response_report p WHERE p.report_id = r.id))))`,
    );
    const rules = deadlineRules(db);
    const clocks: ReportClock[] = [];
    for (const { id } of ids) {
      const clock = clockOf(this.links.reports.report(db, id), versionsOf(db, id), rules, asOf);
      if (clock) clocks.push(clock);
    }
    return clocks;
  }

  /** Pushes every clock whose due time passed since the last check. */
  /** Due times of the open clocks, read again only when the store has changed. */
  private dueList(): { reportId: string; dueAt: number }[] {
    if (this.dues?.seq !== this.store.seq)
      this.dues = {
        seq: this.store.seq,
        list: this.openClocks(this.store, this.now()).flatMap((c) => (c.dueAt === null ? [] : [{ reportId: c.reportId, dueAt: c.dueAt }])),
      };
    return this.dues.list;
  }

  private nextDue(from: number): number | null {
    let next: number | null = null;
    for (const d of this.dueList()) if (d.dueAt >= from && (next === null || d.dueAt < next)) next = d.dueAt;
    return next;
  }

  /** Pushes every clock that fell due in [from, to). */
  private pushDue(from: number, to: number): void {
    for (const d of this.dueList()) {
      if (d.dueAt < from || d.dueAt >= to) continue;
      const clock = this.get(d.reportId).clock;
      this.bus.emit('reporting.changed', { change: 'alarm', reportId: d.reportId, clock, filing: null });
    }
  }
}
