// One task: what was ordered, to whom, its flags, its history (who, from which street, when), and
// the answers its state allows: acknowledge, progress, done with a result, refuse with a reason
// (the addressee's), cancel with a reason (the district's); the three final ones ask first, naming
// the task and who hears of it. The server refuses what the caller's rights or street do not
// allow, and names why.
import { useEffect, useState } from 'react';
import { TASK_PRIORITY_LABELS, TASK_STATE_LABELS, type Task, type TaskDetail as Detail, type TaskState } from '@contract/tasks';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useCommands } from '../../state/context';
import { dateTime } from '../../state/duty/format';
import { flagsAt } from '../../state/tasks/tasks';
import { tasksSlice } from '../../state/tasks/tasks-slice';
import { CommandStatus } from '../CommandStatus';
import { ConfirmButton } from '../ConfirmButton';
import { useActor } from '../duty/ActorPicker';
import { useCommand } from '../use-command';
import { addresseeText } from './addressee-text';

type Answer = 'acknowledge' | 'progress' | 'complete' | 'refuse' | 'cancel';
/** The answers each state allows (as the core's state machine, contract/tasks.ts). */
const ANSWERS: Record<TaskState, Answer[]> = {
  issued: ['acknowledge', 'refuse', 'cancel'],
  received: ['progress', 'complete', 'refuse', 'cancel'],
  in_progress: ['progress', 'complete', 'refuse', 'cancel'],
  done: [],
  refused: [],
  cancelled: [],
};

export function TaskDetail({ task, now, street }: { task: Task; now: number; street: string | null }) {
  const t = useT();
  const label = useLabel();
  const { readTask } = useCommands(tasksSlice);
  const [detail, setDetail] = useState<Detail | null>(null);
  // Read the history again whenever the task changes (a push moved its updatedAt).
  useEffect(() => {
    let live = true;
    void readTask(task.id).then((d) => live && d && setDetail(d));
    return () => {
      live = false;
    };
  }, [readTask, task.id, task.updatedAt]);
  const f = flagsAt(task, now);
  return (
    <section className="console-section task-detail" data-testid="task-detail" data-state={task.state}>
      <h2>
        {task.title} <span className={`task-state task-state-${task.state}`}>{label(TASK_STATE_LABELS[task.state])}</span>
        {f.unacknowledged && <span className="task-flag task-flag-unack">{t('tasks.unacknowledged')}</span>}
        {f.overdue && <span className="task-flag task-flag-overdue">{t('tasks.overdue')}</span>}
      </h2>
      <p className="task-content">{task.content}</p>
      <dl className="facts">
        <dt>{t('tasks.addressee')}</dt>
        <dd>{addresseeText(label, task.addressee)}</dd>
        <dt>{t('tasks.priority')}</dt>
        <dd>{label(TASK_PRIORITY_LABELS[task.priority])}</dd>
        <dt>{t('tasks.deadline')}</dt>
        <dd className="tabular">{dateTime(task.deadline)}</dd>
        <dt>{t('tasks.ackDue')}</dt>
        <dd className="tabular">{dateTime(task.ackDueAt)}</dd>
        {task.position && (
          <>
            <dt>{t('tasks.position')}</dt>
            <dd className="tabular">
              {task.position.lat.toFixed(5)}, {task.position.lng.toFixed(5)}
            </dd>
          </>
        )}
        {task.result && (
          <>
            <dt>{t('tasks.result')}</dt>
            <dd data-testid="task-result">{task.result}</dd>
          </>
        )}
        {task.reason && (
          <>
            <dt>{t('tasks.reason')}</dt>
            <dd data-testid="task-reason">{task.reason}</dd>
          </>
        )}
      </dl>
      <AnswerBar task={task} street={street} />
      {detail && (
        <ol className="history" data-testid="task-history">
          {[...detail.history].reverse().map((e, i) => (
            <li key={`${e.at}-${i}`} data-to={e.to}>
              <span className="tabular">{dateTime(e.at)}</span> <b>{e.by.name}</b>
              {e.street && <span className="task-street"> ({e.street})</span>}{' '}
              {e.from ? `${label(TASK_STATE_LABELS[e.from])} → ${label(TASK_STATE_LABELS[e.to])}` : label(TASK_STATE_LABELS[e.to])}
              {e.text && <span className="history-note"> — {e.text}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The confirmation of each final answer: its question and what follows. */
const FINAL_TITLE = { complete: 'confirm.taskCompleteTitle', refuse: 'confirm.taskRefuseTitle', cancel: 'confirm.taskCancelTitle' } as const;
const FINAL_BODY = { complete: 'confirm.taskCompleteBody', refuse: 'confirm.taskRefuseBody', cancel: 'confirm.taskCancelBody' } as const;

/** On a street centre's machine (`street`) the district's cancel is not offered: its role cannot. */
function AnswerBar({ task, street }: { task: Task; street: string | null }) {
  const t = useT();
  const actor = useActor();
  const c = useCommands(tasksSlice);
  const cmd = useCommand();
  const [text, setText] = useState('');
  const label = useLabel();
  const answers = ANSWERS[task.state].filter((a) => street === null || a !== 'cancel');
  // Done, refused and cancelled are final and each needs its text (contract/tasks.ts, at least 2
  // characters): the button waits for it, then asks first, saying who hears of it.
  const textOk = text.trim().length >= 2;
  if (answers.length === 0) return null;
  const act = async (a: Answer): Promise<void> => {
    const run = {
      acknowledge: () => c.acknowledgeTask(task.id, text),
      progress: () => c.progressTask(task.id, text),
      complete: () => c.completeTask(task.id, text),
      refuse: () => c.refuseTask(task.id, text),
      cancel: () => c.cancelTask(task.id, text),
    }[a];
    if (await cmd.run(run)) setText('');
  };
  return (
    <div className="form-actions task-answers">
      <input
        className="wide"
        data-testid="task-answer-text"
        placeholder={t('tasks.answerText')}
        aria-label={t('tasks.answerText')}
        value={text}
        maxLength={2000}
        onChange={(e) => setText(e.target.value)}
      />
      {answers.map((a) =>
        a === 'complete' || a === 'refuse' || a === 'cancel' ? (
          <ConfirmButton
            key={a}
            className={a === 'complete' ? 'primary' : 'danger'}
            testId={`task-${a}`}
            disabled={!actor || cmd.busy || !textOk}
            label={t(`tasks.do.${a}`)}
            title={t(FINAL_TITLE[a], { title: task.title })}
            consequence={
              <p>{t(FINAL_BODY[a], { title: task.title, text: text.trim(), issuer: task.issuedBy.name, addressee: addresseeText(label, task.addressee) })}</p>
            }
            onConfirm={() => void act(a)}
          />
        ) : (
          <button
            key={a}
            type="button"
            className={a === 'acknowledge' ? 'primary' : undefined}
            data-testid={`task-${a}`}
            disabled={!actor || cmd.busy}
            onClick={() => void act(a)}
          >
            {t(`tasks.do.${a}`)}
          </button>
        ),
      )}
      {!textOk && answers.some((a) => a in FINAL_TITLE) && (
        <span className="field-hint" data-testid="task-answer-needs-text">
          {t('confirm.taskNeedsText')}
        </span>
      )}
      <CommandStatus cmd={cmd} testId="task-answer" />
    </div>
  );
}
