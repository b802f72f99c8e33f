// Every task with its live state: newest first, or one street's inbox, or the open ones only;
// unacknowledged and overdue ones marked. A row opens the task's detail.
import { TASK_PRIORITY_LABELS, TASK_STATE_LABELS, type Task } from '@contract/tasks';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { dateTime } from '../../state/duty/format';
import { countdown, flagsAt } from '../../state/tasks/tasks';
import { addresseeText } from './addressee-text';

export function TaskList({ tasks, now, selectedId, onSelect }: { tasks: readonly Task[]; now: number; selectedId: string | null; onSelect(id: string): void }) {
  const t = useT();
  const label = useLabel();
  if (tasks.length === 0) return <p className="empty-note">{t('tasks.none')}</p>;
  return (
    <table className="pick-table tasks-table" data-testid="task-list">
      <thead>
        <tr>
          <th>{t('tasks.state')}</th>
          <th>{t('tasks.title')}</th>
          <th>{t('tasks.addressee')}</th>
          <th>{t('tasks.priority')}</th>
          <th>{t('tasks.deadline')}</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => {
          const f = flagsAt(task, now);
          return (
            <tr
              key={task.id}
              className={task.id === selectedId ? 'selected' : undefined}
              data-testid={`task-row-${task.id}`}
              data-state={task.state}
              data-unacknowledged={f.unacknowledged || undefined}
              data-overdue={f.overdue || undefined}
              onClick={() => onSelect(task.id)}
            >
              <td>
                <span className={`task-state task-state-${task.state}`}>{label(TASK_STATE_LABELS[task.state])}</span>
                {f.unacknowledged && <span className="task-flag task-flag-unack">{t('tasks.unacknowledged')}</span>}
                {f.overdue && <span className="task-flag task-flag-overdue">{t('tasks.overdue')}</span>}
              </td>
              <td>{task.title}</td>
              <td>{addresseeText(label, task.addressee)}</td>
              <td>{label(TASK_PRIORITY_LABELS[task.priority])}</td>
              <td className="tabular">
                {dateTime(task.deadline)}
                {task.state === 'issued' && !f.unacknowledged && (
                  <span className="task-countdown"> · {t('tasks.ackIn', { left: countdown(task.ackDueAt, now) })}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
