// The map slice's pure merges: a pushed change folded into what the map already holds.
import type { Report } from '@contract/duty';
import type { MapObject } from '@contract/map';
import type { Response } from '@contract/plans';

/** Report statuses the map draws (a closed report leaves the map). */
export const OPEN_REPORT_STATUSES = ['new', 'verifying', 'handling'] as const;

/** Objects with some removed and some saved (a saved one keeps its place, a new one goes last). */
export function mergeObjects(objects: readonly MapObject[], saved: readonly MapObject[], removedIds: readonly string[] = []): MapObject[] {
  const byId = new Map(objects.map((o) => [o.id, o]));
  for (const id of removedIds) byId.delete(id);
  for (const o of saved) byId.set(o.id, o);
  return [...byId.values()];
}

/** Open reports with one report's news: first if still open, gone once closed. */
export function mergeReport(reports: readonly Report[], report: Report): Report[] {
  const rest = reports.filter((x) => x.id !== report.id);
  return report.status === 'closed' ? rest : [report, ...rest];
}

/** Active responses with one response's news: first if still active, gone once closed. */
export function mergeResponse(responses: readonly Response[], response: Response): Response[] {
  const rest = responses.filter((x) => x.id !== response.id);
  return response.status === 'active' ? [response, ...rest] : rest;
}
