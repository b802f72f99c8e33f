// What a starting page can begin before the rest of the app is even evaluated (main.tsx imports
// this right after zod-setup): the statistics worker, when this wall display shows a statistics
// cell, loads ECharts on another core while the main bundle is still being parsed. A display with
// no remembered preset (its very first start) does not know yet, and starts it anyway.
import { startChartWorker } from '../panels/stats/chart-worker-client';
import { rememberedPreset } from '../wall/remembered-preset';
import { parseRoute } from './route';

const route = parseRoute(window.location.search);
if (route.view === 'wall') {
  const preset = rememberedPreset(route.display);
  if (!preset || preset.cells.includes('stats')) startChartWorker();
}
