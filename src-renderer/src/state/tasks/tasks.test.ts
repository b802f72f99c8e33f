// The pure tasks helpers: folding pushes in, flags between pushes, the wall's order, counts.
import { describe, expect, it } from 'vitest';
import { countdown, countTasks, flagsAt, inboxOf, upsertTask, wallOrder } from './tasks';
import { task } from './test-fixtures';

const MIN = 60_000;

describe('tasks helpers', () => {
  it('upserts newest issue first, and never takes an older copy over a newer one', () => {
    const a = task('tsk_a0001', 1000);
    const b = task('tsk_b0001', 2000);
    let list = upsertTask(upsertTask([], a), b);
    expect(list.map((t) => t.id)).toEqual(['tsk_b0001', 'tsk_a0001']);
    list = upsertTask(list, { ...a, state: 'received', updatedAt: 3000 });
    expect(list.find((t) => t.id === 'tsk_a0001')?.state).toBe('received');
    list = upsertTask(list, { ...a, state: 'issued', updatedAt: 1000 });
    expect(list.find((t) => t.id === 'tsk_a0001')?.state).toBe('received');
  });

  it('computes the flags with the page’s clock, as the core does', () => {
    const t = task('tsk_a0001', 0, { ackDueAt: 5 * MIN, deadline: 60 * MIN });
    expect(flagsAt(t, 5 * MIN)).toEqual({ unacknowledged: false, overdue: false });
    expect(flagsAt(t, 5 * MIN + 1)).toEqual({ unacknowledged: true, overdue: false });
    expect(flagsAt({ ...t, state: 'received' }, 61 * MIN)).toEqual({ unacknowledged: false, overdue: true });
    expect(flagsAt({ ...t, state: 'done' }, 61 * MIN)).toEqual({ unacknowledged: false, overdue: false });
  });

  it('orders the wall: unacknowledged past the window first, then overdue, then priority and deadline; final ones out', () => {
    const now = 30 * MIN;
    const late = task('tsk_late0001', 0, { state: 'received', deadline: 20 * MIN, priority: 'normal' });
    const unack = task('tsk_unack001', 0, { priority: 'normal' });
    const fresh = task('tsk_fresh001', now - MIN, { priority: 'urgent' });
    const soon = task('tsk_soon0001', now - MIN, { priority: 'urgent', ackDueAt: now + 4 * MIN, deadline: now + 10 * MIN });
    const done = task('tsk_done0001', 0, { state: 'done' });
    expect(wallOrder([done, fresh, late, soon, unack], now).map((t) => t.id)).toEqual(['tsk_unack001', 'tsk_late0001', 'tsk_soon0001', 'tsk_fresh001']);
    const counts = countTasks([done, fresh, late, soon, unack], now);
    expect(counts).toMatchObject({ issued: 3, received: 1, done: 1, unacknowledged: 1, overdue: 1 });
  });

  it('finds a street’s inbox and writes countdowns', () => {
    const list = [
      task('tsk_a0001', 0),
      task('tsk_b0001', 0, { addressee: { kind: 'street', name: '六榕街' } }),
      task('tsk_c0001', 0, { addressee: { kind: 'team', name: '北京街' } }),
    ];
    expect(inboxOf(list, '北京街').map((t) => t.id)).toEqual(['tsk_a0001']);
    expect(countdown(4 * MIN + 5000, 0)).toBe('4:05');
    expect(countdown(0, 90_000)).toBe('-1:30');
  });
});
