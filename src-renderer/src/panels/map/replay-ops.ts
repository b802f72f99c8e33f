// The map on a wall in replay (复盘上墙): the tasks, teams and open reports of the replayed moment
// (replay.getAt), in the shapes the map draws, judged as of that moment. The map objects
// themselves (risk points, shelters, warehouses) have no history here: they stay as they are.
import type { ReplayState } from '@contract/replay';
import type { MapReport, MapTask, MapTeam } from './features';

export interface ReplayOps {
  tasks: MapTask[];
  teams: MapTeam[];
  reports: MapReport[];
  /** The moment: the tasks' windows and deadlines are judged then. */
  now: number;
}

export function replayOps(state: ReplayState): ReplayOps {
  return {
    now: state.at,
    // TaskAt says whether it was unacknowledged or overdue at the moment; the window's end is not needed.
    tasks: state.tasks.map((x) => ({
      id: x.id,
      title: x.title,
      state: x.state,
      position: x.position,
      addressee: x.addressee as MapTask['addressee'],
      unacknowledged: x.unacknowledged,
      overdue: x.overdue,
      ackDueAt: Number.MAX_SAFE_INTEGER,
      deadline: x.deadline,
    })),
    teams: state.teams.map((x) => ({ id: x.id, name: x.name, street: x.street, status: x.status, taskId: x.taskId, position: x.position })),
    reports: state.reports.map((r) => ({
      id: r.id,
      street: r.street as MapReport['street'],
      coordinates: r.position,
      location: r.location,
      severity: r.severity,
    })),
  };
}
