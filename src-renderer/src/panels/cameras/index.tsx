// The camera panel's definition. Its code (hls.js) is a chunk of its own, loaded when a camera
// cell mounts (src-renderer/src/shared/lazy-cell.tsx): video buffers for seconds anyway, and the map and the
// charts come first on a starting wall.
import { lazyCell } from '../../shared/lazy-cell';
import { camerasSlice } from '../../state/cameras/cameras-slice';
import { definePanel } from '../registry';

export const camerasPanel = definePanel({
  id: 'cameras',
  slices: [camerasSlice],
  title: 'panel.cameras',
  component: lazyCell(() => import('./CamerasPanel').then((m) => m.CamerasPanel), [camerasSlice]),
  essential: false,
});
