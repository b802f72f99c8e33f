// Dispatch a team (调派队伍): a task addressed to the team (title, content, priority, deadline,
// the place), checked with the contract's schema as the person types; each problem said under
// its field in the page's language, the button disabled with the fields still to fix beside it.
import { useMemo, useState } from 'react';
import { DISPATCHABLE, TEAM_STATUS_LABELS, type Team } from '@contract/teams';
import { TASK_PRIORITY_LABELS, TaskPriority } from '@contract/tasks';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useServerNow } from '../../shared/use-server-now';
import { useCommands } from '../../state/context';
import { teamsSlice } from '../../state/teams/teams-slice';
import { CommandStatus } from '../CommandStatus';
import { DraftForm } from '../DraftForm';
import { useActor } from '../duty/ActorPicker';
import { EnumSelect } from '../duty/EnumSelect';
import { Field, TextArea, TextField } from '../Field';
import { StillToFix } from '../StillToFix';
import { useCommand } from '../use-command';
import { draftField } from '../draft-field';
import { useDraftCheck } from '../use-draft-check';
import { blankDispatch, dispatchInput, DispatchTaskInput, DRAFT_FIELD, type DispatchDraft } from './dispatch-draft';

export function DispatchForm({ teams, teamId, onDispatched }: { teams: readonly Team[]; teamId: string; onDispatched(teamId: string): void }) {
  const t = useT();
  const label = useLabel();
  const actor = useActor();
  const now = useServerNow(1000);
  const { dispatchTeam } = useCommands(teamsSlice);
  const cmd = useCommand();
  const [d, setD] = useState<DispatchDraft>(() => blankDispatch(teamId));
  const chosen = d.teamId || teamId;
  // The deadline moves with the clock: check it at the minute, not every second.
  const minute = Math.floor(now / 60_000) * 60_000;
  const input = useMemo(() => dispatchInput(d, minute + 60_000), [d, minute]);
  const check = useDraftCheck(DispatchTaskInput, input);
  const shown = (field: keyof DispatchDraft): string | undefined =>
    Object.entries(DRAFT_FIELD)
      .filter(([, f]) => f === field)
      .map(([path]) => check.shown(path))
      .find((e) => e !== undefined);
  const edit = (patch: Partial<DispatchDraft>): void => {
    setD((x) => ({ ...x, ...patch }));
    const paths = Object.keys(patch).flatMap((k) =>
      Object.entries(DRAFT_FIELD)
        .filter(([, f]) => f === k)
        .map(([p]) => p.split('.')[0]),
    );
    check.touch(...paths);
  };
  const dispatchable = teams.filter((x) => DISPATCHABLE.includes(x.status));
  const submit = async (): Promise<void> => {
    if (!check.valid || !chosen) return check.attempt();
    const r = await cmd.run(
      () => dispatchTeam(chosen, dispatchInput(d, now)),
      () => t('teams.dispatched'),
    );
    if (r) {
      setD(blankDispatch());
      check.reset();
      onDispatched(chosen);
    }
  };
  const labels = { title: t('tasks.title'), content: t('tasks.content'), deadline: t('tasks.deadlineMinutes'), position: t('tasks.lat') };
  const field = draftField(
    d,
    edit,
    { shown },
    { title: labels.title, minutes: labels.deadline, lat: t('tasks.lat'), lng: t('tasks.lng'), content: labels.content },
  );
  return (
    <DraftForm className="console-section teams-dispatch" testId="team-dispatch-form" busy={cmd.busy} onSubmit={() => void submit()}>
      <h2>{t('teams.dispatchTitle')}</h2>
      <div className="form-row">
        <Field label={t('teams.name')}>
          <select data-testid="dispatch-team" value={chosen} onChange={(e) => edit({ teamId: e.target.value })}>
            <option value="">{t('teams.chooseTeam')}</option>
            {dispatchable.map((x) => (
              <option key={x.id} value={x.id}>
                {x.name} · {label(TEAM_STATUS_LABELS[x.status])}
              </option>
            ))}
          </select>
        </Field>
        <TextField {...field('title')} testId="dispatch-title" maxLength={80} />
        <EnumSelect
          label={t('tasks.priority')}
          testId="dispatch-priority"
          value={d.priority}
          options={TaskPriority.options}
          labels={TASK_PRIORITY_LABELS}
          onChange={(priority) => edit({ priority })}
        />
        <TextField {...field('minutes')} testId="dispatch-minutes" type="number" />
      </div>
      <div className="form-row">
        <TextField {...field('lat')} testId="dispatch-lat" inputMode="decimal" />
        <TextField {...field('lng')} testId="dispatch-lng" inputMode="decimal" />
      </div>
      <TextArea {...field('content')} testId="dispatch-content" maxLength={2000} />
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="dispatch-submit" disabled={!actor || !chosen || !check.valid || cmd.busy}>
          {t('teams.dispatch')}
        </button>
        <StillToFix errors={check.errors} labels={labels} />
        <CommandStatus cmd={cmd} testId="dispatch" />
      </div>
    </DraftForm>
  );
}
