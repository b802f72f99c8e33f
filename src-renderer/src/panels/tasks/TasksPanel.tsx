// 指令调度 on the wall. The district's wall: counts by state, then every open task, those past
// their acknowledgement window first (marked, and the alarm sounds), then the overdue ones (red),
// then by priority and deadline. A street centre's wall shows its own inbox the same way. The
// server pushes an alarm when a task crosses a line; between pushes this recomputes every second.
import { TASK_PRIORITY_LABELS, TASK_STATE_LABELS, type Task, type TaskState } from '@contract/tasks';
import { PanelLoading } from '../../shared/PanelLoading';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useServerNow } from '../../shared/use-server-now';
import { useSlice } from '../../state/context';
import { countTasks, inboxOf, wallOrder } from '../../state/tasks/tasks';
import { tasksSlice } from '../../state/tasks/tasks-slice';
import { FitList } from '../FitList';
import { TaskLine } from './TaskLine';
import { TASK_MARKS, taskMarks } from './legend';
import { Legend } from '../../shared/Legend';
import { useAlarmSound, type AudioStatus } from '../../shared/use-alarm-sound';
import './tasks-panel.css';

const COUNTED: TaskState[] = ['issued', 'received', 'in_progress', 'done', 'refused'];

export function TasksPanel() {
  const loaded = useSlice(tasksSlice, (s) => s.loaded);
  const all = useSlice(tasksSlice, (s) => s.tasks);
  const street = useSlice(tasksSlice, (s) => s.street);
  const now = useServerNow(1000);
  const tasks = street === null ? all : inboxOf(all, street);
  const unacknowledged = loaded && countTasks(tasks, now).unacknowledged > 0;
  const sound = useAlarmSound(unacknowledged ? 'warning' : null, 'command-wall-task-sound');
  if (!loaded) return <PanelLoading />;
  return <TasksView tasks={tasks} street={street} now={now} sound={sound} />;
}

/** What the panel shows for these tasks (a street's inbox already picked out) at `now`. */
export function TasksView({ tasks, street, now, sound }: { tasks: readonly Task[]; street: string | null; now: number; sound: AudioStatus }) {
  const t = useT();
  const label = useLabel();
  const counts = countTasks(tasks, now);
  const lines = wallOrder(tasks, now);
  const legend = taskMarks(lines, now).map((m) => ({
    id: m,
    ...TASK_MARKS[m],
    word: m === 'urgent' || m === 'important' ? label(TASK_PRIORITY_LABELS[m]) : t(m === 'overdue' ? 'tasks.overdue' : 'tasks.unacknowledged'),
  }));
  return (
    <div
      className="panel tasks-panel"
      data-testid="panel-tasks"
      data-street={street ?? undefined}
      data-unacknowledged={counts.unacknowledged}
      data-overdue={counts.overdue}
      data-sound={sound}
    >
      <div className="tasks-head">
        {street !== null && <span className="tasks-heading">{t('tasks.wallInbox', { street })}</span>}
        {counts.unacknowledged > 0 && (
          <span className="tasks-count unacknowledged" data-testid="tasks-count-unacknowledged">
            {t('tasks.unacknowledged')} {counts.unacknowledged}
          </span>
        )}
        {counts.overdue > 0 && (
          <span className="tasks-count overdue" data-testid="tasks-count-overdue">
            {t('tasks.overdue')} {counts.overdue}
          </span>
        )}
        {COUNTED.map((s) => (
          <span key={s} className={`tasks-count state-${s}`} data-testid={`tasks-count-${s}`} data-count={counts[s]}>
            {label(TASK_STATE_LABELS[s])} {counts[s]}
          </span>
        ))}
        {sound === 'suspended' && <span className="tasks-sound-blocked">{t('tasks.soundBlocked')}</span>}
      </div>
      {lines.length === 0 ? (
        <div className="panel-waiting">{t('tasks.noneOpen')}</div>
      ) : (
        <FitList
          className="task-lines"
          items={lines}
          keyOf={(x) => x.id}
          version={Math.floor(now / 1000)}
          render={(task) => <TaskLine task={task} now={now} showAddressee={street === null} />}
        />
      )}
      <Legend entries={legend} label={t('legend.label')} />
    </div>
  );
}
