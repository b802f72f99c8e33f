// Entry of teams (救援队伍): the status lifecycle of the map's rescue teams, their dispatch as a
// task, their history as of any moment. Opens the service and maps the contract's methods onto it.
// The map (the register) and tasks (the dispatch) reach it only through `links`, handed over by
// app.ts; it follows both through the bus.
import type { Capability, CapabilityDeps } from '../capability';
import type { teamsMethods } from '../contract/teams';
import type { TeamLinks } from './links';
import { TeamService } from './team-service';

export type { MapTeam, TeamLinks } from './links';

export async function openTeams(deps: CapabilityDeps, links: TeamLinks): Promise<Capability<typeof teamsMethods>> {
  const teams = new TeamService(deps.store, deps.bus, deps.now, links, deps.log);
  await teams.open();
  return {
    handlers: {
      'teams.list': () => teams.list(),
      'teams.get': ({ id }) => teams.get(id),
      'teams.getSummary': () => teams.summary(),
      'teams.getStatusAt': ({ at }) => teams.statusAt(at),
      'teams.changeStatus': ({ id, status, by, note, position }, ctx) => teams.changeStatus(id, status, by, note, position, ctx.peer),
      'teams.dispatch': ({ teamId, task, by }, ctx) => teams.dispatch(teamId, task, by, ctx),
      'teams.importTeams': ({ fileBase64, dryRun }, ctx) => teams.importTeams(Buffer.from(fileBase64, 'base64'), dryRun, ctx.peer),
    },
    close: () => teams.close(),
  };
}
// What replay (复盘) folds of this capability's history at a moment (handed over by app.ts).
export { teamsAtMoment } from './at-moment';
