// The map panel's definition. Its code (Leaflet and the embedded outline) is a chunk of its own,
// fetched as a wall page starts (shared/lazy-cell.tsx).
import { definePanel } from '../registry';
import { mapStore } from './map-store';
import { lazyCell } from './shared/lazy-cell';

export const mapPanel = definePanel({
  id: 'map',
  title: 'panel.map',
  component: lazyCell(() => import('./MapPanel').then((m) => m.MapPanel), mapStore, { prefetchOnWall: true }),
  essential: false,
});
