// Rescue teams (救援队伍): every team on the map with its status, current task and last sortie
// times, and the counts by status, followed live through teams.changed. Commands change a team's
// status and dispatch one (a task addressed to it) as the app slice's acting person, and fold the
// server's reply in at once; other pages follow from the pushes.
import type { DispatchTaskInput, Team, TeamDetail, TeamStatus, TeamSummary } from '@contract/teams';
import type { Coordinates } from '@contract/yuexiu';
import { appSlice } from '../app/app-slice';
import { defineSlice } from '../slice';
import { upsertTeam } from './teams';

export interface TeamsState {
  teams: Team[];
  summary: TeamSummary | null;
}

export const teamsSlice = defineSlice({
  name: 'teams',
  loadAs: 'teamsLoad',
  initial: (): TeamsState => ({ teams: [], summary: null }),
  load: ({ client }) => client.call('teams.list', {}),
  events: {
    'teams.changed': (p, t) => {
      // A bulk change (the demo set, an import) carries no team: read them all again.
      if (p.change === 'bulk') return void t.reload();
      if (p.team) return (s) => ({ teams: upsertTeam(s.teams, p.team!), summary: p.summary });
      return (s) => ({ teams: s.teams.filter((x) => x.id !== p.teamId), summary: p.summary });
    },
  },
  commands: (t) => {
    const { client } = t;
    /** The acting person; an empty id is refused by the server naming params.by. */
    const by = (): string => t.slice(appSlice).store.getState().actorId ?? '';
    const fold = (team: Team): Team => {
      t.set((s) => ({ teams: upsertTeam(s.teams, team) }));
      return team;
    };
    return {
      changeTeamStatus: async (id: string, status: TeamStatus, note = '', position?: Coordinates) =>
        fold(await client.call('teams.changeStatus', { id, status, note, by: by(), ...(position ? { position } : {}) })),
      dispatchTeam: async (teamId: string, task: DispatchTaskInput) => {
        const r = await client.call('teams.dispatch', { teamId, task, by: by() });
        fold(r.team);
        return r;
      },
      /** The register from an .xlsx workbook into the map (all or nothing; a refusal's data names each bad row). */
      importTeams: (fileBase64: string) => client.call('teams.importTeams', { fileBase64 }),
      /** One team with its history, for the detail view. */
      readTeam: (id: string): Promise<TeamDetail> => client.call('teams.get', { id }),
    };
  },
});
