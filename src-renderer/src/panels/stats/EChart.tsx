// One chart in a div, drawn by ECharts in the statistics worker (chart-worker.ts) as SVG: drawn
// when it mounts, again when its option or its box changes; what it last drew is remembered
// (chart-cache.ts) and shown at once when nothing changed. The wall shows figures, not a
// pointer's tooltips, so every value the charts carry is written on them as a label. Either
// way the SVG reaches the page only through the sanitizer (svg-sanitize.ts), never innerHTML:
// zrender leaves attribute values unescaped, and the remembered copy lives in the profile.
import { useEffect, useRef, useState } from 'react';
import { markOnce } from '../../shared/startup-marks';
import type { ChartOption } from './chart-svg';
import { chartKey, rememberedSvg, rememberSvg } from './chart-cache';
import { CHART_RENDERER, drawChart } from './chart-worker-client';
import { sanitizedSvg } from './svg-sanitize';

export type { ChartOption } from './chart-svg';

export function EChart({ option, testId }: { option: ChartOption; testId: string }) {
  const el = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);

  useEffect(() => {
    const div = el.current!;
    const measure = (): void => {
      const width = Math.round(div.clientWidth);
      const height = Math.round(div.clientHeight);
      setSize((s) => (s && s.width === width && s.height === height ? s : { width, height }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(div);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const div = el.current!;
    if (!size || size.width === 0 || size.height === 0) return;
    const show = (svg: string): boolean => {
      const chart = sanitizedSvg(svg);
      if (!chart) return false;
      div.replaceChildren(chart);
      div.dataset.rendered = 'true';
      markOnce('cw.stats.chart');
      return true;
    };
    const key = chartKey(CHART_RENDERER, option, size.width, size.height);
    const remembered = rememberedSvg(testId, key);
    // A remembered chart that is no longer one SVG document is drawn afresh (and replaced).
    if (remembered && show(remembered)) return;
    let current = true;
    void drawChart(option, size.width, size.height).then((reply) => {
      if (!current) return; // a newer option or size is being drawn
      if ('error' in reply) {
        console.error(`[stats] chart ${testId} not drawn: ${reply.error}`);
        div.dataset.rendered = 'false';
        div.textContent = reply.error;
        return;
      }
      if (!show(reply.svg)) {
        console.error(`[stats] chart ${testId} not shown: its SVG is not one well-formed SVG document`);
        div.dataset.rendered = 'false';
        div.textContent = 'SVG refused';
        return;
      }
      rememberSvg(testId, key, reply.svg);
    });
    return () => {
      current = false;
    };
  }, [option, size, testId]);

  return <div ref={el} className="stats-chart" data-testid={testId} />;
}
