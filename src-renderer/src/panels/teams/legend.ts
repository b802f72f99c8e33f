// What the teams panel's shapes mean, for the statuses of the teams on screen: ▶ dispatched,
// ■ on scene, ◀ returning (teams-panel.css draws the same glyph before each line's status).
import type { Team, TeamStatus } from '@contract/teams';

export const TEAM_SHAPES: Partial<Record<TeamStatus, string>> = { dispatched: '▶', on_scene: '■', returning: '◀' };

/** The shaped statuses among these teams, in the order dispatched, on scene, returning. */
export function teamShapes(teams: readonly Pick<Team, 'status'>[]): { status: TeamStatus; shape: string }[] {
  const present = new Set(teams.map((t) => t.status));
  return (Object.entries(TEAM_SHAPES) as [TeamStatus, string][]).filter(([s]) => present.has(s)).map(([status, shape]) => ({ status, shape }));
}
