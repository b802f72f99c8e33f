// One chart in a div, drawn by ECharts in the statistics worker (chart-worker.ts) as SVG: drawn
// when it mounts, again when its option or its box changes; what it last drew is remembered
// (chart-cache.ts) and shown at once when nothing changed. The wall shows figures, not a
// pointer's tooltips, so every value the charts carry is written on them as a label. Either
// way the SVG reaches the page only through the sanitizer (svg-sanitize.ts), never innerHTML:
// zrender leaves attribute values unescaped, and the remembered copy lives in the profile.
import { useEffect, useMemo, useRef, useState } from 'react';
import { markOnce } from '../../shared/startup-marks';
import type { ChartOption } from './chart-svg';
import { chartKey, rememberedSvg, rememberSvg } from './chart-cache';
import { CHART_RENDERER, drawChart } from './chart-worker-client';
import { sanitizedSvg } from './svg-sanitize';
import { withMinTextPx } from './chart-options';

export type { ChartOption } from './chart-svg';

/** The least chart height, in letters of the wall's least size. */
const MIN_CHART_LINES = 6;

export function EChart({ option, testId }: { option: ChartOption; testId: string }) {
  const el = useRef<HTMLDivElement>(null);
  // Its box and the wall's least letter size (--wall-min-px on the wall's root): no chart text under it.
  const [size, setSize] = useState<{ width: number; height: number; minPx: number } | null>(null);
  // The drawing wanted now, and the one whose SVG is shown and kept for a restart: when they are the
  // same, a restart would show this chart at once (data-remembered; a test waits for it).
  const wanted = useMemo(() => {
    if (!size || size.width === 0 || size.height === 0) return null;
    const scaled = withMinTextPx(option, size.minPx, size.height);
    return { scaled, key: chartKey(CHART_RENDERER, scaled, size.width, size.height) };
  }, [option, size]);
  const [kept, setKept] = useState<string | null>(null);

  useEffect(() => {
    const div = el.current!;
    const measure = (): void => {
      const width = Math.round(div.clientWidth);
      const height = Math.round(div.clientHeight);
      const minPx = parseFloat(getComputedStyle(div).getPropertyValue('--wall-min-px')) || 0;
      setSize((s) => (s && s.width === width && s.height === height && s.minPx === minPx ? s : { width, height, minPx }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(div);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const div = el.current!;
    if (!size || !wanted) return;
    const show = (svg: string): boolean => {
      const chart = sanitizedSvg(svg);
      if (!chart) return false;
      div.replaceChildren(chart);
      div.dataset.rendered = 'true';
      markOnce('cw.stats.chart');
      return true;
    };
    // Lower than a few letters of the wall's least size, a chart is unreadable from the hall: none is
    // drawn (the block's title still says the total).
    if (size.minPx > 0 && size.height < size.minPx * MIN_CHART_LINES) {
      div.replaceChildren();
      div.dataset.rendered = 'too-small';
      return;
    }
    const { scaled, key } = wanted;
    markOnce('cw.stats.sized');
    const remembered = rememberedSvg(testId, key);
    // A remembered chart that is no longer one SVG document is drawn afresh (and replaced).
    if (remembered && show(remembered)) {
      setKept(key);
      return;
    }
    let current = true;
    markOnce('cw.stats.drawAsked');
    void drawChart(scaled, size.width, size.height).then((reply) => {
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
      setKept(key);
    });
    return () => {
      current = false;
    };
  }, [size, wanted, testId]);

  return <div ref={el} className="stats-chart" data-testid={testId} data-remembered={wanted !== null && kept === wanted.key} />;
}
