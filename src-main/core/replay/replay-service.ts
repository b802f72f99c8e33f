// Replay (复盘): the district at a moment and the significant-events board, merged from each
// capability's own fold of its history (see the header of contract/replay.ts). Stores nothing.
import { RefusedError } from '../contract/errors';
import type { Incident, ReplayEvent, ReplayState } from '../contract/replay';
import type { Store } from '../store';
import type { ReplayLinks } from './links';
import { afterActionModel, type AfterAction } from './after-action';

export class ReplayService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly links: ReplayLinks,
  ) {}

  async getAt(at: number): Promise<ReplayState> {
    const { store: db, links: l } = this;
    const teams = await l.teams.at(at);
    return {
      at,
      reports: l.reports.at(db, at),
      responses: l.responses.at(db, at),
      tasks: l.tasks.at(db, at),
      teams,
      stock: l.materials.at(db, at),
      warnings: l.warnings.at(db, at),
    };
  }

  /** Every significant event in [from, to], newest first (ties: the order the sources list them, kept stable). */
  events(from: number, to: number | undefined, limit: number): { events: ReplayEvent[]; total: number } {
    const { store: db, links: l } = this;
    const upTo = to ?? this.now();
    const all = [l.reports, l.responses, l.tasks, l.teams, l.materials, l.filings, l.warnings].flatMap((s) => s.events(db, from, upTo));
    all.sort((a, b) => b.at - a.at);
    return { events: all.slice(0, limit), total: all.length };
  }

  incidents(limit: number): { incidents: Incident[]; asOf: number } {
    const asOf = this.now();
    return { incidents: this.links.responses.incidents(this.store, limit, asOf), asOf };
  }

  /** What the after-action report of a response says. */
  afterAction(responseId: string): AfterAction {
    const { store: db, links: l } = this;
    const r = l.responses.timeline(db, responseId);
    if (!r) throw new RefusedError({ zh: `没有此响应：${responseId}（responseId）`, en: `no response with id ${responseId} (params.responseId)` });
    const to = r.incident.active ? Math.max(this.now(), r.incident.from) : r.incident.to;
    const tasks = l.tasks.ofResponse(db, responseId);
    const reports = l.reports.get(db, r.reportIds);
    return afterActionModel({
      incident: { ...r.incident, to },
      timeline: r.timeline,
      tasks,
      sorties: l.teams.sorties(
        db,
        tasks.map((t) => t.id),
      ),
      materials: l.materials.dispatched(db, r.incident.from, to),
      filings: reports.flatMap((rep) => l.filings.ofReport(db, rep).map((f) => ({ ...f, report: `${rep.street} ${rep.summary}` }))),
      generatedAt: this.now(),
    });
  }
}
