// Order a task (下达指令): to a street, team, department or warehouse, from a live response, a duty
// report or on its own, with priority, deadline, acknowledgement window and the place it concerns.
// Choosing a report fills in its street (as the addressee) and its coordinates.
import { useState } from 'react';
import { ADDRESSEE_KIND_LABELS, AddresseeKind, DEFAULT_ACK_WINDOW_MIN, TASK_PRIORITY_LABELS, TaskPriority, type TaskInput } from '@contract/tasks';
import { YUEXIU_STREETS } from '@contract/yuexiu';
import { useT } from '../../i18n/use-t';
import { fieldErrors, type Issue } from '../../shared/error-text';
import { useLabel } from '../../shared/label';
import { useServerNow } from '../../shared/use-server-now';
import { useCommands, useSlice } from '../../state/context';
import { dutySlice } from '../../state/duty/duty-slice';
import { plansSlice } from '../../state/plans/plans-slice';
import { tasksSlice } from '../../state/tasks/tasks-slice';
import { CommandStatus } from '../CommandStatus';
import { useActor } from '../duty/ActorPicker';
import { Field, TextArea, TextField } from '../Field';
import { useCommand } from '../use-command';

const STREETS = YUEXIU_STREETS.map((s) => s.name);

interface Draft {
  title: string;
  content: string;
  priority: TaskPriority;
  kind: AddresseeKind;
  name: string;
  minutes: string;
  ackWindowMin: string;
  lat: string;
  lng: string;
  responseId: string;
  reportId: string;
}

const blank = (): Draft => ({
  title: '',
  content: '',
  priority: 'urgent',
  kind: 'street',
  name: STREETS[0],
  minutes: '60',
  ackWindowMin: String(DEFAULT_ACK_WINDOW_MIN),
  lat: '',
  lng: '',
  responseId: '',
  reportId: '',
});

/** The draft as tasks.issue takes it; the server checks every field and names the bad one. */
function toInput(d: Draft, now: number): TaskInput {
  const position = d.lat.trim() && d.lng.trim() ? { lat: Number(d.lat), lng: Number(d.lng) } : null;
  return {
    title: d.title,
    content: d.content,
    priority: d.priority,
    addressee: { kind: d.kind, name: d.name },
    deadline: now + Math.round(Number(d.minutes) * 60_000),
    ackWindowMin: Number(d.ackWindowMin),
    position,
    source: { ...(d.responseId ? { responseId: d.responseId } : {}), ...(d.reportId ? { reportId: d.reportId } : {}) },
  };
}

export function IssueForm({ responseId, onIssued }: { responseId?: string; onIssued(id: string): void }) {
  const t = useT();
  const label = useLabel();
  const actor = useActor();
  const now = useServerNow(1000);
  const responses = useSlice(plansSlice, (s) => s.responses);
  const reports = useSlice(dutySlice, (s) => s.reports);
  const { issueTask } = useCommands(tasksSlice);
  const cmd = useCommand();
  const [d, setD] = useState<Draft>(() => ({ ...blank(), responseId: responseId ?? '' }));
  const set = (patch: Partial<Draft>): void => setD((x) => ({ ...x, ...patch }));
  // The server's refusal names each bad field (params.task.…): said under the field.
  const issues = (cmd.errorData as { issues?: Issue[] } | null)?.issues ?? [];
  const errors = fieldErrors(t, issues);
  const err = (...keys: string[]): string | undefined => keys.map((k) => errors[`task.${k}`]).find((e) => e !== undefined);
  const issue = async (): Promise<void> => {
    const r = await cmd.run(
      () => issueTask(toInput(d, now)),
      () => t('tasks.issued'),
    );
    if (r) {
      setD({ ...blank(), responseId: d.responseId, reportId: d.reportId });
      onIssued(r.id);
    }
  };
  return (
    <section className="console-section tasks-issue" data-testid="task-issue-form">
      <h2>{t('tasks.issueTitle')}</h2>
      <div className="form-row">
        <TextField label={t('tasks.title')} error={err('title')} testId="task-title" value={d.title} maxLength={80} onChange={(title) => set({ title })} />
        <Field label={t('tasks.priority')}>
          <select data-testid="task-priority" value={d.priority} onChange={(e) => set({ priority: e.target.value as TaskPriority })}>
            {TaskPriority.options.map((p) => (
              <option key={p} value={p}>
                {label(TASK_PRIORITY_LABELS[p])}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('tasks.addresseeKind')}>
          <select
            data-testid="task-addressee-kind"
            value={d.kind}
            onChange={(e) => {
              const kind = e.target.value as AddresseeKind;
              set({ kind, name: kind === 'street' ? STREETS[0] : '' });
            }}
          >
            {AddresseeKind.options.map((k) => (
              <option key={k} value={k}>
                {label(ADDRESSEE_KIND_LABELS[k])}
              </option>
            ))}
          </select>
        </Field>
        {d.kind === 'street' ? (
          <Field label={t('tasks.addressee')}>
            <select data-testid="task-addressee" value={d.name} onChange={(e) => set({ name: e.target.value })}>
              {STREETS.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </Field>
        ) : (
          <TextField
            label={t('tasks.addressee')}
            error={err('addressee.name')}
            testId="task-addressee"
            value={d.name}
            maxLength={60}
            onChange={(name) => set({ name })}
          />
        )}
      </div>
      <div className="form-row">
        <TextField
          label={t('tasks.deadlineMinutes')}
          error={err('deadline')}
          testId="task-minutes"
          type="number"
          value={d.minutes}
          onChange={(minutes) => set({ minutes })}
        />
        <TextField
          label={t('tasks.ackWindow')}
          error={err('ackWindowMin')}
          testId="task-ack-window"
          type="number"
          value={d.ackWindowMin}
          onChange={(ackWindowMin) => set({ ackWindowMin })}
        />
      </div>
      <div className="form-row">
        <Field label={t('tasks.fromResponse')}>
          <select data-testid="task-response" value={d.responseId} onChange={(e) => set({ responseId: e.target.value })}>
            <option value="">{t('tasks.onItsOwn')}</option>
            {responses.map((r) => (
              <option key={r.id} value={r.id}>
                {r.planTitle}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('tasks.fromReport')}>
          <select
            data-testid="task-report"
            value={d.reportId}
            onChange={(e) => {
              const r = reports.find((x) => x.id === e.target.value);
              set(
                r
                  ? {
                      reportId: r.id,
                      kind: 'street',
                      name: r.street,
                      lat: r.coordinates ? String(r.coordinates.lat) : d.lat,
                      lng: r.coordinates ? String(r.coordinates.lng) : d.lng,
                    }
                  : { reportId: '' },
              );
            }}
          >
            <option value="">{t('tasks.noReport')}</option>
            {reports
              .filter((r) => r.status !== 'closed')
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.street} · {r.summary.slice(0, 30)}
                </option>
              ))}
          </select>
        </Field>
      </div>
      <div className="form-row">
        <TextField
          label={t('tasks.lat')}
          error={err('position.lat', 'position')}
          testId="task-lat"
          value={d.lat}
          inputMode="decimal"
          onChange={(lat) => set({ lat })}
        />
        <TextField
          label={t('tasks.lng')}
          error={err('position.lng', 'position')}
          testId="task-lng"
          value={d.lng}
          inputMode="decimal"
          onChange={(lng) => set({ lng })}
        />
      </div>
      <TextArea
        label={t('tasks.content')}
        error={err('content')}
        testId="task-content"
        value={d.content}
        maxLength={2000}
        onChange={(content) => set({ content })}
      />
      <div className="form-actions">
        <button type="button" className="primary" data-testid="task-issue" disabled={!actor || cmd.busy} onClick={() => void issue()}>
          {t('tasks.issue')}
        </button>
        <CommandStatus cmd={cmd} testId="task-issue" />
      </div>
    </section>
  );
}
