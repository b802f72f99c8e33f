// The duty slice through the real app store with a scripted client: the feed loads on open,
// applies pushes, replays pushes that overtake a read, and refusals reach the error banner.
import { describe, expect, it } from 'vitest';
import { RpcError } from '@contract/errors';
import { PlanCategory } from '@contract/plans';
import { fakeClient } from '../../test-kit/fake-client';
import { createAppStore } from '../store';
import { handover, onDuty, report, response, shift } from './test-fixtures';

const kpis = {
  asOf: '2025-06-03',
  revision: { revised: 1, total: 2, rate: 0.5, target: 1 as const, overdue: [] },
  drills: { year: 2025, planned: 0, held: 0, rate: null, target: 1 as const, overdue: [] },
  plansByCategory: Object.fromEntries(PlanCategory.options.map((c) => [c, 0])) as Record<PlanCategory, number>,
};
const counts = { new: 1, verifying: 0, handling: 0 };

function server(extra: Record<string, (params: never) => unknown> = {}) {
  return {
    'duty.getOnDuty': () => onDuty([shift('shf_lead0001', 'leader', '黄建国', 0, 10_000)]),
    'duty.listReports': () => ({ reports: [report('rep_old00001', 1000)], openCounts: counts }),
    'plans.listResponses': () => [],
    'plans.getKpis': () => kpis,
    'duty.listHandovers': () => [],
    'duty.listPeople': () => [],
    'duty.getDataStatus': () => ({ empty: false, counts: { people: 1, shifts: 1, reports: 1, handovers: 0, plans: 2, drills: 0, responses: 0 }, demo: false }),
    ...extra,
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('duty feed', () => {
  it('loads when a screen holds it and the link is open, and stops listening on release', async () => {
    const fake = fakeClient(server());
    const store = createAppStore(fake.client);
    const release = store.getState().dutyActions.retain();
    expect(fake.calls).toHaveLength(0); // not open yet
    fake.status('open');
    await tick();
    const d = store.getState().duty;
    expect(d.loaded).toBe(true);
    expect(d.onDuty?.current[0].person.name).toBe('黄建国');
    expect(d.reports.map((r) => r.id)).toEqual(['rep_old00001']);
    expect(d.kpis?.revision.rate).toBe(0.5);
    const second = store.getState().dutyActions.retain();
    release();
    expect(fake.listenerCount()).toBeGreaterThan(0); // still held by the second screen
    second();
    expect(fake.listenerCount()).toBe(0);
  });

  it('applies pushes: new reports flash, closed responses leave, handovers and KPIs update', async () => {
    const fake = fakeClient(server());
    const store = createAppStore(fake.client, () => 50_000);
    store.getState().dutyActions.retain();
    fake.status('open');
    await tick();
    fake.emit('duty.logChanged', { change: 'recorded', report: report('rep_new00001', 2000), openCounts: { ...counts, new: 2 } });
    let d = store.getState().duty;
    expect(d.reports.map((r) => r.id)).toEqual(['rep_new00001', 'rep_old00001']);
    expect(d.arrivals.rep_new00001).toBe(50_000);
    expect(d.openCounts?.new).toBe(2);
    const r = response('rsp_a0001', 1000, []);
    fake.emit('plans.responseChanged', { change: 'activated', response: r, entry: null });
    expect(store.getState().duty.responses).toHaveLength(1);
    fake.emit('plans.responseChanged', { change: 'closed', response: { ...r, status: 'closed', closedAt: 2000 }, entry: null });
    expect(store.getState().duty.responses).toHaveLength(0);
    fake.emit('duty.handoverChanged', { handover: handover('hov_a0001', 3000) });
    fake.emit('plans.libraryChanged', { change: 'drill', planId: null, drillId: null, kpis: { ...kpis, revision: { ...kpis.revision, rate: 1 } } });
    d = store.getState().duty;
    expect(d.handovers.map((h) => h.id)).toEqual(['hov_a0001']);
    expect(d.kpis?.revision.rate).toBe(1);
  });

  it('replays a push that arrives while a read is under way onto the read’s older reply', async () => {
    let answer: (v: unknown) => void = () => undefined;
    const fake = fakeClient(server({ 'duty.listReports': () => new Promise((r) => (answer = r)) }));
    const store = createAppStore(fake.client);
    store.getState().dutyActions.retain();
    fake.status('open');
    await tick();
    // The status change happened after the server read the log, but its push overtakes the reply.
    fake.emit('duty.logChanged', { change: 'status', report: report('rep_old00001', 1000, { status: 'verifying' }), openCounts: counts });
    answer({ reports: [report('rep_old00001', 1000)], openCounts: counts });
    await tick();
    await tick();
    expect(store.getState().duty.reports[0].status).toBe('verifying');
  });

  it('shows a refused command in the error banner and keeps an import’s row problems', async () => {
    const problems = [
      { row: 3, column: '角色', reason: '“组长” is not a role' },
      { row: 5, column: '开始时间', reason: 'not a date' },
    ];
    const fake = fakeClient(
      server({
        'duty.importRoster': () => {
          throw new RpcError(-32000, 'the roster workbook was not imported (nothing was written): row 3 …', { problems });
        },
      }),
    );
    const store = createAppStore(fake.client);
    store.getState().dutyActions.setActor('per_test0001');
    expect(await store.getState().dutyActions.importRoster('AAAA')).toBeNull();
    const s = store.getState();
    expect(s.error).toMatchObject({ action: 'importRoster', code: -32000 });
    expect(s.duty.importProblems).toEqual(problems);
    expect(fake.calls.at(-1)).toEqual({ method: 'duty.importRoster', params: { fileBase64: 'AAAA', by: 'per_test0001' } });
  });

  it('signs every command with the acting person and folds the reply in at once', async () => {
    const saved = report('rep_mine0001', 5000);
    const fake = fakeClient(server({ 'duty.recordReport': () => saved }));
    const store = createAppStore(fake.client);
    store.getState().dutyActions.setActor('per_test0009');
    const input = { receivedAt: 5000, source: 'street' as const, category: 'fire' as const, street: '北京街' as const, location: 'x', summary: 'y', severity: 'low' as const };
    expect(await store.getState().dutyActions.recordReport(input)).toEqual(saved);
    expect(fake.calls.at(-1)?.params).toEqual({ report: input, by: 'per_test0009' });
    expect(store.getState().duty.reports[0].id).toBe('rep_mine0001');
    expect(store.getState().error).toBeNull();
  });
});
