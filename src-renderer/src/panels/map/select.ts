// Finds what a feature key names in the map's data (objects, cameras, reports, responses), and in
// the tasks and teams (a task's marker; a team's status, since and task from the teams capability).
import type { Task } from '@contract/tasks';
import type { Team } from '@contract/teams';
import type { Selected } from './DetailCard';
import type { MapState } from '../../state/map/map-slice';

export interface OpsData {
  tasks: readonly Task[];
  teams: readonly Team[];
}

export function resolveSelection(key: string | null, d: MapState, ops: OpsData = { tasks: [], teams: [] }): Selected | null {
  if (!key) return null;
  if (key.startsWith('camera:')) {
    const camera = d.cameras.find((c) => c.id === key.slice(7));
    return camera ? { type: 'camera', camera } : null;
  }
  if (key.startsWith('report:')) {
    const report = d.reports.find((r) => r.id === key.slice(7));
    return report ? { type: 'report', report } : null;
  }
  if (key.startsWith('response:')) {
    const id = key.slice(9).split('@')[0];
    const response = d.responses.find((r) => r.id === id);
    return response ? { type: 'response', response } : null;
  }
  if (key.startsWith('task:')) {
    const task = ops.tasks.find((t) => t.id === key.slice(5));
    return task ? { type: 'task', task, teams: ops.teams.filter((t) => t.taskId === task.id) } : null;
  }
  const object = d.objects.find((o) => o.id === key);
  if (!object) return null;
  if (object.kind !== 'team') return { type: 'object', object };
  const team = ops.teams.find((t) => t.id === object.id) ?? null;
  const task = team?.taskId ? (ops.tasks.find((t) => t.id === team.taskId) ?? null) : null;
  return { type: 'object', object, team, task };
}
