// Entry of the duty capability (应急值守): people, roster, handover, duty log, and the demo set
// for duty and plans together. Opens the services and maps the contract's methods onto them.
// Plans' part of the demo comes through `links.plansDemo` (given by app.ts from plans); plans
// reaches the duty log through `reportLinks`, which app.ts hands it.
import type { Capability, CapabilityDeps } from '../capability';
import { XLSX_MEDIA_TYPE, type dutyMethods, type RosterPeriod } from '../contract/duty';
import { RefusedError } from '../contract/errors';
import { localDateString, localMonthString } from '../contract/yuexiu';
import type { PlansDemo, ReportLinks } from '../shared/links';
import { dataStatus, loadDemo } from './demo';
import { DutyLogService, getReport, linkReport, noteFiling, openCounts, reportHistory, reportsMatching } from './duty-log';
import { HandoverService, type DutySources } from './handover';
import { writeLogWorkbook } from './log-xlsx';
import { PeopleService } from './people';
import { periodRange, RosterService, shiftsOverlapping } from './roster';
import { importRoster } from './roster-import';
import { shiftReportFileName, shiftReportModel, writeShiftReportPdf } from './shift-report';

const PDF_MEDIA_TYPE = 'application/pdf';
import { writeRosterWorkbook } from './roster-xlsx';

/** Most reports one log export carries (a year of a busy duty room fits well inside). */
const EXPORT_MAX_REPORTS = 20_000;

function periodLabel(p: RosterPeriod): string {
  switch (p.kind) {
    case 'month':
      return p.month;
    case 'week':
      return `${p.date}周`;
    case 'range':
      return `${localDateString(p.from)}至${localDateString(p.to - 1)}`;
  }
}

/** The duty log as plans may use it (app.ts passes it to openPlans). */
export const reportLinks: ReportLinks = { report: getReport, link: linkReport, openCounts };

/** The duty log as information reporting may use it (app.ts passes it to openReporting). */
export const filingLinks = { report: getReport, noteFiling };

export type { DutySources } from './handover';

/**
 * `links.sources`: what duty reads of other capabilities (plans' responses, warnings in force, this
 * centre's name) for the handover and the printed shift report, given by app.ts; without it a
 * handover carries reports only and the shift report leaves those parts out.
 */
export async function openDuty(deps: CapabilityDeps, links: { plansDemo: PlansDemo; sources?: DutySources }): Promise<Capability<typeof dutyMethods>> {
  const { store, bus, now } = deps;
  const people = new PeopleService(store, now);
  const roster = new RosterService(store, bus, now);
  // A confirmed handover changes who is on duty: the roster's event tells the wall's duty slot.
  const handovers = new HandoverService(store, bus, now, links.sources, () => roster.changed('handover', null));
  const dutyLog = new DutyLogService(store, bus, now);

  /** Loads the demo set and tells every panel (duty and plans alike) to refresh. */
  const demo = async (): Promise<void> => {
    const { responseId } = await loadDemo(store, links.plansDemo, now());
    roster.changed('demo', null);
    dutyLog.changed('demo', null);
    links.plansDemo.loaded(responseId);
  };

  if (deps.demo && dataStatus(store).empty) {
    // A demo set that fails to load must not keep the centre from starting: say so and go on empty.
    try {
      await demo();
      deps.log.info(`[duty] loaded the demo data set (演示数据) for ${localMonthString(now())}`);
    } catch (err) {
      deps.log.error(`[duty] the demo data set (演示数据) was not loaded: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  return {
    handlers: {
      'duty.listPeople': () => people.list(),
      'duty.savePerson': async ({ person }) => {
        const saved = await people.save(person);
        roster.changed('people', null);
        return saved;
      },

      'duty.getRoster': ({ period }) => roster.roster(period),
      'duty.getOnDuty': ({ at }) => roster.onDuty(at),
      'duty.changeShifts': (p, ctx) => roster.changeShifts(p, ctx.peer),
      'duty.listShiftHistory': (p) => roster.history(p),
      'duty.checkCoverage': ({ period }) => roster.checkCoverage(period),
      'duty.publishMonth': ({ month, by }, ctx) => roster.publishMonth(month, by, ctx.peer),
      'duty.unpublishMonth': ({ month, by, reason }, ctx) => roster.unpublishMonth(month, by, reason, ctx.peer),
      'duty.importRoster': async ({ fileBase64, by }, ctx) => {
        const r = await importRoster(store, Buffer.from(fileBase64, 'base64'), by, ctx.peer, now());
        roster.changed('import', r.range);
        return { created: r.created, updated: r.updated, unchanged: r.unchanged, peopleCreated: r.peopleCreated };
      },
      'duty.exportRoster': async ({ period }) => {
        const r = periodRange(period);
        const shifts = shiftsOverlapping(store, r.from, r.to);
        const bytes = await writeRosterWorkbook(shifts);
        return { fileName: `排班表-${periodLabel(period)}.xlsx`, mediaType: XLSX_MEDIA_TYPE, base64: bytes.toString('base64'), rows: shifts.length };
      },

      'duty.getHandoverDraft': ({ outgoingId }) => handovers.draft(outgoingId),
      'duty.handOver': (p) => handovers.handOver(p),
      'duty.confirmHandover': ({ id, by, note }) => handovers.confirm(id, by, note),
      'duty.cancelHandover': ({ id, by, reason }) => handovers.cancel(id, by, reason),
      'duty.listHandovers': ({ status, limit }) => handovers.list(status, limit),

      'duty.recordReport': ({ report, by }, ctx) => dutyLog.record(report, by, ctx.peer),
      'duty.saveReport': ({ id, patch, by, note }, ctx) => dutyLog.update(id, patch, by, note, ctx.peer),
      'duty.setReportStatus': ({ id, status, by, note }, ctx) => dutyLog.setStatus(id, status, by, note, ctx.peer),
      'duty.listReports': ({ limit, ...filter }) => dutyLog.list(filter, limit),
      'duty.getReport': ({ id }) => dutyLog.detail(id),
      'duty.exportLog': async (filter) => {
        const reports = reportsMatching(store, filter, EXPORT_MAX_REPORTS + 1);
        if (reports.length > EXPORT_MAX_REPORTS)
          throw new RefusedError(
            {
              zh: `该时段的接报超过 ${EXPORT_MAX_REPORTS} 条：请导出更短的时段`,
              en: `more than ${EXPORT_MAX_REPORTS} reports in that period: export a shorter one`,
            },
            { field: 'to' },
          );
        reports.reverse(); // oldest first, as a log is read
        const bytes = await writeLogWorkbook(reports, (id) => reportHistory(store, id));
        return {
          fileName: `值班日志-${localDateString(filter.from)}至${localDateString(filter.to - 1)}.xlsx`,
          mediaType: XLSX_MEDIA_TYPE,
          base64: bytes.toString('base64'),
          rows: reports.length,
        };
      },

      'duty.exportShiftReport': async ({ from, to }) => {
        const model = await shiftReportModel(store, links.sources, from, to, now());
        const bytes = await writeShiftReportPdf(model);
        return { fileName: shiftReportFileName(from), mediaType: PDF_MEDIA_TYPE, base64: bytes.toString('base64'), rows: model.reports.length };
      },

      'duty.getDataStatus': () => dataStatus(store),
      'duty.loadDemo': async () => {
        await demo();
        return dataStatus(store);
      },
    },
  };
}
// What replay (复盘) folds of this capability's history at a moment (handed over by app.ts).
export { reportsAtMoment } from './at-moment';
