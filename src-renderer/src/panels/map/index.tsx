// The map panel's definition. Its code (Leaflet and the embedded outline) loads on first use,
// so walls and consoles without a map do not parse it.
import { lazy, Suspense } from 'react';
import { definePanel } from '../registry';
import { PanelLoading } from './shared/PanelLoading';

const MapPanel = lazy(() => import('./MapPanel').then((m) => ({ default: m.MapPanel })));

export const mapPanel = definePanel({
  id: 'map',
  title: 'panel.map',
  component: () => (
    <Suspense fallback={<PanelLoading />}>
      <MapPanel />
    </Suspense>
  ),
  essential: false,
});
