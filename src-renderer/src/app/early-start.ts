// What a starting page can begin before the rest of the app is even evaluated (main.tsx imports
// this right after zod-setup): the statistics worker, when this wall display shows a statistics
// cell, loads ECharts on another core while the main bundle is still being parsed. A display with
// no remembered preset (its very first start) does not know yet, and starts it anyway. A display
// that remembers a map cell asks for the map's objects at once (state/map/early-map.ts): the
// largest reply a wall waits for is then on its way while React and the panels load, not after.
// A wall asks for the map without the objects' names, which it never draws.
import { pageClient } from '../client';
import { startChartWorker } from '../panels/stats/chart-worker-client';
import { markOnce } from '../shared/startup-marks';
import { askMapEarly, leaveNamesOut } from '../state/map/early-map';
import { rememberedPreset } from '../wall/remembered-preset';
import { parseRoute } from './route';

markOnce('cw.boot');
const route = parseRoute(window.location.search);
if (route.view === 'wall') {
  leaveNamesOut();
  const preset = rememberedPreset(route.display);
  if (!preset || preset.cells.includes('stats')) startChartWorker();
  // Not on a first start: a display without a map would parse megabytes it never draws.
  if (preset?.cells.includes('map')) askMapEarly(pageClient());
}
