// The embedded demo set (演示数据): loaded only when asked, only into an empty store, every record
// marked, and a roster for the current month that obeys every rule.
import { afterEach, describe, expect, it } from 'vitest';
import { localTime } from '@contract/yuexiu';
import { coverageGaps, doubleBookings, longStretches } from '../../../src-main/core/duty/roster-rules';
import { openHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the demo data set', () => {
  it('is not loaded unless asked: a fresh store is a first run', async () => {
    h = await openHarness();
    expect(await h.call('duty.getDataStatus', {})).toMatchObject({ empty: true, demo: false });
    expect(await h.call('plans.list', {})).toEqual([]);
  });

  it('loads with the demo flag on an empty store: people, a published month, reports, ~40 plans, one active 三防 response', async () => {
    h = await openHarness({ demo: true });
    const status = await h.call('duty.getDataStatus', {});
    expect(status).toMatchObject({ empty: false, demo: true });
    expect(status.counts).toMatchObject({ people: 19, reports: 12, plans: 40, responses: 1, drills: 30 });

    const people = await h.call('duty.listPeople', {});
    expect(people.every((p) => p.demo)).toBe(true);
    const month = await h.call('duty.getRoster', { period: { kind: 'month', month: '2025-06' } });
    expect(month.publishedMonths).toEqual(['2025-06']);
    expect(month.shifts.every((s) => s.demo)).toBe(true);
    expect((await h.call('duty.checkCoverage', { period: { kind: 'month', month: '2025-06' } })).complete).toBe(true);
    // Checked independently of the loader: nobody double-booked, nobody over 24 hours.
    const rule = month.shifts.map((s) => ({ id: s.id, personId: s.personId, personName: s.person.name, role: s.role, start: s.start, end: s.end }));
    const all = new Set(rule.map((s) => s.id));
    expect(doubleBookings(rule, all)).toEqual([]);
    expect(longStretches(rule, all)).toEqual([]);
    expect(coverageGaps(rule, localTime(2025, 6, 1), localTime(2025, 7, 1))).toEqual([]);

    const now = await h.call('duty.getOnDuty', {});
    expect(now.current.filter((s) => s.role === 'leader')).toHaveLength(1);
    expect(now.current.filter((s) => s.role === 'officer').length).toBeGreaterThanOrEqual(1);

    const { reports } = await h.call('duty.listReports', {});
    expect(reports).toHaveLength(12);
    expect(reports.every((r) => r.demo && r.summary.startsWith('【演示数据】'))).toBe(true);

    const plans = await h.call('plans.list', {});
    expect(plans).toHaveLength(40);
    expect(new Set(plans.map((p) => p.category)).size).toBe(10);
    expect(new Set(plans.map((p) => p.level)).size).toBe(5);
    expect(plans.map((p) => p.title)).toContain('越秀区防汛防旱防风防冻应急预案');
    expect(plans.map((p) => p.title)).toContain('越秀区火灾事故应急预案');

    const [active] = await h.call('plans.listResponses', {});
    expect(active).toMatchObject({ category: 'sanfang', level: 'III', status: 'active', demo: true });
    expect(active.progress.done).toBe(2);
    expect(active.progress.overdue).toBeGreaterThanOrEqual(1);
    const flood = await h.call('duty.getReport', { id: active.reportIds[0] });
    expect(flood).toMatchObject({ status: 'handling', category: 'flood', responseIds: [active.id] });

    const kpis = await h.call('plans.getKpis', {});
    expect(kpis.revision.total).toBe(40);
    expect(kpis.revision.rate).toBeLessThan(1); // two demo plans are past their revision date
    expect(kpis.drills.rate).toBeLessThan(1);
    expect(kpis.drills.planned).toBeGreaterThan(0);
  });

  it('loads on the operator’s request on first run, tells every panel, and never over existing data', async () => {
    h = await openHarness();
    const after = await h.call('duty.loadDemo', {});
    expect(after.demo).toBe(true);
    const kinds = new Set(h.events.map((e) => e.event));
    for (const e of ['duty.rosterChanged', 'duty.logChanged', 'plans.libraryChanged', 'plans.responseChanged']) expect(kinds).toContain(e);
    const e = await h.refusal('duty.loadDemo', {});
    expect(e.message).toContain('loads only into an empty store');
  });

  it('builds a valid roster whatever the day: the last hour of a year, the first of a month', async () => {
    for (const now of [localTime(2025, 12, 31, 23, 30), localTime(2026, 3, 1, 0, 30), localTime(2024, 2, 29, 8, 0)]) {
      const one = await openHarness({ demo: true, now });
      const month = new Date(now + 8 * 3600_000).toISOString().slice(0, 7);
      expect((await one.call('duty.checkCoverage', { period: { kind: 'month', month } })).complete).toBe(true);
      expect((await one.call('duty.getOnDuty', {})).current.length).toBeGreaterThan(0);
      await one.close();
    }
  });
});
