// The map panel's definition. Its code (Leaflet and the embedded outline) is a chunk of its own,
// fetched as a wall page starts (src-renderer/src/shared/lazy-cell.tsx); the map slice is held
// by the cell at once, so its data arrives beside the code.
import { definePanel } from '../registry';
import { lazyCell } from '../../shared/lazy-cell';
import { mapSlice } from '../../state/map/map-slice';

export const mapPanel = definePanel({
  id: 'map',
  slices: [mapSlice],
  title: 'panel.map',
  component: lazyCell(() => import('./MapPanel').then((m) => m.MapPanel), [mapSlice], { prefetchOnWall: true }),
  essential: false,
});
