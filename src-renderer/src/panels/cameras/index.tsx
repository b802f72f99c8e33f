// The camera panel's definition; hls.js loads with the panel, not with every page.
import { lazy, Suspense } from 'react';
import { PanelLoading } from '../map/shared/PanelLoading';
import { definePanel } from '../registry';
import { camerasStore } from './cameras-store';

const CamerasPanel = lazy(() => import('./CamerasPanel').then((m) => ({ default: m.CamerasPanel })));

/**
 * The cell starts fetching the panel's data at once (the store lives in the main bundle), so the
 * data and the panel's code (hls.js) arrive side by side rather than one after the other.
 */
function CamerasPanelCell() {
  camerasStore();
  return (
    <Suspense fallback={<PanelLoading />}>
      <CamerasPanel />
    </Suspense>
  );
}

export const camerasPanel = definePanel({
  id: 'cameras',
  title: 'panel.cameras',
  component: CamerasPanelCell,
  essential: false,
});
