// Entry of information reporting (信息报送): the 首报, 续报 and 终报 of the duty log's reports, their
// deadlines and clock, and the written report as .docx and PDF. Opens the service and maps the
// contract's methods onto it. The duty log (the report, its history) and the plan responses (their
// timelines) reach it only through `links`, handed over by app.ts.
import type { Capability, CapabilityDeps } from '../capability';
import { DOCX_MEDIA_TYPE, PDF_MEDIA_TYPE, type reportingMethods } from '../contract/reporting';
import type { ReportingLinks } from './links';
import { ReportingService } from './reporting-service';
import { fileBaseName, writeDocx, writePdf } from './written-report';

export type { ReportingLinks, FilingReportLinks } from './links';

export function openReporting(deps: CapabilityDeps, links: ReportingLinks): Capability<typeof reportingMethods> {
  const reporting = new ReportingService(deps.store, deps.bus, deps.now, links);
  return {
    handlers: {
      'reporting.get': ({ reportId }) => reporting.get(reportId),
      // A street centre's wall counts down its own street's reports (as it hears only their pushes).
      'reporting.listClocks': ({ limit }, ctx) => reporting.listClocks(limit, ctx.street),
      'reporting.submit': ({ reportId, filing, by }, ctx) => reporting.submit(reportId, filing, by, { peer: ctx.peer, street: ctx.street }),
      'reporting.getDeadlines': () => reporting.deadlines(),
      'reporting.saveDeadlines': ({ rules, reset, by }) => reporting.saveDeadlines(rules, reset, by),
      'reporting.exportDocx': async ({ reportId, seq }) => {
        const { report, filing } = reporting.document(reportId, seq);
        const bytes = await writeDocx(report, filing);
        return { fileName: `${fileBaseName(report, filing)}.docx`, mediaType: DOCX_MEDIA_TYPE, base64: bytes.toString('base64'), rows: 1 };
      },
      'reporting.exportPdf': async ({ reportId, seq }) => {
        const { report, filing } = reporting.document(reportId, seq);
        const bytes = await writePdf(report, filing);
        return { fileName: `${fileBaseName(report, filing)}.pdf`, mediaType: PDF_MEDIA_TYPE, base64: bytes.toString('base64'), rows: 1 };
      },
    },
    close: async () => reporting.close(),
  };
}
// What replay (复盘) folds of this capability's history at a moment (handed over by app.ts).
export { filingsAtMoment } from './at-moment';
