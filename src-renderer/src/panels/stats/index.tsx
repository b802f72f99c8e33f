// The statistics panel's definition. Its code is a chunk of its own, fetched as a wall page
// starts (src-renderer/src/shared/lazy-cell.tsx); ECharts itself runs in a worker (chart-worker-client.ts),
// which a wall page starts before its app code loads (app/early-start.ts) or, when a preset
// brings statistics onto the wall later, the cell starts as it first mounts.
import { useEffect } from 'react';
import { lazyCell } from '../../shared/lazy-cell';
import { reserveSlice } from '../../state/materials/reserve-slice';
import { statsSlice } from '../../state/stats/stats-slice';
import { definePanel } from '../registry';
import { startChartWorker } from './chart-worker-client';

const LazyStats = lazyCell(() => import('./StatsPanel').then((m) => m.StatsPanel), [statsSlice, reserveSlice], { prefetchOnWall: true });

function StatsCell() {
  useEffect(() => startChartWorker(), []);
  return <LazyStats />;
}

export const statsPanel = definePanel({
  id: 'stats',
  slices: [statsSlice, reserveSlice],
  title: 'panel.stats',
  component: StatsCell,
  essential: false,
});
