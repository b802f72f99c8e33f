// The camera panel's definition; hls.js loads with the panel, not with every page.
import { lazy, Suspense } from 'react';
import { PanelLoading } from '../map/shared/PanelLoading';
import { definePanel } from '../registry';

const CamerasPanel = lazy(() => import('./CamerasPanel').then((m) => ({ default: m.CamerasPanel })));

export const camerasPanel = definePanel({
  id: 'cameras',
  title: 'panel.cameras',
  component: () => (
    <Suspense fallback={<PanelLoading />}>
      <CamerasPanel />
    </Suspense>
  ),
  essential: false,
});
