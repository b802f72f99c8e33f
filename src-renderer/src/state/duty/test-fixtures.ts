// Records as the server sends them, for the duty slice's tests (and only those).
import type { Handover, OnDuty, Report, Shift } from '@contract/duty';
import type { Response, ResponseAction } from '@contract/plans';

const person = { id: 'per_test0001', name: '周杰', role: 'officer' as const };

export function report(id: string, receivedAt: number, patch: Partial<Report> = {}): Report {
  return {
    id,
    receivedAt,
    source: 'street',
    category: 'flood',
    street: '北京街',
    location: '北京路',
    coordinates: null,
    summary: `summary ${id}`,
    severity: 'medium',
    caller: '',
    status: 'new',
    recordedBy: person,
    recordedAt: receivedAt,
    updatedAt: receivedAt,
    responseIds: [],
    demo: false,
    ...patch,
  };
}

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

export function handover(id: string, handedOverAt: number, patch: Partial<Handover> = {}): Handover {
  return {
    id,
    outgoing: person,
    incoming: { id: 'per_test0002', name: '吴婷', role: 'officer' },
    notes: '',
    openItems: [],
    status: 'pending',
    handedOverAt,
    confirmedAt: null,
    confirmNote: '',
    cancelledAt: null,
    cancelReason: '',
    demo: false,
    ...patch,
  };
}

export function shift(id: string, role: Shift['role'], name: string, start: number, end: number): Shift {
  return {
    id,
    personId: `per_${id.slice(4)}`,
    role,
    start,
    end,
    note: '',
    corrected: false,
    demo: false,
    person: { name, phone: '13800000000', unit: '区应急指挥中心' },
  };
}

export function onDuty(current: Shift[], next: Shift[] = [], at = 0): OnDuty {
  return { at, current, next, validUntil: null };
}
