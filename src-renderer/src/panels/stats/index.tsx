// The statistics panel's definition. Its code (ECharts) is a chunk of its own, fetched as a wall
// page starts (map/shared/lazy-cell.tsx).
import { lazyCell } from '../map/shared/lazy-cell';
import { definePanel } from '../registry';
import { statsStore } from './stats-store';

export const statsPanel = definePanel({
  id: 'stats',
  title: 'panel.stats',
  component: lazyCell(() => import('./StatsPanel').then((m) => m.StatsPanel), statsStore, { prefetchOnWall: true }),
  essential: false,
});
