// The statistics slice: indicators and the last 14 days' report counts, read on every (re)open
// and again after a burst of changes to what they count; an entered value refused by the server.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RpcError } from '@contract/errors';
import type { IndicatorValue, ReportCounts } from '@contract/stats';
import { DAY_MS, localDateString, parseLocalDate } from '@contract/yuexiu';
import { fakeClient } from '../../test-kit/fake-client';
import { SliceHost } from '../slice';
import { COUNT_DAYS, countRange, RELOAD_AFTER_MS, statsSlice } from './stats-slice';

const NOW = Date.UTC(2025, 5, 10, 3, 0, 0);

const value = (id: IndicatorValue['id'], v: number | null): IndicatorValue => ({
  id,
  value: v,
  source: v === null ? null : 'entered',
  asOf: v === null ? null : '2025-06-01',
  note: '',
  met: v === null ? null : true,
  updatedAt: null,
});

const counts = (total: number): ReportCounts => ({ from: 0, to: DAY_MS, total, byCategory: [], byStreet: [], byDay: [], available: true });

const tick = () => new Promise((r) => setTimeout(r, 0));

function serverTable() {
  return {
    'stats.listIndicators': () => [value('deaths', 0)],
    'stats.getReportCounts': () => counts(3),
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the counted range', () => {
  it('is the last 14 local days, today included', () => {
    const { from, to } = countRange(NOW);
    expect(to).toBe(parseLocalDate(localDateString(NOW)) + DAY_MS);
    expect(to - from).toBe(COUNT_DAYS * DAY_MS);
    expect(from <= NOW && NOW < to).toBe(true);
  });
});

describe('the statistics slice', () => {
  it('reads indicators and counts when held on an open link, and again after a reconnect', async () => {
    const fake = fakeClient(serverTable());
    const slice = new SliceHost(fake.client, () => NOW).get(statsSlice);
    const release = slice.hold();
    fake.status('open');
    await tick();
    expect(slice.store.getState()).toMatchObject({ loaded: true, indicators: [{ id: 'deaths', value: 0 }], counts: { total: 3 } });
    expect(fake.calls.find((c) => c.method === 'stats.getReportCounts')?.params).toEqual(countRange(NOW));

    fake.reply('stats.getReportCounts', () => counts(5));
    fake.status('closed');
    fake.status('open');
    await tick();
    expect(fake.calls.filter((c) => c.method === 'stats.listIndicators')).toHaveLength(2);
    expect(slice.store.getState().counts?.total).toBe(5);
    release();
    expect(fake.listenerCount()).toBe(0);
  });

  it('takes pushed indicators as they are, and reads again once after a burst of duty-log changes', async () => {
    vi.useFakeTimers();
    const fake = fakeClient(serverTable(), { status: 'open' });
    const slice = new SliceHost(fake.client, () => NOW).get(statsSlice);
    slice.hold();
    await vi.advanceTimersByTimeAsync(0);
    fake.emit('stats.indicatorsChanged', { indicators: [value('deaths', 2)] });
    expect(slice.store.getState().indicators).toEqual([value('deaths', 2)]);

    const logChanged = { change: 'recorded' as const, report: null, openCounts: { new: 1, verifying: 0, handling: 0 } };
    fake.emit('duty.logChanged', logChanged);
    fake.emit('duty.logChanged', logChanged);
    fake.emit('duty.logChanged', logChanged);
    await vi.advanceTimersByTimeAsync(RELOAD_AFTER_MS - 1);
    expect(fake.calls.filter((c) => c.method === 'stats.getReportCounts')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(fake.calls.filter((c) => c.method === 'stats.getReportCounts')).toHaveLength(2);
  });

  it('stops a pending read when the last holder lets go', async () => {
    vi.useFakeTimers();
    const fake = fakeClient(serverTable(), { status: 'open' });
    const slice = new SliceHost(fake.client, () => NOW).get(statsSlice);
    const release = slice.hold();
    await vi.advanceTimersByTimeAsync(0);
    fake.emit('duty.logChanged', { change: 'demo', report: null, openCounts: { new: 0, verifying: 0, handling: 0 } });
    release();
    await vi.advanceTimersByTimeAsync(RELOAD_AFTER_MS * 2);
    expect(fake.calls.filter((c) => c.method === 'stats.listIndicators')).toHaveLength(1);
  });

  it('saves an entered value, and shows a refusal under saveIndicator', async () => {
    const fake = fakeClient(
      {
        ...serverTable(),
        'stats.saveIndicator': ({ id, value: v }) =>
          v !== null && v !== undefined && v > 1_000_000 ? Promise.reject(new RpcError(-32602, 'params.value: too big')) : [value(id, v ?? null)],
      },
      { status: 'open' },
    );
    const slice = new SliceHost(fake.client, () => NOW).get(statsSlice);
    slice.hold();
    await tick();
    expect(await slice.commands.saveIndicator({ id: 'deaths', value: 2_000_000, asOf: '2025-06-10', note: '' })).toBeNull();
    expect(slice.store.getState().error).toMatchObject({ command: 'saveIndicator', message: 'params.value: too big', at: NOW });
    expect(slice.store.getState().indicators).toEqual([value('deaths', 0)]);
    expect(await slice.commands.saveIndicator({ id: 'deaths', value: 1, asOf: '2025-06-10', note: '' })).toEqual([value('deaths', 1)]);
    expect(slice.store.getState()).toMatchObject({ error: null, indicators: [value('deaths', 1)] });
  });
});
