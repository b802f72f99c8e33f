// The plans part of the embedded demo set (演示数据): about 40 plans for Yuexiu across every
// category and level, each with Ⅰ–Ⅳ response actions built from per-category templates; drills
// for this year; and one active 三防 response escalated from a demo report. Titles follow the
// district's naming; the seed plan names 《越秀区防汛防旱防风防冻应急预案》 and
// 《房屋安全突发事故应急抢险预案》. Enterprise and community plans are invented examples.
import type { PersonRef } from '../contract/duty';
import type { PlanCategory, PlanLevel, ResponseLevel } from '../contract/plans';
import { localDateString, localParts, type StreetName } from '../contract/yuexiu';
import type { ReportLinks } from '../shared/links';
import type { Tx } from '../store';
import { putDrill } from './drills';
import { putPlan, type PlanData } from './library';
import { attachReport, changeLevel, createResponse, updateAction } from './responses';

type ActionTemplate = [minLevel: ResponseLevel, text: string, unit: string, minutes: number];

/** Actions per category; a level gets every action whose minimum level it reaches (Ⅳ < Ⅲ < Ⅱ < Ⅰ). */
// Data, not logic: every category's list has the same shape on purpose (one action a row, the
// weaker levels first), so the lists look alike line by line.
const TEMPLATES: Record<PlanCategory, ActionTemplate[]> = {
  sanfang: [
    ['IV', '发布三防应急响应通知，各成员单位进入戒备状态', '区三防办', 30],
    ['IV', '指挥中心24小时值守，每2小时报送雨情、水情、险情', '区应急指挥中心', 60],
    ['IV', '巡查易涝点、地下空间、危险边坡和危房', '各街道办事处', 120],
    ['IV', '检查抽排设备，预置抢险队伍和物资', '区水务局', 120],
    ['III', '低洼地、危房住户做好转移准备', '各街道办事处', 180],
    ['III', '地下车库、下沉式广场出入口挡水设施就位', '区住房建设局', 120],
    ['III', '暂停在建工地露天及高空作业', '区住房建设局', 60],
    ['II', '区三防指挥部领导进驻指挥中心集中办公', '区三防指挥部', 60],
    ['II', '转移危险区域群众至应急避护场所', '各街道办事处', 240],
    ['II', '落实停课、停工、停业联动措施', '区教育局', 120],
    ['I', '全区抢险救灾总动员，请求市三防指挥部支援', '区三防指挥部', 60],
    ['I', '开放全部应急避护场所并保障转移群众生活', '区民政局', 180],
  ],
  fire: [
    ['IV', '核实火情，通知辖区消防救援站出动', '区应急指挥中心', 10],
    ['IV', '属地街道组织人员疏散，设置警戒区', '属地街道办事处', 30],
    ['IV', '交警疏导周边交通，保障消防通道畅通', '越秀交警大队', 30],
    ['III', '120调派救护力量到场待命', '区卫生健康局', 30],
    ['III', '供电、供气单位切断相关区域电源、气源', '越秀供电局', 45],
    ['II', '成立现场指挥部，区领导到场指挥', '区应急管理局', 60],
    ['II', '启用应急避护场所安置受影响群众', '区民政局', 120],
    ['I', '请求市消防救援支队增援，统一发布信息', '区委宣传部', 60],
  ],
  hazchem: [
    ['IV', '核实泄漏物质、数量与扩散范围', '区应急管理局', 30],
    ['IV', '划定警戒区，疏散下风向人员', '属地街道办事处', 30],
    ['IV', '开展空气与水体应急监测', '生态环境越秀分局', 60],
    ['III', '专业处置队伍堵漏、收集、转移', '区应急管理局', 90],
    ['III', '医疗救护力量到场，救治中毒人员', '区卫生健康局', 45],
    ['II', '成立现场指挥部，协调专家会商', '区应急管理局', 60],
    ['I', '请求市危化品应急救援力量支援', '区应急委', 60],
  ],
  geological: [
    ['IV', '核实险情，设置警示标志与警戒线', '属地街道办事处', 30],
    ['IV', '专业技术人员现场调查评估', '规划和自然资源越秀分局', 120],
    ['IV', '加密监测裂缝、位移与降雨', '规划和自然资源越秀分局', 180],
    ['III', '撤离受威胁群众，落实临时安置', '属地街道办事处', 120],
    ['III', '封闭受影响道路，组织交通绕行', '越秀交警大队', 60],
    ['II', '组织抢险队伍实施应急排险', '区住房建设局', 240],
    ['I', '请求市地质灾害应急专家组指导', '区应急委', 120],
  ],
  traffic: [
    ['IV', '交警到场处置，设置警示与绕行', '越秀交警大队', 20],
    ['IV', '救护车辆到场救治伤员', '区卫生健康局', 20],
    ['III', '发布路况信息，引导车辆分流', '越秀交警大队', 30],
    ['III', '清障车辆到场，清理事故车辆和散落物', '区城市管理和综合执法局', 60],
    ['II', '公交、地铁调整运营组织', '区交通运输部门', 60],
    ['I', '请求市交通应急指挥部协调处置', '区应急委', 60],
  ],
  construction: [
    ['IV', '施工单位停止作业，撤离作业人员', '施工单位', 15],
    ['IV', '核实被困、受伤人员情况', '区住房建设局', 30],
    ['IV', '设置警戒区，疏导周边人员', '属地街道办事处', 30],
    ['III', '专业救援队伍开展搜救', '区应急管理局', 60],
    ['III', '监测基坑及周边建（构）筑物变形', '区住房建设局', 120],
    ['II', '成立现场指挥部，组织专家论证抢险方案', '区住房建设局', 90],
    ['I', '请求市级专业救援力量增援', '区应急委', 60],
  ],
  'building-collapse': [
    ['IV', '核实房屋险情，撤离危险区域人员', '属地街道办事处', 30],
    ['IV', '房屋安全鉴定人员到场评估', '区住房建设局', 120],
    ['III', '搜救被困人员，医疗救护到场', '区应急管理局', 30],
    ['III', '切断水电气，设置警戒隔离区', '越秀供电局', 45],
    ['II', '安置受影响住户，保障基本生活', '区民政局', 180],
    ['I', '请求市房屋安全应急抢险指挥部支援', '区应急委', 60],
  ],
  'public-health': [
    ['IV', '核实报告，开展流行病学调查', '区疾病预防控制中心', 120],
    ['IV', '落实病例隔离治疗与密切接触者管理', '区卫生健康局', 240],
    ['III', '重点场所消毒与环境卫生整治', '属地街道办事处', 240],
    ['III', '发布健康提示，做好舆情引导', '区委宣传部', 120],
    ['II', '启动定点医院与物资储备调用', '区卫生健康局', 240],
    ['I', '实施区域管控措施，请求上级支援', '区应急委', 120],
  ],
  environment: [
    ['IV', '核实污染源与影响范围', '生态环境越秀分局', 60],
    ['IV', '开展应急监测，每2小时报送数据', '生态环境越秀分局', 120],
    ['III', '责令涉事单位停产或采取控污措施', '生态环境越秀分局', 120],
    ['III', '通知受影响居民做好防护', '属地街道办事处', 120],
    ['II', '组织专家研判，制定处置方案', '生态环境越秀分局', 180],
    ['I', '请求市生态环境局支援并统一发布信息', '区应急委', 120],
  ],
  other: [
    ['IV', '核实事件情况，报告区应急指挥中心', '事发单位', 30],
    ['IV', '相关职能部门到场先期处置', '区有关部门', 60],
    ['III', '属地街道组织人员疏散与秩序维护', '属地街道办事处', 60],
    ['II', '成立现场指挥部，统筹调度资源', '区应急管理局', 90],
    ['I', '请求市级部门支援，统一发布信息', '区应急委', 60],
  ],
};

const TRIGGERS: Record<ResponseLevel, string> = {
  IV: '发生一般突发事件，或气象等部门发布黄色及以上预警',
  III: '发生较大突发事件，或发布橙色预警且影响持续',
  II: '发生重大突发事件，或发布红色预警',
  I: '发生特别重大突发事件，或超出本区处置能力',
};

const RANK: Record<ResponseLevel, number> = { IV: 1, III: 2, II: 3, I: 4 };

function levelsFor(category: PlanCategory, levels: ResponseLevel[]): PlanData['responseLevels'] {
  return levels.map((level) => ({
    level,
    trigger: TRIGGERS[level],
    actions: TEMPLATES[category].filter(([min]) => RANK[min] <= RANK[level]).map(([, text, unit, timeLimitMinutes]) => ({ text, unit, timeLimitMinutes })),
  }));
}

interface DemoPlan {
  title: string;
  category: PlanCategory;
  level: PlanLevel;
  owner: string;
  street?: StreetName;
  /** Months since the last revision; over 36 makes it overdue (the KPI is not a flattering 100%). */
  revisedMonthsAgo: number;
}

const ALL: ResponseLevel[] = ['I', 'II', 'III', 'IV'];

// Data, not logic: one plan a row, every row the same shape on purpose.
export const DEMO_PLANS: DemoPlan[] = [
  { title: '越秀区防汛防旱防风防冻应急预案', category: 'sanfang', level: 'district', owner: '区三防指挥部办公室', revisedMonthsAgo: 8 },
  { title: '越秀区防御台风专项应急预案', category: 'sanfang', level: 'district', owner: '区三防指挥部办公室', revisedMonthsAgo: 14 },
  { title: '越秀区城市内涝防御应急预案', category: 'sanfang', level: 'district', owner: '区水务局', revisedMonthsAgo: 11 },
  { title: '越秀区低温雨雪冰冻灾害应急预案', category: 'sanfang', level: 'district', owner: '区应急管理局', revisedMonthsAgo: 30 },
  { title: '越秀区火灾事故应急预案', category: 'fire', level: 'district', owner: '区应急管理局', revisedMonthsAgo: 6 },
  { title: '越秀区高层建筑火灾应急预案', category: 'fire', level: 'district', owner: '越秀区消防救援大队', revisedMonthsAgo: 18 },
  { title: '越秀区人员密集场所火灾应急预案', category: 'fire', level: 'district', owner: '越秀区消防救援大队', revisedMonthsAgo: 20 },
  { title: '越秀区山林防火应急预案', category: 'fire', level: 'district', owner: '区林业和园林部门', revisedMonthsAgo: 40 },
  { title: '越秀区危险化学品事故应急预案', category: 'hazchem', level: 'district', owner: '区应急管理局', revisedMonthsAgo: 9 },
  { title: '越秀区医疗机构危险化学品安全事故应急预案', category: 'hazchem', level: 'department', owner: '区卫生健康局', revisedMonthsAgo: 16 },
  { title: '越秀区地质灾害应急预案', category: 'geological', level: 'district', owner: '规划和自然资源越秀分局', revisedMonthsAgo: 12 },
  { title: '越秀区地面塌陷应急预案', category: 'geological', level: 'district', owner: '区住房建设局', revisedMonthsAgo: 22 },
  { title: '越秀区道路交通事故应急预案', category: 'traffic', level: 'district', owner: '越秀交警大队', revisedMonthsAgo: 10 },
  { title: '越秀区重大活动交通保障应急预案', category: 'traffic', level: 'department', owner: '越秀交警大队', revisedMonthsAgo: 5 },
  { title: '越秀区建设工程施工安全事故应急预案', category: 'construction', level: 'district', owner: '区住房建设局', revisedMonthsAgo: 7 },
  { title: '越秀区深基坑工程安全事故应急预案', category: 'construction', level: 'department', owner: '区住房建设局', revisedMonthsAgo: 13 },
  { title: '越秀区房屋安全突发事故应急抢险预案', category: 'building-collapse', level: 'district', owner: '区住房建设局', revisedMonthsAgo: 4 },
  { title: '越秀区老旧房屋倒塌事故应急预案', category: 'building-collapse', level: 'district', owner: '区住房建设局', revisedMonthsAgo: 26 },
  { title: '越秀区突发公共卫生事件应急预案', category: 'public-health', level: 'district', owner: '区卫生健康局', revisedMonthsAgo: 15 },
  { title: '越秀区食品安全事故应急预案', category: 'public-health', level: 'district', owner: '区市场监督管理局', revisedMonthsAgo: 19 },
  { title: '越秀区传染病疫情医疗救治预案', category: 'public-health', level: 'department', owner: '区卫生健康局', revisedMonthsAgo: 8 },
  { title: '越秀区突发环境事件应急预案', category: 'environment', level: 'district', owner: '生态环境越秀分局', revisedMonthsAgo: 12 },
  { title: '越秀区重污染天气应急预案', category: 'environment', level: 'department', owner: '生态环境越秀分局', revisedMonthsAgo: 38 },
  { title: '越秀区城市燃气突发事件应急预案', category: 'other', level: 'district', owner: '区城市管理和综合执法局', revisedMonthsAgo: 9 },
  { title: '越秀区大面积停电事件应急预案', category: 'other', level: 'district', owner: '区发展和改革局', revisedMonthsAgo: 17 },
  { title: '越秀区供水突发事件应急预案', category: 'other', level: 'district', owner: '区水务局', revisedMonthsAgo: 21 },
  { title: '北京街三防应急预案', category: 'sanfang', level: 'street', street: '北京街', owner: '北京街道办事处', revisedMonthsAgo: 6 },
  { title: '矿泉街三防应急预案', category: 'sanfang', level: 'street', street: '矿泉街', owner: '矿泉街道办事处', revisedMonthsAgo: 10 },
  { title: '登峰街地质灾害应急预案', category: 'geological', level: 'street', street: '登峰街', owner: '登峰街道办事处', revisedMonthsAgo: 12 },
  { title: '流花街人员密集场所火灾应急预案', category: 'fire', level: 'street', street: '流花街', owner: '流花街道办事处', revisedMonthsAgo: 7 },
  { title: '人民街专业市场消防安全应急预案', category: 'fire', level: 'street', street: '人民街', owner: '人民街道办事处', revisedMonthsAgo: 9 },
  { title: '大东街老旧房屋安全应急预案', category: 'building-collapse', level: 'street', street: '大东街', owner: '大东街道办事处', revisedMonthsAgo: 15 },
  {
    title: '白马服装市场火灾事故应急预案（示例企业）',
    category: 'fire',
    level: 'enterprise',
    street: '流花街',
    owner: '示例市场经营管理公司',
    revisedMonthsAgo: 11,
  },
  { title: '示例加油站危险化学品泄漏应急预案', category: 'hazchem', level: 'enterprise', street: '黄花岗街', owner: '示例加油站', revisedMonthsAgo: 14 },
  {
    title: '示例在建工地施工安全事故应急预案',
    category: 'construction',
    level: 'enterprise',
    street: '建设街',
    owner: '示例建筑工程公司',
    revisedMonthsAgo: 3,
  },
  { title: '洪桥街示例社区三防一页纸预案', category: 'sanfang', level: 'community', street: '洪桥街', owner: '示例社区居委会', revisedMonthsAgo: 5 },
  { title: '梅花村街示例社区消防一页纸预案', category: 'fire', level: 'community', street: '梅花村街', owner: '示例社区居委会', revisedMonthsAgo: 8 },
  { title: '登峰街示例社区地质灾害一页纸预案', category: 'geological', level: 'community', street: '登峰街', owner: '示例社区居委会', revisedMonthsAgo: 9 },
  {
    title: '珠光街示例社区房屋安全一页纸预案',
    category: 'building-collapse',
    level: 'community',
    street: '珠光街',
    owner: '示例社区居委会',
    revisedMonthsAgo: 12,
  },
  { title: '东山街示例社区公共卫生一页纸预案', category: 'public-health', level: 'community', street: '东山街', owner: '示例社区居委会', revisedMonthsAgo: 2 },
];

/** The date `months` before the local date of `now`. */
function monthsBefore(now: number, months: number): string {
  const p = localParts(now);
  const total = p.year * 12 + (p.month - 1) - months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${y}-${String(m).padStart(2, '0')}-${String(Math.min(p.day, last)).padStart(2, '0')}`;
}

export interface PlansDemoResult {
  plans: number;
  drills: number;
  responseId: string;
}

/**
 * Seeds the plans demo inside the demo transaction. `floodReportId` is the demo report the active
 * 三防 response was escalated from (linked through `reports`); `officers` tick its checklist.
 */
export function seedPlansDemo(tx: Tx, reports: ReportLinks, now: number, by: PersonRef, officers: PersonRef[], floodReportId: string): PlansDemoResult {
  const peer = 'demo';
  const ids: string[] = [];
  for (const p of DEMO_PLANS) {
    const levels = p.level === 'community' ? (['IV', 'III'] as ResponseLevel[]) : ALL;
    const revisedOn = monthsBefore(now, p.revisedMonthsAgo);
    const data: PlanData = {
      title: p.title,
      category: p.category,
      level: p.level,
      street: p.street ?? null,
      ownerUnit: p.owner,
      summary: `【演示数据】${p.title}：明确组织指挥体系、预警与响应分级、处置措施和保障要求。`,
      version: `${revisedOn.slice(0, 4)}版`,
      revisedOn,
      revisionPeriodMonths: 36,
      responseLevels: levelsFor(p.category, levels),
    };
    ids.push(putPlan(tx, data, by, peer, now - 30 * 86_400_000, true));
  }

  // Drills: one per plan for the first 30 plans, spread over the year; those already due are
  // held, except one left overdue so the execution rate shows what a miss looks like.
  const year = localParts(now).year;
  const today = localDateString(now);
  let drills = 0;
  let missed = false;
  for (let i = 0; i < 30; i++) {
    const plannedOn = `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String(10 + (i % 3) * 5).padStart(2, '0')}`;
    const due = plannedOn <= today;
    const skip = due && !missed && i % 12 === 1;
    if (skip) missed = true;
    putDrill(
      tx,
      {
        planId: ids[i],
        title: `${DEMO_PLANS[i].title.replace(/（.*?）/g, '')}演练`,
        plannedOn,
        heldOn: due && !skip ? plannedOn : null,
        participants: due && !skip ? `${DEMO_PLANS[i].owner}、属地街道、专业救援队伍` : '',
        participantCount: due && !skip ? 30 + ((i * 17) % 90) : 0,
        findings: due && !skip ? '【演示数据】响应启动及时，信息报送链条需进一步压缩；物资清单需按季度更新。' : '',
      },
      by,
      now,
      true,
    );
    drills++;
  }

  // The active 三防 response: escalated from the flood report 3 h ago at Ⅳ, raised to Ⅲ 1 h ago.
  const started = now - 3 * 3600_000;
  const officer = officers[0] ?? by;
  const responseId = createResponse(tx, ids[0], 'IV', { by, peer, now: started }, '【演示数据】气象台发布暴雨黄色预警，启动三防Ⅳ级应急响应', true);
  attachReport(tx, reports, responseId, floodReportId, 'escalated', { by, peer, now: started + 60_000 });
  const items = tx.all<{ id: string }>('SELECT id FROM plan_response_action WHERE response_id = ? ORDER BY seq', [responseId]).map((a) => a.id);
  updateAction(tx, responseId, items[0], { status: 'done', note: '已通过政务微信群发布' }, { by: officer, peer, now: started + 20 * 60_000 });
  updateAction(tx, responseId, items[1], { status: 'in_progress' }, { by: officer, peer, now: started + 25 * 60_000 });
  updateAction(tx, responseId, items[2], { status: 'done', note: '18个街道已反馈巡查情况' }, { by: officer, peer, now: started + 100 * 60_000 });
  // items[3] stays pending past its 120-minute limit: it shows as overdue.
  changeLevel(tx, responseId, 'III', '【演示数据】雨量持续增大，气象台升级发布暴雨橙色预警', { by, peer, now: now - 3600_000 });
  return { plans: ids.length, drills, responseId };
}
