// The map panel's definition. Its code (Leaflet and the embedded outline) is a chunk of its own,
// fetched as a wall page starts (src-renderer/src/shared/lazy-cell.tsx); the map slice is held
// by the cell at once, so its data arrives beside the code, with the tasks and teams it draws.
import { definePanel } from '../registry';
import { lazyCell } from '../../shared/lazy-cell';
import { mapSlice } from '../../state/map/map-slice';
import { tasksSlice } from '../../state/tasks/tasks-slice';
import { teamsSlice } from '../../state/teams/teams-slice';

export const mapPanel = definePanel({
  id: 'map',
  slices: [mapSlice, tasksSlice, teamsSlice],
  title: 'panel.map',
  component: lazyCell(() => import('./MapPanel').then((m) => m.MapPanel), [mapSlice, tasksSlice, teamsSlice], { prefetchOnWall: true }),
  essential: false,
});
