// The statistics panel's definition. Its code is a chunk of its own, fetched as a wall page
// starts (map/shared/lazy-cell.tsx); ECharts itself runs in a worker that the cell starts as it
// first renders (chart-worker-client.ts).
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
