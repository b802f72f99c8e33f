import { describe, expect, it } from 'vitest';
import { checklistProgress, isOverdue, wholeMinutes } from './checklist';
import { action } from './test-fixtures';

describe('checklist progress', () => {
  const due = 1_000_000;
  const items = [
    action('act_a0001', due - 60_000),
    action('act_b0001', due + 60_000, { status: 'in_progress' }),
    action('act_c0001', due - 120_000, { status: 'done' }),
    action('act_d0001', due - 180_000, { status: 'na', note: '无地下空间' }),
    action('act_e0001', due - 240_000, { status: 'in_progress' }),
  ];

  it('counts done and not applicable as finished, and open items past dueAt as overdue', () => {
    const p = checklistProgress(items, due);
    expect([p.total, p.finished, p.inProgress, p.pending]).toEqual([5, 2, 2, 1]);
    expect(p.overdue.map((a) => a.id)).toEqual(['act_e0001', 'act_a0001']);
    expect(p.upcoming.map((a) => a.id)).toEqual(['act_b0001']);
    expect(p.ratio).toBeCloseTo(0.4);
  });

  it('recounts from dueAt with the clock it is given, whatever the server said earlier', () => {
    const stale = action('act_f0001', due, { overdue: false });
    expect(isOverdue(stale, due)).toBe(false); // due exactly now: not yet late
    expect(isOverdue(stale, due + 1)).toBe(true);
    expect(checklistProgress([stale], due + 60_000).overdue).toHaveLength(1);
    expect(isOverdue({ ...stale, status: 'done' }, due + 60_000)).toBe(false);
  });

  it('counts an empty checklist as finished', () => {
    expect(checklistProgress([], due).ratio).toBe(1);
  });

  it('rounds minutes towards zero', () => {
    expect(wholeMinutes(0, 119_999)).toBe(1);
    expect(wholeMinutes(0, -119_999)).toBe(-1);
  });
});
