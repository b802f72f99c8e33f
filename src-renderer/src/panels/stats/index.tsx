// The statistics panel's definition; ECharts loads with the panel, not with every page.
import { lazy, Suspense } from 'react';
import { PanelLoading } from '../map/shared/PanelLoading';
import { definePanel } from '../registry';
import { statsStore } from './stats-store';

const StatsPanel = lazy(() => import('./StatsPanel').then((m) => ({ default: m.StatsPanel })));

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
