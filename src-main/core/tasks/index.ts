// Entry of tasks (指挥调度 · 指令): the district orders tasks down to streets, teams, departments and
// warehouses; their addressees answer. Opens the service and maps the contract's methods onto it.
// Plans (the response a task comes from, its timeline and attachments) and the duty log reach it
// only through `links`, handed over by app.ts.
import type { Capability, CapabilityDeps } from '../capability';
import type { tasksMethods } from '../contract/tasks';
import type { TaskLinks } from './links';
import { TaskService, type TaskOptions } from './task-service';

export type { TaskLinks } from './links';
export type { TaskOptions } from './task-service';

export function openTasks(
  deps: CapabilityDeps,
  links: TaskLinks,
  opts: TaskOptions = {},
): Capability<typeof tasksMethods> & {
  /** tasks.issue with work of another capability in the same store transaction (teams.dispatch; app.ts hands it over). */
  issueWith: TaskService['issue'];
} {
  const tasks = new TaskService(deps.store, deps.bus, deps.now, links, opts);
  const caller = (ctx: { peer: string; street?: string }) => ({ peer: ctx.peer, street: ctx.street });
  return {
    handlers: {
      'tasks.list': (f) => tasks.list(f),
      'tasks.get': ({ id }) => tasks.get(id),
      'tasks.issue': ({ task, by }, ctx) => tasks.issue(task, by, caller(ctx)),
      'tasks.acknowledge': ({ id, by, note }, ctx) => tasks.move('acknowledge', id, by, note, caller(ctx)),
      'tasks.progress': ({ id, by, note }, ctx) => tasks.move('progress', id, by, note, caller(ctx)),
      'tasks.complete': ({ id, by, result }, ctx) => tasks.move('complete', id, by, result, caller(ctx)),
      'tasks.refuse': ({ id, by, reason }, ctx) => tasks.move('refuse', id, by, reason, caller(ctx)),
      'tasks.cancel': ({ id, by, reason }, ctx) => tasks.move('cancel', id, by, reason, caller(ctx)),
    },
    close: async () => tasks.close(),
    issueWith: (input, by, c, alsoIn) => tasks.issue(input, by, c, alsoIn),
  };
}
// What replay (复盘) folds of this capability's history at a moment (handed over by app.ts).
export { tasksAtMoment } from './at-moment';
