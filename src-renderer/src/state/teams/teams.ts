// Pure helpers on teams as the server sends them: one replaced or added in the list (in the
// server's order: professional first, then by name), the teams out on a sortie for the wall, and
// the time since a team was dispatched.
import { compareTeams, OUT_STATUSES, type Team } from '@contract/teams';

/** The list with `team` in it (replacing the one of its id), in the server's order. */
export function upsertTeam(teams: readonly Team[], team: Team): Team[] {
  return [...teams.filter((t) => t.id !== team.id), team].sort(compareTeams);
}

/** Teams dispatched, on scene or returning, the longest out first. */
export function teamsOut(teams: readonly Team[]): Team[] {
  return teams.filter((t) => OUT_STATUSES.includes(t.status)).sort((a, b) => (a.dispatchedAt ?? a.since) - (b.dispatchedAt ?? b.since));
}

/** Whole minutes since the team's sortie began (its dispatch, else its status), never negative. */
export function minutesOut(team: Team, now: number): number {
  return Math.max(0, Math.floor((now - (team.dispatchedAt ?? team.since)) / 60_000));
}
