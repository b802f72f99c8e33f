// The demo set (演示数据) of the one map, with the seed plan's counts: 146 risk points and hazards
// (1 orange, 21 yellow, 124 blue), 35 shelters, 23 warehouses (1,500 m² in all, Table 2), 26
// rescue teams with 722 people (8 professional teams with 452, 18 street teams with 270), 3
// waterlogging points and 1 geological hazard point. Positions are invented, placed inside
// Yuexiu's outline near each street's label point; every object is flagged demo and says so.
// Deterministic (a seeded generator), so every demo wall shows the same map.
import type { MapObjectParsed, RiskCategory, RiskLevel, StockItem } from '../contract/map';
import { YUEXIU_STREETS, type StreetName } from '../contract/yuexiu';
import { insideRing, metresToEdge, M_PER_DEG_LAT, M_PER_DEG_LNG } from './yuexiu-outline';

export const DEMO_NOTE = '演示数据：名称、位置与属性均为示意，不是真实台账。';

/** Label points inside the outline (resources/map/yuexiu-street-labels.geojson holds the same). */
const LABEL_POINTS: Record<string, { lat: number; lng: number }> = {
  登峰街: { lat: 23.1545, lng: 113.28 },
  矿泉街: { lat: 23.16, lng: 113.25 },
};

export function streetPoint(name: StreetName): { lat: number; lng: number } {
  return LABEL_POINTS[name] ?? YUEXIU_STREETS.find((s) => s.name === name)!.centre;
}

/** mulberry32: small, fast, and the same sequence everywhere. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round5 = (n: number): number => Math.round(n * 1e5) / 1e5;

/** A point within `radius` metres of the street's label point, inside Yuexiu and away from its edge. */
function placeNear(rand: () => number, street: StreetName, radius: number): { lat: number; lng: number } {
  const c = streetPoint(street);
  for (let tries = 0; tries < 500; tries++) {
    const r = radius * Math.sqrt(rand());
    const a = rand() * 2 * Math.PI;
    const lat = round5(c.lat + (r * Math.sin(a)) / M_PER_DEG_LAT);
    const lng = round5(c.lng + (r * Math.cos(a)) / M_PER_DEG_LNG);
    if (insideRing(lng, lat) && metresToEdge(lng, lat) >= 150) return { lat, lng };
  }
  return c;
}

const streets = YUEXIU_STREETS.map((s) => s.name);
const pad = (n: number): string => String(n).padStart(3, '0');

const RISK_CATEGORIES: { category: RiskCategory; word: string }[] = [
  { category: 'fire', word: '消防重点单位' },
  { category: 'traffic', word: '交通事故多发路段' },
  { category: 'construction', word: '在建工地深基坑' },
  { category: 'building', word: '老旧危房' },
  { category: 'crowd', word: '专业批发市场' },
  { category: 'gas', word: '燃气管道节点' },
  { category: 'hazchem', word: '危险化学品经营点' },
];

const STOCK: StockItem[][] = [
  [
    { item: '沙包', quantity: 2000, unit: '袋' },
    { item: '救生衣', quantity: 150, unit: '件' },
    { item: '发电机', quantity: 4, unit: '台' },
    { item: '移动照明灯', quantity: 20, unit: '台' },
    { item: '防汛帐篷', quantity: 30, unit: '顶' },
    { item: '对讲机', quantity: 40, unit: '台' },
    { item: '灾害预警铜锣', quantity: 10, unit: '面' },
  ],
  [
    { item: '沙包', quantity: 300, unit: '袋' },
    { item: '救生衣', quantity: 20, unit: '件' },
    { item: '移动照明灯', quantity: 4, unit: '台' },
    { item: '对讲机', quantity: 6, unit: '台' },
    { item: '灾害预警铜锣', quantity: 2, unit: '面' },
  ],
];

const PROFESSIONAL_TEAMS: { name: string; people: number; equipment: string }[] = [
  { name: '区三防抢险队', people: 80, equipment: '排涝泵车2台、冲锋舟2艘、发电机4台' },
  { name: '区建筑工程抢险队', people: 70, equipment: '挖掘机2台、吊车1台、破拆工具组' },
  { name: '区市政排水抢险队', people: 60, equipment: '移动泵站3台、管道疏通车2台' },
  { name: '区燃气抢险队', people: 55, equipment: '检漏仪8台、抢修车3辆' },
  { name: '区供电抢修队', people: 55, equipment: '应急发电车1台、抢修车4辆' },
  { name: '区房屋安全应急队', people: 50, equipment: '结构检测设备、支护器材' },
  { name: '区地质灾害应急队', people: 42, equipment: '位移监测仪、无人机2架' },
  { name: '区医疗救护应急队', people: 40, equipment: '救护车4辆、急救包' },
];

export function demoObjects(): (MapObjectParsed & { id: string })[] {
  const rand = generator(0x5eed2021);
  const out: (MapObjectParsed & { id: string })[] = [];
  const common = (street: StreetName, radius: number) => ({
    street,
    address: `${street}（示意位置）`,
    position: placeNear(rand, street, radius),
    note: DEMO_NOTE,
  });

  // 146 risk points and hazards: 1 orange, 21 yellow, 124 blue.
  const levels: RiskLevel[] = ['orange', ...Array<RiskLevel>(21).fill('yellow'), ...Array<RiskLevel>(124).fill('blue')];
  levels.forEach((level, i) => {
    const street = streets[i % streets.length];
    const cat = RISK_CATEGORIES[i % RISK_CATEGORIES.length];
    out.push({
      kind: 'risk',
      id: `obj_demo-risk-${pad(i + 1)}`,
      name: `${street}${cat.word}${pad(i + 1)}`,
      ...common(street, 700),
      level,
      category: cat.category,
      measures: '定期巡查，落实“一点一案”管控措施（示意）',
    });
  });

  // 35 shelters: capacity and area vary; most meet the 1.5 m² per person target, a few do not.
  for (let i = 0; i < 35; i++) {
    const street = streets[i % streets.length];
    const capacity = 200 + Math.round(rand() * 28) * 100;
    const perPerson = i % 7 === 3 ? 1.1 + rand() * 0.3 : 1.5 + rand() * 1.5;
    out.push({
      kind: 'shelter',
      id: `obj_demo-shelter-${pad(i + 1)}`,
      name: `${street}应急避护场所${i >= 18 ? '（二）' : ''}`,
      ...common(street, 600),
      capacity,
      areaM2: Math.round(capacity * perPerson),
      indoor: i % 3 !== 0,
      manager: `${street}办事处`,
    });
  }

  // 23 warehouses, 1,500 m² in all (Table 2): one district warehouse and 22 points.
  const areas = [
    260,
    ...Array<number>(22)
      .fill(0)
      .map((_, i) => (i < 8 ? 57 : 56)),
  ];
  areas.forEach((areaM2, i) => {
    const street = streets[i % streets.length];
    out.push({
      kind: 'warehouse',
      id: `obj_demo-warehouse-${pad(i + 1)}`,
      name: i === 0 ? '越秀区应急物资储备仓库' : `${street}应急物资储备点${i >= 18 ? '（二）' : ''}`,
      ...common(street, 500),
      areaM2,
      stock: i === 0 ? STOCK[0] : STOCK[1],
      manager: i === 0 ? '区应急管理局' : `${street}办事处`,
    });
  });

  // 26 teams, 722 people: 8 professional (452) and one part-time team per street (18 × 15 = 270).
  PROFESSIONAL_TEAMS.forEach((t, i) => {
    const street = streets[(i * 5) % streets.length];
    out.push({
      kind: 'team',
      id: `obj_demo-team-${pad(i + 1)}`,
      name: t.name,
      ...common(street, 600),
      people: t.people,
      professional: true,
      equipment: t.equipment,
      status: 'standby',
      contact: '区应急指挥中心转',
    });
  });
  streets.forEach((street, i) => {
    out.push({
      kind: 'team',
      id: `obj_demo-team-${pad(i + 9)}`,
      name: `${street}兼职抢险队`,
      ...common(street, 400),
      people: 15,
      professional: false,
      equipment: '沙包、排水泵、照明灯、对讲机',
      status: 'standby',
      contact: `${street}应急办`,
    });
  });

  // 3 waterlogging points and 1 registered geological hazard point (seed plan, project 15).
  (['大塘街', '人民街', '东山街'] as StreetName[]).forEach((street, i) => {
    out.push({
      kind: 'waterlogging',
      id: `obj_demo-waterlogging-${pad(i + 1)}`,
      name: `${street}内涝风险点`,
      ...common(street, 400),
      maxDepthCm: 20 + i * 15,
      remediated: false,
    });
  });
  out.push({
    kind: 'geohazard',
    id: 'obj_demo-geohazard-001',
    name: '登峰街边坡地质灾害隐患点',
    ...common('登峰街', 300),
    hazardType: 'landslide',
    threatenedPeople: 120,
    remediated: false,
  });
  return out;
}
