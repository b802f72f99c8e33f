// 救援队伍 on the wall: teams and people by status, then the teams out (dispatched, on scene,
// returning), the longest out first, each with its task and the minutes since it was dispatched
// (recomputed every second between pushes). A task not among those loaded reads 「指令（未载入）」,
// never its id.
import { TEAM_STATUS_LABELS, TEAM_STATUSES, type Team, type TeamSummary } from '@contract/teams';
import { PanelLoading } from '../../shared/PanelLoading';
import type { Task } from '@contract/tasks';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useServerNow } from '../../shared/use-server-now';
import { useSlice } from '../../state/context';
import { tasksSlice } from '../../state/tasks/tasks-slice';
import { minutesOut, teamsOut } from '../../state/teams/teams';
import { teamsSlice } from '../../state/teams/teams-slice';
import { FitList } from '../FitList';
import { Legend } from '../../shared/Legend';
import { teamShapes } from './legend';
import './teams-panel.css';

export function TeamsPanel() {
  const loaded = useSlice(teamsSlice, (s) => s.loaded);
  const teams = useSlice(teamsSlice, (s) => s.teams);
  const summary = useSlice(teamsSlice, (s) => s.summary);
  const tasks = useSlice(tasksSlice, (s) => s.tasks);
  const now = useServerNow(1000);
  if (!loaded || summary === null) return <PanelLoading />;
  return <TeamsView teams={teams} summary={summary} tasks={tasks} now={now} />;
}

/** What the panel shows for these teams, counts and tasks at `now`. */
export function TeamsView({ teams, summary, tasks, now }: { teams: readonly Team[]; summary: TeamSummary; tasks: readonly Task[]; now: number }) {
  const t = useT();
  const label = useLabel();
  const out = teamsOut(teams);
  const titles = new Map(tasks.map((x) => [x.id, x.title]));
  const legend = teamShapes(out).map(({ status, shape }) => ({ id: status, shape, word: label(TEAM_STATUS_LABELS[status]) }));
  return (
    <div className="panel teams-panel" data-testid="panel-teams" data-out={out.length}>
      <div className="teams-counts">
        {TEAM_STATUSES.map((s) => (
          <span key={s} className={`teams-count team-status-${s}`} data-testid={`teams-count-${s}`} data-count={summary.byStatus[s]}>
            <span className="teams-count-label">{label(TEAM_STATUS_LABELS[s])}</span>
            <span className="teams-count-n">{summary.byStatus[s]}</span>
            <span className="teams-count-people">{t('teams.people', { n: summary.peopleByStatus[s] })}</span>
          </span>
        ))}
      </div>
      {out.length === 0 ? (
        <div className="panel-waiting">{t('teams.noneOut')}</div>
      ) : (
        <FitList
          className="team-lines"
          items={out}
          keyOf={(x) => x.id}
          version={Math.floor(now / 60_000)}
          render={(team) => (
            <li className={`team-line team-status-${team.status}`} data-testid={`team-line-${team.id}`}>
              <span className="team-line-status">{label(TEAM_STATUS_LABELS[team.status])}</span>
              <span className="team-line-name">{team.name}</span>
              <span className="team-line-task">{team.taskId ? (titles.get(team.taskId) ?? t('refs.taskUnknown')) : t('teams.noTask')}</span>
              <span className="team-line-time tabular">{t('teams.minutesOut', { n: minutesOut(team, now) })}</span>
            </li>
          )}
        />
      )}
      <Legend entries={legend} label={t('legend.label')} />
    </div>
  );
}
