// The statistics panel's definition; ECharts loads with the panel, not with every page.
import { lazy, Suspense } from 'react';
import { PanelLoading } from '../map/shared/PanelLoading';
import { definePanel } from '../registry';

const StatsPanel = lazy(() => import('./StatsPanel').then((m) => ({ default: m.StatsPanel })));

export const statsPanel = definePanel({
  id: 'stats',
  title: 'panel.stats',
  component: () => (
    <Suspense fallback={<PanelLoading />}>
      <StatsPanel />
    </Suspense>
  ),
  essential: false,
});
