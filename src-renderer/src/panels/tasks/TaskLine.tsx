// One task on the wall: a mark, its title, the addressee, its state, and the clock that matters
// (the acknowledgement window while issued, else the deadline). Unacknowledged past the window is
// marked 超时未接收; overdue is red.
import { TASK_STATE_LABELS, type Task } from '@contract/tasks';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { countdown, flagsAt } from '../../state/tasks/tasks';

export function TaskLine({ task, now, showAddressee }: { task: Task; now: number; showAddressee: boolean }) {
  const t = useT();
  const label = useLabel();
  const f = flagsAt(task, now);
  const cls = ['task-line', `priority-${task.priority}`, f.unacknowledged ? 'unacknowledged' : '', f.overdue ? 'overdue' : ''].filter(Boolean).join(' ');
  const clock = task.state === 'issued' ? task.ackDueAt : task.deadline;
  return (
    <li
      className={cls}
      data-testid="task-line"
      data-id={task.id}
      data-state={task.state}
      data-unacknowledged={f.unacknowledged || undefined}
      data-overdue={f.overdue || undefined}
    >
      <span className="task-line-mark" aria-hidden="true">
        {f.unacknowledged || f.overdue ? '!' : '·'}
      </span>
      <span className="task-line-title wall-main">{task.title}</span>
      {showAddressee && <span className="task-line-to">{task.addressee.name}</span>}
      <span className="task-line-state">{f.unacknowledged ? t('tasks.unacknowledged') : label(TASK_STATE_LABELS[task.state])}</span>
      <span className="task-line-clock tabular">{f.overdue ? t('tasks.overdue') : countdown(clock, now)}</span>
    </li>
  );
}
