// ECharts options for the statistics panel: dark, large type, no animation (a wall redraws
// only when data changes), every value labelled (the charts are drawn as SVG, without
// tooltips). Functions of the data and the language (and the page's font list).
import { REPORT_CATEGORY_LABELS, type Label } from '@contract/duty';
import { TABLE1, TABLE2, type ReportCounts } from '@contract/stats';
import { YUEXIU_STREETS } from '@contract/yuexiu';
import type { ChartOption } from './chart-svg';
import { DATA } from '../../styles/colour-language';
import { pageFontFamily } from './page-font';

const TEXT = DATA.label;
const LINE = DATA.grid;
const pick = (l: Label, en: boolean): string => (en ? l.en : l.zh);

function base(): ChartOption {
  return {
    animation: false,
    textStyle: { color: TEXT, fontSize: 14, fontFamily: pageFontFamily() },
    grid: { left: 8, right: 12, top: 28, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    legend: { top: 0, textStyle: { color: TEXT, fontSize: 13 }, itemHeight: 10 },
  };
}

const axis = { axisLine: { lineStyle: { color: LINE } }, axisLabel: { color: TEXT, fontSize: 13 }, splitLine: { lineStyle: { color: LINE } } };
/** Category axes with a handful of labels (years, table rows) show every one: naming the interval
 *  spares ECharts measuring each label to pick one, a third of a chart's first layout. */
const categoryAxis = { ...axis, axisLabel: { ...axis.axisLabel, interval: 0 } };

export function table1Option(names: { accidents: string; deaths: string }): ChartOption {
  return {
    ...base(),
    xAxis: { type: 'category', data: TABLE1.years.map(String), ...categoryAxis },
    yAxis: { type: 'value', minInterval: 1, ...axis },
    series: [
      {
        name: names.accidents,
        type: 'bar',
        data: [...TABLE1.accidents],
        itemStyle: { color: DATA.series[1] },
        label: { show: true, position: 'top', color: TEXT },
      },
      {
        name: names.deaths,
        type: 'line',
        data: [...TABLE1.deaths],
        itemStyle: { color: DATA.series[0] },
        lineStyle: { width: 3 },
        label: { show: true, position: 'top', color: DATA.series[0] },
      },
    ],
  };
}

export function table2Option(en: boolean): ChartOption {
  const rows = TABLE2.rows.filter((r) => r.y2019 !== null && r.y2020 !== null);
  return {
    ...base(),
    grid: { left: 8, right: 36, top: 28, bottom: 4, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    // The rows span 1 to 386: a log scale keeps the small ones visible.
    xAxis: { type: 'log', logBase: 10, min: 1, ...axis },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => pick(r.label, en)), ...categoryAxis },
    series: [
      {
        name: '2019',
        type: 'bar',
        data: rows.map((r) => r.y2019),
        itemStyle: { color: DATA.series[1] },
        label: { show: true, position: 'right', color: TEXT },
      },
      {
        name: '2020',
        type: 'bar',
        data: rows.map((r) => r.y2020),
        itemStyle: { color: DATA.series[0] },
        label: { show: true, position: 'right', color: TEXT },
      },
    ],
  };
}

export type CountsView = 'day' | 'category' | 'street';

export function countsOption(counts: ReportCounts, view: CountsView, en: boolean, seriesName: string): ChartOption {
  const b = base();
  // One chart type for every view, so turning views updates data rather than rebuilding series.
  if (view === 'day') {
    return {
      ...b,
      legend: { show: false },
      xAxis: { type: 'category', data: counts.byDay.map((d) => d.date.slice(5)), ...axis },
      yAxis: { type: 'value', minInterval: 1, ...axis },
      series: [
        {
          name: seriesName,
          type: 'bar',
          data: counts.byDay.map((d) => d.n),
          itemStyle: { color: DATA.series[0] },
          label: { show: true, position: 'top', color: TEXT },
        },
      ],
    };
  }
  const data =
    view === 'category'
      ? counts.byCategory.map((c) => ({ name: pick(REPORT_CATEGORY_LABELS[c.category], en), n: c.n }))
      : counts.byStreet.map((s) => ({ name: en ? YUEXIU_STREETS.find((x) => x.name === s.street)!.nameEn.replace(' Street', '') : s.street, n: s.n }));
  return {
    ...b,
    legend: { show: false },
    xAxis: {
      type: 'category',
      data: data.map((d) => d.name),
      ...axis,
      axisLabel: { color: TEXT, fontSize: 13, rotate: view === 'street' ? 45 : 30, interval: 0 },
    },
    yAxis: { type: 'value', minInterval: 1, ...axis },
    series: [
      { name: seriesName, type: 'bar', data: data.map((d) => d.n), itemStyle: { color: DATA.series[0] }, label: { show: true, position: 'top', color: TEXT } },
    ],
  };
}

const TEXT_KEYS = new Set(['textStyle', 'label', 'axisLabel', 'edgeLabel']);

/** Below this many letters of height, a chart drops its value axis's labels (every bar carries its value). */
const VALUE_AXIS_LINES = 10;

/**
 * The option with no text under `minPx` (the wall's least letter size, wall/type-scale.ts): every
 * text style, label and axis label at least that, and the legend's room above the plot to match;
 * in a chart too low for value-axis labels at that size (`heightPx`), none (the bars are labelled).
 * Pure; 0 leaves the option as it is.
 */
export function withMinTextPx(option: ChartOption, minPx: number, heightPx = Infinity): ChartOption {
  if (!(minPx > 0)) return option;
  const low = heightPx < minPx * VALUE_AXIS_LINES;
  const walk = (value: unknown, key: string): unknown => {
    if (Array.isArray(value)) return value.map((v) => walk(v, key));
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = walk(v, k);
    if (TEXT_KEYS.has(key)) out.fontSize = Math.max(typeof out.fontSize === 'number' ? out.fontSize : 0, minPx);
    if (key === 'grid' && typeof out.top === 'number') out.top = Math.max(out.top, Math.ceil(minPx * 1.6));
    if (low && (key === 'xAxis' || key === 'yAxis') && out.type === 'value') out.axisLabel = { ...(out.axisLabel as object), show: false };
    // Labels that would cross at this size are left out by ECharts itself, never drawn over each other.
    if (key === 'series') out.labelLayout = { hideOverlap: true };
    return out;
  };
  return walk(option, '') as ChartOption;
}
