// A team and counts as the server sends them, for the teams tests.
import { TEAM_STATUSES, type Team, type TeamStatus, type TeamSummary } from '@contract/teams';

export function team(id: string, name: string, over: Partial<Team> = {}): Team {
  return {
    id,
    name,
    street: '北京街',
    professional: true,
    people: 30,
    status: 'standby',
    since: 0,
    taskId: null,
    position: { lat: 23.129, lng: 113.264 },
    dispatchedAt: null,
    arrivedAt: null,
    returnedAt: null,
    address: '',
    equipment: '冲锋舟 2 艘',
    contact: '020-1234',
    demo: false,
    ...over,
  };
}

/** Counts with `teams` of 30 people in each status given. */
export function summary(teams: Partial<Record<TeamStatus, number>>): TeamSummary {
  const byStatus = Object.fromEntries(TEAM_STATUSES.map((s) => [s, teams[s] ?? 0])) as Record<TeamStatus, number>;
  const peopleByStatus = Object.fromEntries(TEAM_STATUSES.map((s) => [s, (teams[s] ?? 0) * 30])) as Record<TeamStatus, number>;
  const n = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return { teams: n, people: n * 30, byStatus, peopleByStatus };
}
