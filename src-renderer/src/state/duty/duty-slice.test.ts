// The duty slice with a scripted client: it loads when held on an open link, applies pushes (a
// new report flashes), replays pushes that overtake a read, reloads on every reopen, signs
// commands with the acting person, and a refusal reaches its error (an import's row problems too).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RpcError } from '@contract/errors';
import type { OnDuty } from '@contract/duty';
import type { Replies } from '../../test-kit/fake-client';
import { expectListeningWhileHeld, holdOpen, sliceOnFake, tick } from '../../test-kit/slice-kit';
import { appSlice } from '../app/app-slice';
import { dutySlice, type DutyRead } from './duty-slice';
import { kpis } from '../plans/test-fixtures';
import { handover, onDuty, report, shift } from './test-fixtures';

const NOW = 50_000;
const counts = { new: 1, verifying: 0, handling: 0 };

function server(extra: Replies = {}): Replies {
  return {
    'duty.getOnDuty': () => onDuty([shift('shf_lead0001', 'leader', '黄建国', 0, 10_000)]),
    'duty.listReports': () => ({ reports: [report('rep_old00001', 1000)], openCounts: counts }),
    'duty.listHandovers': () => [],
    'duty.listPeople': () => [],
    'duty.getDataStatus': () => ({ empty: false, counts: { people: 1, shifts: 1, reports: 1, handovers: 0, plans: 2, drills: 0, responses: 0 }, demo: false }),
    ...extra,
  };
}

const setup = (extra: Replies = {}, now: () => number = () => NOW) => sliceOnFake(dutySlice, server(extra), now);

afterEach(() => {
  vi.useRealTimers();
});

describe('duty slice', () => {
  it('loads when held and the link is open, and stops listening on release', async () => {
    const { fake, s } = setup();
    const release = s.hold();
    expect(fake.calls).toHaveLength(0); // not open yet
    fake.status('open');
    await tick();
    const d = s.store.getState();
    expect(d.loaded).toBe(true);
    expect(d.onDuty?.current[0].person.name).toBe('黄建国');
    expect(d.reports.map((r) => r.id)).toEqual(['rep_old00001']);
    expect(d.openCounts).toEqual(counts);
    expect(d.rosterVersion).toBe(1);
    expect(fake.calls.find((c) => c.method === 'duty.listReports')?.params).toEqual({ limit: 50 });
    expectListeningWhileHeld(fake, s, release);
  });

  it('applies pushes: new reports flash, handovers update, a roster change bumps its version', async () => {
    const { fake, s } = setup();
    await holdOpen(fake, s);
    fake.emit('duty.logChanged', { change: 'recorded', report: report('rep_new00001', 2000), openCounts: { ...counts, new: 2 } });
    let d = s.store.getState();
    expect(d.reports.map((r) => r.id)).toEqual(['rep_new00001', 'rep_old00001']);
    expect(d.arrivals.rep_new00001).toBe(NOW);
    expect(d.openCounts?.new).toBe(2);
    // A status change moves the report without flashing it.
    fake.emit('duty.logChanged', { change: 'status', report: report('rep_old00001', 1000, { status: 'verifying' }), openCounts: counts });
    d = s.store.getState();
    expect(d.reports[1].status).toBe('verifying');
    expect(d.arrivals.rep_old00001).toBeUndefined();
    fake.emit('duty.handoverChanged', { handover: handover('hov_a0001', 3000) });
    expect(s.store.getState().handovers.map((h) => h.id)).toEqual(['hov_a0001']);
    const next = onDuty([shift('shf_offa0001', 'officer', '罗俊', 0, 10_000)]);
    fake.emit('duty.rosterChanged', { reason: 'shifts', range: null, onDuty: next });
    d = s.store.getState();
    expect(d.onDuty).toEqual(next);
    expect(d.rosterVersion).toBe(2);
  });

  it('replays a push that arrives while a read is under way onto the read’s older reply', async () => {
    let answer: (v: unknown) => void = () => undefined;
    const { fake, s } = setup({ 'duty.listReports': () => new Promise((r) => (answer = r)) as never });
    await holdOpen(fake, s);
    // The status change happened after the server read the log, but its push overtakes the reply.
    fake.emit('duty.logChanged', { change: 'status', report: report('rep_old00001', 1000, { status: 'verifying' }), openCounts: counts });
    answer({ reports: [report('rep_old00001', 1000)], openCounts: counts });
    await tick();
    await tick();
    expect(s.store.getState().reports[0].status).toBe('verifying');
  });

  it('reads everything again when the link reopens, and on a bulk change of the log', async () => {
    const { fake, s } = setup();
    await holdOpen(fake, s);
    const loads = () => fake.calls.filter((c) => c.method === 'duty.listReports').length;
    expect(loads()).toBe(1);
    fake.status('closed');
    fake.status('open');
    await tick();
    expect(loads()).toBe(2);
    fake.emit('duty.logChanged', { change: 'demo', report: null, openCounts: counts });
    await tick();
    expect(loads()).toBe(3);
  });

  it('keeps a refused command in its error, and an import’s row problems', async () => {
    const problems = [
      { row: 3, column: '角色', reason: '“组长” is not a role' },
      { row: 5, column: '开始时间', reason: 'not a date' },
    ];
    const { fake, host, s } = setup({
      'duty.importRoster': () => {
        throw new RpcError(-32000, 'the roster workbook was not imported (nothing was written): row 3 …', { problems });
      },
    });
    await host.get(appSlice).commands.setActor('per_test0001');
    expect(await s.commands.importRoster('AAAA')).toBeNull();
    const d = s.store.getState();
    expect(d.error).toMatchObject({ command: 'importRoster', code: -32000, data: { problems } });
    expect(d.importProblems).toEqual(problems);
    expect(host.latestError.getState().latest).toMatchObject({ slice: 'duty', error: { command: 'importRoster' } });
    expect(fake.calls.at(-1)).toEqual({ method: 'duty.importRoster', params: { fileBase64: 'AAAA', by: 'per_test0001' } });
  });

  it('signs every command with the acting person, folds the reply in at once and clears the error', async () => {
    const saved = report('rep_mine0001', 5000);
    let refuse = true;
    const { fake, host, s } = setup({
      'duty.recordReport': () => {
        if (refuse) throw new RpcError(-32602, 'params.by: required');
        return saved;
      },
    });
    await host.get(appSlice).commands.setActor(null);
    const input = {
      receivedAt: 5000,
      source: 'street' as const,
      category: 'fire' as const,
      street: '北京街' as const,
      location: 'x',
      summary: 'y',
      severity: 'low' as const,
    };
    expect(await s.commands.recordReport(input)).toBeNull();
    expect(fake.calls.at(-1)?.params).toEqual({ report: input, by: '' }); // nobody chosen: the server names params.by
    expect(s.store.getState().error).toMatchObject({ command: 'recordReport', message: 'params.by: required' });
    refuse = false;
    await host.get(appSlice).commands.setActor('per_test0009');
    expect(await s.commands.recordReport(input)).toEqual(saved);
    expect(fake.calls.at(-1)?.params).toEqual({ report: input, by: 'per_test0009' });
    expect(s.store.getState().reports[0].id).toBe('rep_mine0001');
    expect(s.store.getState().error).toBeNull();
  });

  it('loads the demo set, then reads duty and plans again', async () => {
    const demo = { empty: false, counts: { people: 9, shifts: 9, reports: 9, handovers: 1, plans: 2, drills: 1, responses: 1 }, demo: true };
    const { fake, s } = setup({
      'duty.loadDemo': () => demo,
      'duty.getDataStatus': () => demo,
      'plans.listResponses': () => [],
      'plans.getKpis': () => kpis(),
    });
    expect(await s.commands.loadDemo()).toBe(true);
    expect(s.store.getState().dataStatus).toEqual(demo);
    expect(fake.calls.map((c) => c.method)).toEqual(expect.arrayContaining(['duty.loadDemo', 'duty.listReports', 'plans.listResponses', 'plans.getKpis']));
  });

  it('shows a failed one-off read as read and resolves it to null', async () => {
    const { s } = setup();
    const read = s.commands.read as DutyRead;
    expect(await read('duty.getReport', { id: 'rep_none0001' })).toBeNull();
    expect(s.store.getState().error).toMatchObject({ command: 'read' });
  });

  it('asks who is on duty again just after validUntil while held', async () => {
    vi.useFakeTimers();
    const first = { ...onDuty([shift('shf_lead0001', 'leader', '黄建国', 0, 10_000)]), validUntil: 10_000 };
    const later = onDuty([shift('shf_lead0002', 'leader', '李明', 10_000, 20_000)]);
    let answer: OnDuty = first;
    const { fake, s } = setup({ 'duty.getOnDuty': () => answer }, () => 0);
    const release = s.hold();
    fake.status('open');
    await vi.advanceTimersByTimeAsync(0);
    expect(s.store.getState().onDuty).toEqual(first);
    answer = later;
    const asks = () => fake.calls.filter((c) => c.method === 'duty.getOnDuty').length;
    expect(asks()).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000); // the timer was set for 10.5 s on our clock
    expect(asks()).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(asks()).toBe(2);
    expect(s.store.getState().onDuty).toEqual(later);
    release();
    expect(vi.getTimerCount()).toBe(0);
  });
});
