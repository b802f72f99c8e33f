// The one alarm clock of tasks, materials and reporting: each due time is handed over once, at
// its moment, across late wake-ups and clock jumps; nothing wakes while nothing lies ahead.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CrossingWatch } from './crossing-watch';

afterEach(() => {
  vi.useRealTimers();
});

function watchOver(dues: number[], extra: Partial<ConstructorParameters<typeof CrossingWatch>[0]> = {}) {
  const spans: [number, number][] = [];
  const pushed: number[] = [];
  const watch = new CrossingWatch({
    now: () => Date.now(),
    nextAfter: (from) => dues.filter((d) => d >= from).sort((a, b) => a - b)[0] ?? null,
    crossed: (from, to) => {
      spans.push([from, to]);
      pushed.push(...dues.filter((d) => d >= from && d < to));
    },
    ...extra,
  });
  return { watch, spans, pushed };
}

describe('CrossingWatch', () => {
  it('pushes each due time once, at its moment, and sleeps while nothing lies ahead', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { watch, pushed, spans } = watchOver([1_000_300, 1_000_300, 1_002_500]);
    watch.schedule();
    vi.advanceTimersByTime(299);
    expect(pushed).toEqual([]);
    vi.advanceTimersByTime(2);
    expect(pushed).toEqual([1_000_300, 1_000_300]);
    vi.advanceTimersByTime(5_000);
    expect(pushed).toEqual([1_000_300, 1_000_300, 1_002_500]);
    // The spans handed over never overlap and leave no gap.
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBe(spans[i - 1]![1]);
    expect(vi.getTimerCount()).toBe(0);
    watch.close();
  });

  it('wakes at most maxWakeMs apart while something lies ahead, so a jumped clock is noticed', () => {
    vi.useFakeTimers({ now: 0 });
    const { watch, pushed } = watchOver([60_000], { maxWakeMs: 1000 });
    watch.schedule();
    vi.setSystemTime(70_000); // the clock steps forward (NTP), timers do not fire early
    vi.advanceTimersByTime(1000);
    expect(pushed).toEqual([60_000]);
    watch.close();
  });

  it('hands over a due time passed before it started when told where checking stopped (from)', () => {
    vi.useFakeTimers({ now: 10_000 });
    const { watch, pushed, spans } = watchOver([4_000, 12_000], { from: 3_000 });
    watch.schedule();
    vi.advanceTimersByTime(1);
    expect(pushed).toEqual([4_000]);
    expect(spans[0]![0]).toBe(3_000);
    vi.advanceTimersByTime(2_000);
    expect(pushed).toEqual([4_000, 12_000]);
    watch.close();
  });

  it('wakes every idleWakeMs when told to, for due times it cannot hear of', () => {
    vi.useFakeTimers({ now: 0 });
    const dues: number[] = [];
    const { watch, pushed } = watchOver(dues, { idleWakeMs: 1000 });
    watch.schedule();
    dues.push(1500); // another capability's write, not heard
    vi.advanceTimersByTime(2100);
    expect(pushed).toEqual([1500]);
    watch.close();
    expect(vi.getTimerCount()).toBe(0);
  });
});
