// The map panel's definition. Its code (Leaflet and the embedded outline) is a chunk of its own:
// consoles never load it, walls fetch it at idle while they start (shared/prefetch.ts).
import { lazy, Suspense } from 'react';
import { definePanel } from '../registry';
import { prefetchOnWall } from './shared/prefetch';
import { mapStore } from './map-store';
import { PanelLoading } from './shared/PanelLoading';

const loadMapPanel = () => import('./MapPanel');
const MapPanel = lazy(() => loadMapPanel().then((m) => ({ default: m.MapPanel })));
prefetchOnWall(loadMapPanel);

/**
 * The cell starts fetching the panel's data at once (the store lives in the main bundle), so the
 * data and the panel's code (Leaflet and the embedded outline) arrive side by side rather than one after the other.
 */
function MapPanelCell() {
  mapStore();
  return (
    <Suspense fallback={<PanelLoading />}>
      <MapPanel />
    </Suspense>
  );
}

export const mapPanel = definePanel({
  id: 'map',
  title: 'panel.map',
  component: MapPanelCell,
  essential: false,
});
