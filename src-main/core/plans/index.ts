// Entry of the plans capability (预案管理): library, responses, drills, KPIs. Opens the services
// and maps the contract's methods onto them; the library and drills push every change with the KPIs.
// The duty log is reached only through `links.reports` (given by app.ts from duty); plans gives
// back its demo set for duty's demo loader.
import type { Capability, CapabilityDeps } from '../capability';
import type { planMethods, Response } from '../contract/plans';
import type { PlanKpis, PlansDemo, ReportLinks, TaskResponseLinks } from '../shared/links';
import { seedPlansDemo } from './demo-plans';
import { DrillService } from './drills';
import { computeKpis } from './kpis';
import { PlanLibrary } from './library';
import { ResponseService, responsesDuring } from './responses';
import { noteTaskOnTimeline, planAttachmentForTask, responseForTask } from './task-links';

export async function openPlans(
  deps: CapabilityDeps,
  links: { reports: ReportLinks },
): Promise<
  Capability<typeof planMethods> & {
    demo: PlansDemo;
    kpis: PlanKpis;
    taskLinks: TaskResponseLinks;
    /** Responses running in a period, for duty's handover and shift report (read-only; app.ts hands it over). */
    responsesDuring: (from: number, to: number, asOf: number) => Response[];
  }
> {
  const { store, bus, now } = deps;
  const library = new PlanLibrary(store, bus, deps.dataDir, now);
  const responses = new ResponseService(store, bus, now, links.reports);
  const drills = new DrillService(store, bus, now);

  const demo: PlansDemo = {
    seed: (tx, at, by, officers, floodReportId) => seedPlansDemo(tx, links.reports, at, by, officers, floodReportId),
    loaded: (responseId) => {
      library.demoLoaded();
      responses.demoLoaded(responseId);
    },
  };

  // What tasks (指令) need of plans; app.ts hands it over (tasks never import plans).
  const taskLinks: TaskResponseLinks = {
    response: responseForTask,
    note: noteTaskOnTimeline,
    attachment: planAttachmentForTask,
    changed: (responseId) => void responses.changed('note', responseId),
  };

  return {
    demo,
    taskLinks,
    responsesDuring: (from, to, asOf) => responsesDuring(store, from, to, asOf),
    kpis: (at) => computeKpis(store, at),
    handlers: {
      'plans.list': (f) => library.list(f),
      'plans.get': ({ id }) => library.get(id),
      'plans.save': ({ plan, by }, ctx) => library.save(plan, by, ctx.peer),
      'plans.archive': ({ id, archived, by, reason }, ctx) => library.archive(id, archived, by, reason, ctx.peer),
      'plans.listRevisions': ({ id }) => library.revisions(id),
      'plans.addAttachment': ({ planId, name, mediaType, fileBase64, by }, ctx) =>
        library.addAttachment(planId, name, mediaType, Buffer.from(fileBase64, 'base64'), by, ctx.peer),
      'plans.getAttachment': async ({ planId, sha256 }) => {
        const a = await library.attachment(planId, sha256);
        return { name: a.name, mediaType: a.mediaType, size: a.size, base64: a.bytes.toString('base64') };
      },
      'plans.removeAttachment': ({ planId, sha256, by }, ctx) => library.removeAttachment(planId, sha256, by, ctx.peer),

      'plans.activate': (p, ctx) => responses.activate(p, ctx.peer),
      'plans.linkReport': ({ responseId, reportId, by }, ctx) => responses.linkReport(responseId, reportId, by, ctx.peer),
      'plans.updateAction': (p, ctx) => responses.updateAction(p, ctx.peer),
      'plans.changeLevel': (p, ctx) => responses.changeLevel(p, ctx.peer),
      'plans.addNote': ({ responseId, text, by }, ctx) => responses.addNote(responseId, text, by, ctx.peer),
      'plans.close': ({ responseId, summary, by }, ctx) => responses.close(responseId, summary, by, ctx.peer),
      'plans.listResponses': ({ status, limit }) => responses.list(status, limit),
      'plans.getResponse': ({ id }) => responses.detail(id),

      'plans.saveDrill': ({ drill, by }) => drills.save(drill, by),
      'plans.listDrills': (p) => drills.list(p),
      'plans.getKpis': ({ year }) => computeKpis(store, now(), year),
    },
  };
}
// What replay (复盘) folds of this capability's history at a moment (handed over by app.ts).
export { responsesAtMoment } from './at-moment';
