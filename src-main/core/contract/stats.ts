// Statistics (统计分析): the seed plan's tables as shipped series (Table 1, production-safety
// accidents and deaths 2016–2020; Table 2, capacity building 2019–2020), its planning indicators
// (Table 3) with the current value against the target, and live counts of duty-log reports.
//
// Current values of the indicators come from the system where it holds them (shelter area per
// person from the map's shelters; plan revision and drill execution rates from the plan library)
// and otherwise from the operator (stats.saveIndicator), dated and with a note. An indicator
// nobody has entered says so: it is never shown as met.
import { z } from 'zod';
import { event, method } from './define';
import { Timestamp, type Label } from './primitives';
import { LocalDate, StreetName } from './yuexiu';
import { ReportCategory } from './duty';

/** Where the shipped series come from. */
export const SEED_PLAN_SOURCE: Label = {
  zh: '《越秀区应急管理“十四五”规划（2021—2025年）》',
  en: 'Yuexiu District 14th Five-Year Plan for Emergency Management (2021–2025)',
};

// ---- Table 1: production-safety accidents and deaths, 2016–2020 ---------------------------
export const TABLE1 = {
  title: { zh: '表1 “十三五”期间越秀区安全生产工作情况', en: 'Table 1 Production safety in Yuexiu, 2016–2020' } as Label,
  years: [2016, 2017, 2018, 2019, 2020],
  accidents: [28, 40, 22, 19, 17],
  deaths: [11, 22, 11, 8, 6],
  note: { zh: '2016年前统计口径不同，本表采用“十三五”期间数据', en: 'Figures before 2016 were counted differently; the table covers 2016–2020 only' } as Label,
} as const;

// ---- Table 2: capacity building and 三防, 2019–2020 ------------------------------------------
export interface Table2Row {
  key: string;
  label: Label;
  unit: Label;
  y2019: number | null;
  y2020: number | null;
  /** For rows that are words rather than numbers, or carry a second figure. */
  text2019?: Label;
  text2020?: Label;
}

export const TABLE2: { title: Label; note: Label; rows: readonly Table2Row[] } = {
  title: { zh: '表2 “十三五”期间应急能力建设及“三防”工作情况', en: 'Table 2 Emergency capacity and flood-control work, 2019–2020' },
  note: { zh: '2019年应急系统机构改革，本表从2019年起统计', en: 'Counted from 2019, after the 2019 reorganisation of emergency management' },
  rows: [
    { key: 'teams', label: { zh: '应急队伍建设数量', en: 'Emergency teams' }, unit: { zh: '支', en: 'teams' }, y2019: 8, y2020: 26 },
    {
      key: 'warehouses',
      label: { zh: '应急物资储备仓库数量', en: 'Supply warehouses' },
      unit: { zh: '个', en: 'warehouses' },
      y2019: 5,
      y2020: 23,
      text2019: { zh: '5（800㎡）', en: '5 (800 m²)' },
      text2020: { zh: '23（1500㎡）', en: '23 (1,500 m²)' },
    },
    { key: 'shelters', label: { zh: '应急避护场所数量', en: 'Emergency shelters' }, unit: { zh: '个', en: 'shelters' }, y2019: 20, y2020: 35 },
    {
      key: 'warning-coverage',
      label: { zh: '应急预警信息覆盖率', en: 'Warning message coverage' },
      unit: { zh: '', en: '' },
      y2019: null,
      y2020: null,
      text2019: { zh: '100%覆盖全区三防指挥部成员单位', en: '100% of the district flood-control HQ members' },
      text2020: { zh: '100%覆盖全区三防指挥部成员单位、社区居委会、重点企事业单位', en: '100% of HQ members, residents’ committees and key enterprises' },
    },
    { key: 'sanfang-plans', label: { zh: '“三防”预案编制数量', en: 'Flood-control (三防) plans' }, unit: { zh: '份', en: 'plans' }, y2019: 20, y2020: 242 },
    { key: 'waterlogging', label: { zh: '内涝点数量', en: 'Waterlogging points' }, unit: { zh: '个', en: 'points' }, y2019: 26, y2020: 3 },
    { key: 'geohazards', label: { zh: '地质灾害点数量', en: 'Geological hazard points' }, unit: { zh: '个', en: 'points' }, y2019: 3, y2020: 1 },
    { key: 'info-officers', label: { zh: '灾害信息员队伍人数', en: 'Disaster information officers' }, unit: { zh: '人', en: 'people' }, y2019: 22, y2020: 386 },
  ],
};

// ---- Table 3: planning indicators, 2021–2025 -----------------------------------------------
export const IndicatorId = z.enum([
  'deaths',
  'deaths-per-gdp',
  'deaths-per-worker',
  'traffic-deaths-per-vehicle',
  'fire-deaths-per-population',
  'demo-communities',
  'flood-standard',
  'shelter-coverage',
  'shelter-area-per-person',
  'plan-revision-rate',
  'training-rate',
  'drill-execution-rate',
]);
export type IndicatorId = z.infer<typeof IndicatorId>;

export interface IndicatorDef {
  id: IndicatorId;
  n: number;
  group: 'safety' | 'disaster' | 'rescue';
  label: Label;
  /** The plan's wording of the target. */
  targetText: Label;
  target: number;
  /** 'at-least': value ≥ target meets it; 'below': value < target. */
  rule: 'at-least' | 'below';
  unit: Label;
  /** Where the current value comes from when the system holds it. */
  live: 'map-shelters' | 'plans-revision' | 'plans-drills' | null;
}

const PCT: Label = { zh: '%', en: '%' };
const DROP: Label = { zh: '% 降幅', en: '% decrease' };

// Table 3's indicators as data, one entry each and all of one shape, on purpose.
export const INDICATORS: readonly IndicatorDef[] = [
  {
    id: 'deaths',
    n: 1,
    group: 'safety',
    label: { zh: '生产安全事故死亡人数', en: 'Deaths in production-safety accidents' },
    targetText: { zh: '下降10%', en: '10% fewer' },
    target: 10,
    rule: 'at-least',
    unit: DROP,
    live: null,
  },
  {
    id: 'deaths-per-gdp',
    n: 2,
    group: 'safety',
    label: { zh: '亿元全区生产总值生产安全事故死亡率', en: 'Deaths per 100 million yuan of GDP' },
    targetText: { zh: '下降28%', en: '28% lower' },
    target: 28,
    rule: 'at-least',
    unit: DROP,
    live: null,
  },
  {
    id: 'deaths-per-worker',
    n: 3,
    group: 'safety',
    label: { zh: '工矿商贸企业就业人员10万人生产安全事故死亡率', en: 'Deaths per 100,000 industrial and commercial workers' },
    targetText: { zh: '下降15%', en: '15% lower' },
    target: 15,
    rule: 'at-least',
    unit: DROP,
    live: null,
  },
  {
    id: 'traffic-deaths-per-vehicle',
    n: 4,
    group: 'safety',
    label: { zh: '道路交通事故万车死亡率', en: 'Road deaths per 10,000 vehicles' },
    targetText: { zh: '下降25%', en: '25% lower' },
    target: 25,
    rule: 'at-least',
    unit: DROP,
    live: null,
  },
  {
    id: 'fire-deaths-per-population',
    n: 5,
    group: 'safety',
    label: { zh: '年度10万人口火灾（消防）死亡率', en: 'Fire deaths per 100,000 people a year' },
    targetText: { zh: '<0.15', en: 'below 0.15' },
    target: 0.15,
    rule: 'below',
    unit: { zh: '人/10万人', en: 'per 100,000' },
    live: null,
  },
  {
    id: 'demo-communities',
    n: 6,
    group: 'disaster',
    label: { zh: '新创建“全国综合减灾示范社区”', en: 'New national model disaster-reduction communities' },
    targetText: { zh: '5个', en: '5' },
    target: 5,
    rule: 'at-least',
    unit: { zh: '个', en: '' },
    live: null,
  },
  {
    id: 'flood-standard',
    n: 7,
    group: 'disaster',
    label: { zh: '防洪标准', en: 'Flood defence standard' },
    targetText: { zh: '200年一遇', en: '1-in-200-year' },
    target: 200,
    rule: 'at-least',
    unit: { zh: '年一遇', en: '-year return period' },
    live: null,
  },
  {
    id: 'shelter-coverage',
    n: 8,
    group: 'disaster',
    label: { zh: '区、街及居委室内外应急避护场所服务覆盖率', en: 'Shelter service coverage (district, streets, communities)' },
    targetText: { zh: '100%', en: '100%' },
    target: 100,
    rule: 'at-least',
    unit: PCT,
    live: null,
  },
  {
    id: 'shelter-area-per-person',
    n: 9,
    group: 'disaster',
    label: { zh: '全区应急避护场所人均避难面积', en: 'Shelter area per person' },
    targetText: { zh: '1.5㎡', en: '1.5 m²' },
    target: 1.5,
    rule: 'at-least',
    unit: { zh: '㎡/人', en: 'm² per person' },
    live: 'map-shelters',
  },
  {
    id: 'plan-revision-rate',
    n: 10,
    group: 'rescue',
    label: { zh: '应急预案修订率', en: 'Plan revision rate' },
    targetText: { zh: '100%', en: '100%' },
    target: 100,
    rule: 'at-least',
    unit: PCT,
    live: 'plans-revision',
  },
  {
    id: 'training-rate',
    n: 11,
    group: 'rescue',
    label: { zh: '培训计划落实率', en: 'Training plan completion' },
    targetText: { zh: '100%', en: '100%' },
    target: 100,
    rule: 'at-least',
    unit: PCT,
    live: null,
  },
  {
    id: 'drill-execution-rate',
    n: 12,
    group: 'rescue',
    label: { zh: '应急预案演练演习执行率', en: 'Drill execution rate' },
    targetText: { zh: '100%', en: '100%' },
    target: 100,
    rule: 'at-least',
    unit: PCT,
    live: 'plans-drills',
  },
];

export const INDICATOR_GROUP_LABELS: Record<IndicatorDef['group'], Label> = {
  safety: { zh: '安全生产类', en: 'Production safety' },
  disaster: { zh: '防灾减灾类', en: 'Disaster reduction' },
  rescue: { zh: '应急救援类', en: 'Emergency response' },
};

export const IndicatorValue = z.object({
  id: IndicatorId,
  /** null: nobody has entered it and the system does not hold it. */
  value: z.number().nullable(),
  /** 'live': computed now from the map or the plan library; 'entered': by an operator. */
  source: z.enum(['live', 'entered']).nullable(),
  /** The day an entered value refers to; today for live ones. */
  asOf: LocalDate.nullable(),
  /** What the live value was computed from, or the operator's note. */
  note: z.string(),
  /** Against the target; null when there is no value. */
  met: z.boolean().nullable(),
  updatedAt: Timestamp.nullable(),
});
export type IndicatorValue = z.infer<typeof IndicatorValue>;

export const ReportCounts = z.object({
  from: Timestamp,
  to: Timestamp,
  total: z.number().int(),
  byCategory: z.array(z.object({ category: ReportCategory, n: z.number().int() })),
  byStreet: z.array(z.object({ street: StreetName, n: z.number().int() })),
  /** Every local day of the range, oldest first, zero where none. */
  byDay: z.array(z.object({ date: LocalDate, n: z.number().int() })),
  /** False when this build has no duty log to count. */
  available: z.boolean(),
});
export type ReportCounts = z.infer<typeof ReportCounts>;

// One entry per method, each of the same shape (define.ts): the likeness between method tables is the
// declaration itself, kept on purpose (the `duplicates` tool lists it as a twin).
export const statsMethods = {
  'stats.listIndicators': method({
    right: 'read',
    summary: 'The seed plan’s Table 3 indicators with their current values (live where the system holds them, else as entered) against target.',
    params: z.strictObject({}),
    result: z.array(IndicatorValue),
  }),
  'stats.saveIndicator': method({
    right: 'stats.edit',
    summary: 'Enter the current value of an indicator the system does not compute (dated, with a note); null clears it.',
    params: z.strictObject({
      id: IndicatorId,
      value: z.number().min(-1_000_000).max(1_000_000).nullable(),
      asOf: LocalDate,
      note: z.string().trim().max(500).default(''),
    }),
    result: z.array(IndicatorValue),
  }),
  'stats.getReportCounts': method({
    right: 'read',
    summary: 'Duty-log reports received in a range, counted by category, by street and by local day.',
    params: z
      .strictObject({ from: Timestamp, to: Timestamp })
      .refine((p) => p.to > p.from, { message: 'to must be after from', path: ['to'] })
      .refine((p) => p.to - p.from <= 400 * 86_400_000, { message: 'count at most 400 days at a time', path: ['to'] }),
    result: ReportCounts,
  }),
} as const;

export const statsEvents = {
  'stats.indicatorsChanged': event({
    right: 'read',
    summary: 'An indicator value was entered or cleared.',
    payload: z.object({ indicators: z.array(IndicatorValue) }),
  }),
} as const;
