// A task as the server sends it, for the tasks tests.
import type { Task } from '@contract/tasks';

export function task(id: string, issuedAt: number, over: Partial<Task> = {}): Task {
  return {
    id,
    title: '疏散北京路低洼点群众',
    content: '组织群众转移',
    priority: 'urgent',
    addressee: { kind: 'street', name: '北京街' },
    deadline: issuedAt + 3600_000,
    ackWindowMin: 5,
    ackDueAt: issuedAt + 5 * 60_000,
    position: null,
    source: { responseId: null, reportId: null },
    attachments: [],
    state: 'issued',
    result: '',
    reason: '',
    issuedAt,
    issuedBy: { id: 'per_leader01', name: '陈志强', role: 'leader' },
    receivedAt: null,
    startedAt: null,
    finishedAt: null,
    updatedAt: issuedAt,
    unacknowledged: false,
    overdue: false,
    asOf: issuedAt,
    ...over,
  };
}
