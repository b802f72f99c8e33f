// The page's side of the statistics worker (chart-worker.ts): one worker for every chart on the
// page. A wall page starts it before its own code has loaded (app/early-start.ts) and warms it
// with a throwaway chart, so ECharts is compiled and has its fonts by the time the panel asks
// for real charts (its first chart would otherwise cost four times the next). A profile that
// remembers drawn charts (chart-cache.ts) usually needs no worker: it starts on the first miss.
import { anyRememberedChart } from './chart-cache';
import type { ChartOption } from './chart-svg';
import { pageFontFamily } from './page-font';
import type { ChartReply, ChartRequest } from './chart-worker';
import chartWorkerUrl from './chart-worker.ts?worker&url';

/** Names the code that draws (its file name carries a hash of ECharts and chart-svg.ts): a
 *  remembered chart drawn by other code is not shown (chart-cache.ts keys by it). */
export const CHART_RENDERER = chartWorkerUrl;

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, (reply: ChartReply) => void>();

function chartWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(chartWorkerUrl, { name: 'charts' });
  w.onmessage = (e: MessageEvent<ChartReply>) => {
    waiting.get(e.data.id)?.(e.data);
    waiting.delete(e.data.id);
  };
  w.onerror = (e) => {
    // The worker's code failed to load or run: every chart waiting fails, and says so.
    for (const [id, done] of waiting) done({ id, error: e.message || 'the chart worker failed' });
    waiting.clear();
  };
  worker = w;
  return w;
}

/** Starts and warms the worker, unless it runs already or this profile remembers charts. */
export function startChartWorker(): void {
  if (worker || anyRememberedChart()) return;
  chartWorker().postMessage({ id: 0, option: warmUpOption(), width: 320, height: 160 } satisfies ChartRequest);
}

/** Like the panel's charts where it costs: CJK labels in the page's font, bars, a line, values. */
function warmUpOption(): ChartOption {
  return {
    animation: false,
    textStyle: { fontSize: 14, fontFamily: pageFontFamily() },
    legend: { top: 0 },
    grid: { outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    xAxis: { type: 'category', data: ['街道', '仓库'] },
    yAxis: { type: 'value' },
    series: [
      { name: '起数', type: 'bar', data: [1, 2], label: { show: true, position: 'top' } },
      { name: '人数', type: 'line', data: [2, 1], label: { show: true } },
    ],
  };
}

/** One chart as SVG, drawn in the worker. Options travel by structured clone: they must stay
 *  plain data (no formatter functions). */
export function drawChart(option: ChartOption, width: number, height: number): Promise<ChartReply> {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    chartWorker().postMessage({ id, option, width, height } satisfies ChartRequest);
  });
}
