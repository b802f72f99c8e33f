// The reporting slice with a scripted client, and the countdown helpers: it loads the clocks,
// follows reporting.changed (a 终报 takes a clock off, a deadline change re-reads), re-reads on a
// duty log change, and submits as the acting person.
import { describe, expect, it } from 'vitest';
import type { Replies } from '../../test-kit/fake-client';
import { expectListeningWhileHeld, holdOpen, sliceOnFake, tick } from '../../test-kit/slice-kit';
import { appSlice } from '../app/app-slice';
import { countdown, isOverdue, sortClocks } from './reporting';
import { reportingSlice } from './reporting-slice';
import { clock, NOW } from './test-fixtures';

const MIN = 60_000;

function server(extra: Replies = {}): Replies {
  return { 'reporting.listClocks': () => ({ clocks: [clock('rep_a0001', NOW + 50 * MIN), clock('rep_b0001', NOW - MIN)], asOf: NOW }), ...extra };
}

describe('reporting slice', () => {
  it('loads the clocks, overdue first, and stops listening on release', async () => {
    const { fake, s } = sliceOnFake(reportingSlice, server(), () => NOW);
    const release = s.hold();
    fake.status('open');
    await tick();
    expect(s.store.getState().clocks.map((c) => c.reportId)).toEqual(['rep_b0001', 'rep_a0001']);
    expectListeningWhileHeld(fake, s, release);
  });

  it('follows pushes: a 首报 moves a clock on, a 终报 takes it off, a deadline change and a duty log change re-read', async () => {
    let reads = 0;
    const { fake, s } = sliceOnFake(
      reportingSlice,
      server({ 'reporting.listClocks': () => (reads++, { clocks: [clock('rep_a0001', NOW + 50 * MIN)], asOf: NOW }) }),
      () => NOW,
    );
    await holdOpen(fake, s);
    const moved = clock('rep_a0001', NOW + 120 * MIN, { stage: 'followup', dueKind: 'followup', versions: 1 });
    fake.emit('reporting.changed', { change: 'submitted', reportId: 'rep_a0001', clock: moved, filing: null });
    expect(s.store.getState().clocks).toEqual([moved]);
    fake.emit('reporting.changed', { change: 'submitted', reportId: 'rep_a0001', clock: clock('rep_a0001', null, { stage: 'done' }), filing: null });
    expect(s.store.getState().clocks).toEqual([]);
    expect(reads).toBe(1);
    fake.emit('reporting.changed', { change: 'deadlines', reportId: null, clock: null, filing: null });
    await tick();
    expect(reads).toBe(2);
    fake.emit('duty.logChanged', { change: 'recorded', report: null, openCounts: { new: 1, verifying: 0, handling: 0 } });
    await tick();
    expect(reads).toBe(3);
  });

  it('submits as the acting person and folds the reply’s clock in', async () => {
    const sent: unknown[] = [];
    const { fake, s, host } = sliceOnFake(
      reportingSlice,
      server({
        'reporting.submit': (p: any) => {
          sent.push(p);
          return { reportId: p.reportId, versions: [], clock: clock(p.reportId, NOW + 120 * MIN, { stage: 'followup' }) };
        },
      }),
      () => NOW,
    );
    host.get(appSlice).store.setState({ actorId: 'per_zhou00001' });
    await holdOpen(fake, s);
    const figures = { deaths: 0, injured: 1, missing: 0, trapped: 0, evacuated: 10, resettled: 0, households: 2, lossWan: 3.5 };
    await s.commands.submitFiling('rep_b0001', { kind: 'first', figures, signer: '陈志强' });
    expect(sent).toEqual([{ reportId: 'rep_b0001', filing: { kind: 'first', figures, signer: '陈志强' }, by: 'per_zhou00001' }]);
    expect(s.store.getState().clocks.map((c) => [c.reportId, c.stage])).toEqual([
      ['rep_a0001', 'first'],
      ['rep_b0001', 'followup'],
    ]);
  });
});

describe('countdown', () => {
  it('counts down in mm:ss, h:mm:ss from an hour, and up with a + once overdue', () => {
    expect(countdown(NOW + 5 * MIN + 7_000, NOW)).toBe('05:07');
    expect(countdown(NOW + 90 * MIN, NOW)).toBe('1:30:00');
    expect(countdown(NOW - 3 * MIN - 7_500, NOW)).toBe('+03:07');
    expect(isOverdue(clock('rep_a0001', NOW), NOW + 1)).toBe(true);
    expect(isOverdue(clock('rep_a0001', NOW), NOW)).toBe(false);
    expect(sortClocks([clock('rep_a0001', NOW + 1), clock('rep_b0001', NOW - 1, { overdue: true })]).map((c) => c.reportId)).toEqual([
      'rep_b0001',
      'rep_a0001',
    ]);
  });
});
