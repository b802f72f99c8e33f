// Plan records as the server sends them, for renderer tests: the plans slice's, and the duty, map
// and warnings tests that need a response (the one copy of these fixtures; `state/duty` re-exports
// `action` and `response`).
import { PlanCategory, type Kpis, type Response, type ResponseAction } from '@contract/plans';

export const person = { id: 'per_test0001', name: '周杰', role: 'officer' as const };

export function action(id: string, dueAt: number, patch: Partial<ResponseAction> = {}): ResponseAction {
  return {
    id,
    level: 'IV',
    text: `action ${id}`,
    unit: '区三防办',
    timeLimitMinutes: 30,
    addedAt: dueAt - 30 * 60_000,
    dueAt,
    owner: '区三防办',
    status: 'pending',
    startedAt: null,
    doneAt: null,
    note: '',
    updatedAt: dueAt - 30 * 60_000,
    updatedBy: null,
    overdue: false,
    ...patch,
  };
}

export function response(id: string, activatedAt: number, actions: ResponseAction[], patch: Partial<Response> = {}): Response {
  return {
    id,
    planId: 'pln_test0001',
    planTitle: '越秀区防汛防旱防风防冻应急预案',
    category: 'sanfang',
    level: 'IV',
    status: 'active',
    activatedAt,
    activatedBy: person,
    closedAt: null,
    closedBy: null,
    summary: '',
    reportIds: [],
    actions,
    progress: { total: actions.length, pending: actions.length, inProgress: 0, done: 0, na: 0, overdue: 0 },
    asOf: activatedAt,
    demo: false,
    ...patch,
  };
}

export function kpis(revisionRate: number | null = 0.5): Kpis {
  return {
    asOf: '2025-06-03',
    revision: { revised: 1, total: 2, rate: revisionRate, target: 1, overdue: [] },
    drills: { year: 2025, planned: 0, held: 0, rate: null, target: 1, overdue: [] },
    plansByCategory: Object.fromEntries(PlanCategory.options.map((c) => [c, 0])) as Record<PlanCategory, number>,
  };
}
