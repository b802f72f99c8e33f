// One chart option to an SVG string with ECharts' server-side renderer. It needs no DOM, so it
// runs in the statistics worker (chart-worker.ts) and, for the tests, under Node.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, SVGRenderer]);

// Text is laid out with real font metrics where there is a canvas to measure with (a worker has
// OffscreenCanvas and the machine's fonts); elsewhere ECharts estimates widths.
if (typeof OffscreenCanvas !== 'undefined') {
  echarts.setPlatformAPI({ createCanvas: () => new OffscreenCanvas(1, 1) as unknown as HTMLCanvasElement });
}

export type ChartOption = echarts.EChartsCoreOption;

export function renderChartSvg(option: ChartOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
