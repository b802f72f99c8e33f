// The console's 指令调度 tab: who is acting, ordering a task (from a live response or on its own),
// every task with its live state (or one street's inbox: a street centre's machine opens on its
// own), and the chosen task's detail with its history and the answers its state allows.
import { useState } from 'react';
import { isFinalTaskState } from '@contract/tasks';
import { YUEXIU_STREETS } from '@contract/yuexiu';
import { useT } from '../../i18n/use-t';
import { useServerNow } from '../../shared/use-server-now';
import { useSlice } from '../../state/context';
import { inboxOf } from '../../state/tasks/tasks';
import { tasksSlice } from '../../state/tasks/tasks-slice';
import { ActorPicker } from '../duty/ActorPicker';
import { Field } from '../Field';
import { IssueForm } from './IssueForm';
import { TaskDetail } from './TaskDetail';
import { TaskList } from './TaskList';
import './tasks-console.css';

/** '' every task; 'open' the ones not final; else a street's inbox. */
type View = '' | 'open' | string;

export function TasksConsole() {
  const t = useT();
  const tasks = useSlice(tasksSlice, (s) => s.tasks);
  const myStreet = useSlice(tasksSlice, (s) => s.street);
  const now = useServerNow(1000);
  const [chosenView, setView] = useState<View | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // A street centre's machine opens on its own inbox.
  const view = chosenView ?? myStreet ?? '';
  const shown = view === '' ? tasks : view === 'open' ? tasks.filter((x) => !isFinalTaskState(x.state)) : inboxOf(tasks, view);
  const selected = tasks.find((x) => x.id === selectedId) ?? null;
  return (
    <>
      <section className="console-section tab-section tab-toolbar">
        <ActorPicker />
      </section>
      {myStreet === null && <IssueForm onIssued={setSelectedId} />}
      <div className="list-detail list-detail-sections">
        <section className="console-section tasks-list-section">
          <h2>{t('tasks.listTitle')}</h2>
          <Field label={t('tasks.view')}>
            <select data-testid="task-view" value={view} onChange={(e) => setView(e.target.value)}>
              <option value="">{t('tasks.viewAll')}</option>
              <option value="open">{t('tasks.viewOpen')}</option>
              {YUEXIU_STREETS.map((s) => (
                <option key={s.name} value={s.name}>
                  {t('tasks.viewInbox', { street: s.name })}
                </option>
              ))}
            </select>
          </Field>
          <TaskList tasks={shown} now={now} selectedId={selectedId} onSelect={setSelectedId} />
        </section>
        {selected && <TaskDetail task={selected} now={now} street={myStreet} />}
      </div>
    </>
  );
}
