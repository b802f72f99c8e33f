// One step of a team's history: the team as it is after one recorded change. The live state
// (team_state) and the state as of a past moment (teams.getStatusAt, folded from the history
// alone) are both made by this one function, so what the wall showed then is what replay shows.
import { OUT_STATUSES, type TeamHistoryEntry, type TeamState, type TeamStatus } from '../contract/teams';
import { refOrNull } from '../shared/records';

/** A row of team_status_event. */
export interface EventRow {
  seq: number;
  team_id: string;
  at: number;
  kind: string;
  from_status: string | null;
  status: string;
  task_id: string | null;
  lat: number;
  lng: number;
  name: string;
  street: string | null;
  professional: number;
  people: number;
  by_id: string | null;
  by_name: string | null;
  by_role: string | null;
  peer: string;
  note: string;
}

/** The team after event `e`, given the team before it (null: not on the map); null once removed. */
export function step(prev: TeamState | null, e: EventRow): TeamState | null {
  if (e.kind === 'removed') return null;
  const status = e.status as TeamStatus;
  const changed = prev === null || prev.status !== status;
  const out = OUT_STATUSES.includes(status);
  const dispatched = changed && status === 'dispatched';
  return {
    id: e.team_id,
    name: e.name,
    street: e.street as TeamState['street'],
    professional: e.professional === 1,
    people: e.people,
    status,
    since: prev !== null && !changed ? prev.since : e.at,
    taskId: !out ? null : dispatched ? e.task_id : (prev?.taskId ?? e.task_id),
    position: { lat: e.lat, lng: e.lng },
    dispatchedAt: dispatched ? e.at : (prev?.dispatchedAt ?? null),
    arrivedAt: dispatched ? null : changed && status === 'on_scene' ? e.at : (prev?.arrivedAt ?? null),
    returnedAt: dispatched ? null : changed && prev?.status === 'returning' && !out ? e.at : (prev?.returnedAt ?? null),
  };
}

/** Folds events (in seq order) into each team's state; teams removed by then are left out. */
export function fold(events: Iterable<EventRow>): TeamState[] {
  const teams = new Map<string, TeamState>();
  for (const e of events) {
    const next = step(teams.get(e.team_id) ?? null, e);
    if (next) teams.set(e.team_id, next);
    else teams.delete(e.team_id);
  }
  return [...teams.values()];
}

export function entryFromRow(e: EventRow): TeamHistoryEntry {
  return {
    at: e.at,
    kind: e.kind as TeamHistoryEntry['kind'],
    from: e.from_status as TeamStatus | null,
    status: e.status as TeamStatus,
    taskId: e.task_id,
    position: { lat: e.lat, lng: e.lng },
    by: refOrNull(e.by_id, e.by_name, e.by_role),
    peer: e.peer,
    note: e.note,
  };
}
