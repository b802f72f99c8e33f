// The statistics panel's definition. ECharts is a chunk of its own: consoles never load it,
// walls fetch it at idle while they start (map/shared/prefetch.ts).
import { lazy, Suspense } from 'react';
import { PanelLoading } from '../map/shared/PanelLoading';
import { definePanel } from '../registry';
import { prefetchOnWall } from '../map/shared/prefetch';
import { statsStore } from './stats-store';

const loadStatsPanel = () => import('./StatsPanel');
const StatsPanel = lazy(() => loadStatsPanel().then((m) => ({ default: m.StatsPanel })));
prefetchOnWall(loadStatsPanel);

/**
 * The cell starts fetching the panel's data at once (the store lives in the main bundle), so the
 * data and the panel's code (ECharts) arrive side by side rather than one after the other.
 */
function StatsPanelCell() {
  statsStore();
  return (
    <Suspense fallback={<PanelLoading />}>
      <StatsPanel />
    </Suspense>
  );
}

export const statsPanel = definePanel({
  id: 'stats',
  title: 'panel.stats',
  component: StatsPanelCell,
  essential: false,
});
