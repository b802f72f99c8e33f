import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anyRememberedChart, chartKey, rememberedSvg, rememberSvg } from './chart-cache';

/** A Map-backed localStorage, optionally full. */
function fakeStorage(full = false): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    key: (i: number) => [...m.keys()][i] ?? null,
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (full) throw new DOMException('full', 'QuotaExceededError');
      m.set(k, v);
    },
    removeItem: (k: string) => void m.delete(k),
    clear: () => m.clear(),
  };
}

describe('remembered charts', () => {
  beforeEach(() => {
    (globalThis as { localStorage?: Storage }).localStorage = fakeStorage();
  });
  afterEach(() => {
    delete (globalThis as { localStorage?: Storage }).localStorage;
  });

  it('gives back a chart only for the same code, option and size', () => {
    const option = { series: [{ type: 'bar', data: [1, 2] }] };
    expect(anyRememberedChart()).toBe(false);
    rememberSvg('stats-chart-table1', chartKey('/assets/chart-worker-a.js', option, 300, 120), '<svg>a</svg>');
    expect(anyRememberedChart()).toBe(true);
    expect(rememberedSvg('stats-chart-table1', chartKey('/assets/chart-worker-a.js', option, 300, 120))).toBe('<svg>a</svg>');
    expect(rememberedSvg('stats-chart-table1', chartKey('/assets/chart-worker-a.js', option, 301, 120))).toBeNull();
    expect(rememberedSvg('stats-chart-table1', chartKey('/assets/chart-worker-a.js', { series: [{ type: 'bar', data: [1, 3] }] }, 300, 120))).toBeNull();
    // Drawn by other code (a new ECharts, say): drawn afresh.
    expect(rememberedSvg('stats-chart-table1', chartKey('/assets/chart-worker-b.js', option, 300, 120))).toBeNull();
    expect(rememberedSvg('stats-chart-table2', chartKey('/assets/chart-worker-a.js', option, 300, 120))).toBeNull();
  });

  it('treats an unreadable entry, a full storage or no storage as nothing remembered', () => {
    localStorage.setItem('command-wall.chart.stats-chart-live', '{not json');
    expect(rememberedSvg('stats-chart-live', 'k')).toBeNull();
    (globalThis as { localStorage?: Storage }).localStorage = fakeStorage(true);
    expect(() => rememberSvg('stats-chart-live', 'k', '<svg/>')).not.toThrow();
    expect(rememberedSvg('stats-chart-live', 'k')).toBeNull();
    delete (globalThis as { localStorage?: Storage }).localStorage;
    expect(anyRememberedChart()).toBe(false);
    expect(rememberedSvg('stats-chart-live', 'k')).toBeNull();
  });
});
