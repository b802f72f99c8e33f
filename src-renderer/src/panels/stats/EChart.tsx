// One ECharts chart in a div: made on mount, given new options as they change, resized with its
// box, disposed on unmount. Only the chart types the panel uses are bundled.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { markOnce } from '../../shared/startup-marks';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

export function EChart({ option, testId }: { option: ChartOption; testId: string }) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const div = el.current!;
    const c = echarts.init(div, null, { renderer: 'canvas' });
    chart.current = c;
    c.on('finished', () => {
      div.dataset.rendered = 'true';
      markOnce('cw.stats.chart');
    });
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(div);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // Axis data and series are replaced; the chart itself (grid, tooltip) is kept.
    chart.current?.setOption(option, { replaceMerge: ['xAxis', 'yAxis', 'series'], lazyUpdate: true });
  }, [option]);

  return <div ref={el} className="stats-chart" data-testid={testId} />;
}
