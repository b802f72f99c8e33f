// The map panel's definition. Its code (Leaflet and the embedded outline) loads on first use,
// so walls and consoles without a map do not parse it.
import { lazy, Suspense } from 'react';
import { definePanel } from '../registry';
import { mapStore } from './map-store';
import { PanelLoading } from './shared/PanelLoading';

const MapPanel = lazy(() => import('./MapPanel').then((m) => ({ default: m.MapPanel })));

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
