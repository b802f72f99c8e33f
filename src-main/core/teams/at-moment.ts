// Teams' significant changes (dispatched, arrived, returned) and their sorties, from
// team_status_event alone: what the incident replay (core/replay, through app.ts) shows of teams.
// The teams as they were at a moment are teams.getStatusAt (team-service.ts statusAt).
import type { ReplayEvent, TeamSortie } from '../contract/replay';
import type { Reader } from '../shared/records';
import type { EventRow as Row } from './history';

const STATUS_SQL = "kind = 'status' AND (from_status IS NULL OR from_status <> status)";

function kindOf(r: Row): ReplayEvent['kind'] | null {
  if (r.status === 'dispatched') return 'team.dispatched';
  if (r.status === 'on_scene') return 'team.arrived';
  if (r.from_status === 'returning' && (r.status === 'resting' || r.status === 'standby')) return 'team.returned';
  return null;
}

const WHAT: Record<string, string> = { 'team.dispatched': '出动', 'team.arrived': '到达现场', 'team.returned': '返回驻地' };

function events(db: Reader, from: number, to: number): ReplayEvent[] {
  const out: ReplayEvent[] = [];
  for (const r of db.all<Row>(`SELECT * FROM team_status_event WHERE at >= ? AND at <= ? AND ${STATUS_SQL} ORDER BY seq`, [from, to])) {
    const kind = kindOf(r);
    if (!kind) continue;
    out.push({
      at: r.at,
      kind,
      who: r.by_name ?? r.name,
      what: `${r.name}${WHAT[kind]}${r.note ? `：${r.note}` : ''}`,
      street: r.street,
      position: { lat: r.lat, lng: r.lng },
      links: { teamId: r.team_id, ...(r.task_id ? { taskId: r.task_id } : {}) },
    });
  }
  return out;
}

/** The sorties of the teams dispatched with these tasks: when dispatched, when (if) they reached the scene. */
function sorties(db: Reader, taskIds: string[]): TeamSortie[] {
  if (taskIds.length === 0) return [];
  const wanted = new Set(taskIds);
  const out: TeamSortie[] = [];
  const open = new Map<string, TeamSortie>();
  for (const r of db.all<Row>(`SELECT * FROM team_status_event WHERE ${STATUS_SQL} ORDER BY seq`)) {
    if (r.status === 'dispatched') {
      open.delete(r.team_id);
      if (r.task_id !== null && wanted.has(r.task_id)) {
        const s: TeamSortie = { teamId: r.team_id, name: r.name, taskId: r.task_id, dispatchedAt: r.at, arrivedAt: null };
        out.push(s);
        open.set(r.team_id, s);
      }
    } else if (r.status === 'on_scene') {
      const s = open.get(r.team_id);
      if (s && s.arrivedAt === null) s.arrivedAt = r.at;
    } else if (r.status !== 'returning') open.delete(r.team_id);
  }
  return out;
}

export const teamsAtMoment = { events, sorties };
