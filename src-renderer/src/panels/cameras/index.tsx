// The camera panel's definition. Its code (hls.js) is a chunk of its own, loaded when a camera
// cell mounts (map/shared/lazy-cell.tsx): video buffers for seconds anyway, and the map and the
// charts come first on a starting wall.
import { lazyCell } from '../map/shared/lazy-cell';
import { definePanel } from '../registry';
import { camerasStore } from './cameras-store';

export const camerasPanel = definePanel({
  id: 'cameras',
  title: 'panel.cameras',
  component: lazyCell(() => import('./CamerasPanel').then((m) => m.CamerasPanel), camerasStore),
  essential: false,
});
