// The statistics panel's definition. Its code is a chunk of its own, fetched as a wall page
// starts (map/shared/lazy-cell.tsx); ECharts itself runs in a worker (chart-worker-client.ts),
// which a wall page starts before its app code loads (app/early-start.ts) or, when a preset
// brings statistics onto the wall later, the cell starts as it first renders.
import { lazyCell } from '../map/shared/lazy-cell';
import { definePanel } from '../registry';
import { startChartWorker } from './chart-worker-client';
import { statsStore } from './stats-store';

export const statsPanel = definePanel({
  id: 'stats',
  title: 'panel.stats',
  component: lazyCell(
    () => import('./StatsPanel').then((m) => m.StatsPanel),
    () => {
      startChartWorker();
      statsStore();
    },
    { prefetchOnWall: true },
  ),
  essential: false,
});
