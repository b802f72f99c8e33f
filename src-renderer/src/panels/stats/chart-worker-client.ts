// The page's side of the statistics worker (chart-worker.ts): one worker for every chart on the
// page, started as soon as a statistics cell is on the wall (before its code or data arrive) and
// warmed with a throwaway chart, so ECharts has parsed, compiled and found its fonts on another
// core by the time the real charts are asked for.
import type { ChartOption } from './chart-svg';
import { warmUpOption } from './chart-options';
import type { ChartReply, ChartRequest } from './chart-worker';

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, (reply: ChartReply) => void>();

function chartWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./chart-worker.ts', import.meta.url), { type: 'module', name: 'charts' });
  w.onmessage = (e: MessageEvent<ChartReply>) => {
    waiting.get(e.data.id)?.(e.data);
    waiting.delete(e.data.id);
  };
  w.onerror = (e) => {
    // The worker's code failed to load or run: every chart waiting fails, and says so.
    for (const [id, done] of waiting) done({ id, error: e.message || 'the chart worker failed' });
    waiting.clear();
  };
  // Options travel by structured clone: they must stay plain data (no formatter functions).
  w.postMessage({ id: 0, option: warmUpOption(), width: 320, height: 160 } satisfies ChartRequest);
  worker = w;
  return w;
}

/** Starts (once) and warms the worker; the statistics cell calls it as it first renders. */
export function startChartWorker(): void {
  chartWorker();
}

/** One chart as SVG, drawn in the worker. */
export function drawChart(option: ChartOption, width: number, height: number): Promise<ChartReply> {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    chartWorker().postMessage({ id, option, width, height } satisfies ChartRequest);
  });
}
