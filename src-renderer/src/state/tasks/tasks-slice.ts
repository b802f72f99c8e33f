// Tasks (指令): every task the district issued (newest first, as tasks.list gives them), followed
// live through tasks.changed, and this page's street when it runs on a street centre's machine
// (its inbox). Commands issue, answer and cancel as the app slice's acting person and fold the
// server's reply in at once; other pages follow from the pushes.
import type { StreetName } from '@contract/yuexiu';
import type { Task, TaskDetail, TaskInput } from '@contract/tasks';
import { appSlice } from '../app/app-slice';
import { defineSlice } from '../slice';
import { upsertTask } from './tasks';

export interface TasksState {
  tasks: Task[];
  /** The street of this page's machine (a street centre), null on the district's. */
  street: StreetName | null;
}

/** How many tasks the page keeps (open ones and the latest final ones). */
export const TASKS_LIMIT = 300;

export const tasksSlice = defineSlice({
  name: 'tasks',
  loadAs: 'tasksLoad',
  initial: (): TasksState => ({ tasks: [], street: null }),
  async load({ client }) {
    const [tasks, machine] = await Promise.all([client.call('tasks.list', { limit: TASKS_LIMIT }), client.call('auth.getMachine', {})]);
    return { tasks, street: machine?.street ?? null };
  },
  events: {
    'tasks.changed':
      ({ task }) =>
      (s) => ({ tasks: upsertTask(s.tasks, task) }),
  },
  commands: (t) => {
    const { client } = t;
    /** The acting person; an empty id is refused by the server naming params.by. */
    const by = (): string => t.slice(appSlice).store.getState().actorId ?? '';
    const fold = (detail: TaskDetail): TaskDetail => {
      const { history: _history, ...task } = detail;
      t.set((s) => ({ tasks: upsertTask(s.tasks, task) }));
      return detail;
    };
    return {
      issueTask: async (task: TaskInput) => fold(await client.call('tasks.issue', { task, by: by() })),
      acknowledgeTask: async (id: string, note = '') => fold(await client.call('tasks.acknowledge', { id, note, by: by() })),
      progressTask: async (id: string, note = '') => fold(await client.call('tasks.progress', { id, note, by: by() })),
      completeTask: async (id: string, result: string) => fold(await client.call('tasks.complete', { id, result, by: by() })),
      refuseTask: async (id: string, reason: string) => fold(await client.call('tasks.refuse', { id, reason, by: by() })),
      cancelTask: async (id: string, reason: string) => fold(await client.call('tasks.cancel', { id, reason, by: by() })),
      /** One task with its history, for the detail view (a refusal shows in the banner and resolves null). */
      readTask: (id: string) => client.call('tasks.get', { id }),
    };
  },
});
