// Every team with its live status: type, street, people, status and since when, its task; the
// buttons move it to each status its own allows (a dispatch goes through the dispatch form, so a
// task is issued with it). A row chooses the team for the dispatch form.
import { TEAM_STATUS_LABELS, TEAM_STATUS_MOVES, type Team, type TeamStatus } from '@contract/teams';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { useCommands } from '../../state/context';
import { dateTime } from '../../state/duty/format';
import { teamsSlice } from '../../state/teams/teams-slice';
import { CommandStatus } from '../CommandStatus';
import { TableHead } from '../TableHead';
import { useActor } from '../duty/ActorPicker';
import { useCommand } from '../use-command';

/** The moves offered as buttons: every allowed one but the dispatch (the form issues its task). */
export const buttonMoves = (status: TeamStatus): TeamStatus[] => TEAM_STATUS_MOVES[status].filter((s) => s !== 'dispatched');

export function TeamTable({ teams, selectedId, onSelect }: { teams: readonly Team[]; selectedId: string | null; onSelect(id: string): void }) {
  const t = useT();
  const label = useLabel();
  const actor = useActor();
  const { changeTeamStatus } = useCommands(teamsSlice);
  const cmd = useCommand();
  if (teams.length === 0) return <p className="empty-note">{t('teams.none')}</p>;
  return (
    <>
      <CommandStatus cmd={cmd} testId="team-status" />
      <table className="pick-table teams-table" data-testid="team-list">
        <TableHead columns={['teams.name', 'teams.type', 'teams.street', 'teams.peopleHead', 'teams.status', 'teams.since', 'teams.actions']} />
        <tbody>
          {teams.map((team) => (
            <tr
              key={team.id}
              className={team.id === selectedId ? 'selected' : undefined}
              data-testid={`team-row-${team.id}`}
              data-status={team.status}
              onClick={() => onSelect(team.id)}
            >
              <td>{team.name}</td>
              <td>{t(team.professional ? 'teams.professional' : 'teams.partTime')}</td>
              <td>{team.street ?? ''}</td>
              <td className="tabular">{team.people}</td>
              <td>
                <span className={`team-status team-status-${team.status}`}>{label(TEAM_STATUS_LABELS[team.status])}</span>
              </td>
              <td className="tabular">{dateTime(team.since)}</td>
              <td>
                {buttonMoves(team.status).map((to) => (
                  <button
                    key={to}
                    type="button"
                    data-testid={`team-move-${team.id}-${to}`}
                    disabled={!actor || cmd.busy}
                    onClick={(e) => {
                      e.stopPropagation();
                      void cmd.run(() => changeTeamStatus(team.id, to));
                    }}
                  >
                    {t('teams.moveTo', { status: label(TEAM_STATUS_LABELS[to]) })}
                  </button>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
