// ECharts options for the statistics panel: dark, large type, no animation (a wall redraws
// only when data changes), every value labelled (the charts are drawn as SVG, without
// tooltips). Functions of the data and the language (and the page's font list).
import { REPORT_CATEGORY_LABELS, type Label } from '@contract/duty';
import { TABLE1, TABLE2, type ReportCounts } from '@contract/stats';
import { YUEXIU_STREETS } from '@contract/yuexiu';
import type { ChartOption } from './chart-svg';
import { pageFontFamily } from './page-font';

const TEXT = '#a9b8cb';
const LINE = '#22344d';
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
      { name: names.accidents, type: 'bar', data: [...TABLE1.accidents], itemStyle: { color: '#58c4ff' }, label: { show: true, position: 'top', color: TEXT } },
      {
        name: names.deaths,
        type: 'line',
        data: [...TABLE1.deaths],
        itemStyle: { color: '#ff5a5f' },
        lineStyle: { width: 3 },
        label: { show: true, position: 'top', color: '#ffb3b5' },
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
      { name: '2019', type: 'bar', data: rows.map((r) => r.y2019), itemStyle: { color: '#5a6b82' }, label: { show: true, position: 'right', color: TEXT } },
      { name: '2020', type: 'bar', data: rows.map((r) => r.y2020), itemStyle: { color: '#3ddc84' }, label: { show: true, position: 'right', color: TEXT } },
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
          itemStyle: { color: '#ff4fd8' },
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
      { name: seriesName, type: 'bar', data: data.map((d) => d.n), itemStyle: { color: '#ff4fd8' }, label: { show: true, position: 'top', color: TEXT } },
    ],
  };
}
