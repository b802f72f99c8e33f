// Duty records as the server sends them, for renderer tests (the duty slice's, the duty panels',
// the map slice's).
import type { Handover, OnDuty, Report, Shift } from '@contract/duty';
import { person } from '../plans/test-fixtures';

// A response and its actions are the plans' records: one copy, in the plans' fixtures.
export { action, response } from '../plans/test-fixtures';

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
