// The statistics panel's charts are drawn here, off the page's main thread: ECharts' code
// (half a megabyte) parses and its layout runs on another core while the wall's map and panels
// start. The page gets SVG back and shows it as it is.
import { renderChartSvg, type ChartOption } from './chart-svg';

export interface ChartRequest {
  id: number;
  option: ChartOption;
  width: number;
  height: number;
}
export type ChartReply = { id: number; svg: string } | { id: number; error: string };

self.onmessage = (e: MessageEvent<ChartRequest>) => {
  const { id, option, width, height } = e.data;
  let reply: ChartReply;
  try {
    reply = { id, svg: renderChartSvg(option, width, height) };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(reply);
};
