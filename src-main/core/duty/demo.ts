// The embedded demo set (演示数据) for duty and plans, loaded only when asked: by the hub's
// --demo flag on a store without duty or plan data, or by the operator (duty.loadDemo) on first
// run. Every record is marked demo. The roster covers the current month under every rule; the
// load checks it with the same engine as any change and refuses to write a roster that breaks one.
import type { DataStatus, DutyRole, PersonRef, ReportInput } from '../contract/duty';
import { RefusedError } from '../contract/errors';
import { DAY_MS, HOUR_MS, localMonthString, localParts, localTime, monthRange, streetInfo, UTC_OFFSET_MS, type StreetName } from '../contract/yuexiu';
import type { PlansDemo } from '../shared/links';
import type { Store, Tx } from '../store';
import { changeStatus, insertReport } from './duty-log';
import { putPerson } from './people';
import type { Reader } from '../shared/records';
import { checkShiftChange, publish, refuseViolations, writeShiftChange, type ChangeOptions } from './roster';
import { coverageGaps } from './roster-rules';

const DEMO_PEOPLE: { name: string; role: DutyRole; unit: string }[] = [
  { name: '陈志强', role: 'leader', unit: '区应急管理局' },
  { name: '林慧敏', role: 'leader', unit: '区应急管理局' },
  { name: '黄建国', role: 'leader', unit: '区应急管理局' },
  { name: '梁国栋', role: 'leader', unit: '区应急管理局' },
  { name: '李明', role: 'chief', unit: '区应急指挥中心' },
  { name: '王丽华', role: 'chief', unit: '区应急指挥中心' },
  { name: '张伟东', role: 'chief', unit: '区应急指挥中心' },
  { name: '刘晓燕', role: 'chief', unit: '区应急指挥中心' },
  { name: '周杰', role: 'officer', unit: '区应急指挥中心' },
  { name: '吴婷', role: 'officer', unit: '区应急指挥中心' },
  { name: '郑凯', role: 'officer', unit: '区应急指挥中心' },
  { name: '何雪梅', role: 'officer', unit: '区应急指挥中心' },
  { name: '罗俊', role: 'officer', unit: '区应急指挥中心' },
  { name: '谢芳', role: 'officer', unit: '区应急指挥中心' },
  { name: '马骏', role: 'officer', unit: '区应急指挥中心' },
  { name: '朱丽', role: 'officer', unit: '区应急指挥中心' },
  { name: '冯涛', role: 'tech', unit: '区应急指挥中心技术保障组' },
  { name: '许诺', role: 'tech', unit: '区应急指挥中心技术保障组' },
  { name: '邓超', role: 'tech', unit: '区应急指挥中心技术保障组' },
];

interface DemoReport {
  hoursAgo: number;
  source: ReportInput['source'];
  category: ReportInput['category'];
  street: StreetName;
  location: string;
  summary: string;
  severity: ReportInput['severity'];
  status: 'new' | 'verifying' | 'handling' | 'closed';
}

/** Twelve reports of the last two days; the first is the flood report escalated into the 三防 response. */
const DEMO_REPORTS: DemoReport[] = [
  {
    hoursAgo: 3.2,
    source: 'street',
    category: 'flood',
    street: '北京街',
    location: '北京路与文明路交界',
    summary: '强降雨致路段积水约30厘米，部分商铺进水',
    severity: 'high',
    status: 'handling',
  },
  {
    hoursAgo: 0.3,
    source: 'hotline-12345',
    category: 'flood',
    street: '大塘街',
    location: '大塘街某小区地下车库入口',
    summary: '市民反映地下车库入口开始进水',
    severity: 'medium',
    status: 'new',
  },
  {
    hoursAgo: 0.6,
    source: 'sensor',
    category: 'flood',
    street: '东山街',
    location: '东山口下穿隧道',
    summary: '水位传感器读数超过警戒值',
    severity: 'high',
    status: 'verifying',
  },
  {
    hoursAgo: 1.5,
    source: 'transfer-119',
    category: 'fire',
    street: '人民街',
    location: '人民南路某商住楼',
    summary: '厨房油锅起火，已自行扑灭，无人员受伤',
    severity: 'low',
    status: 'closed',
  },
  {
    hoursAgo: 2.4,
    source: 'superior',
    category: 'flood',
    street: '华乐街',
    location: '全区',
    summary: '市三防办通知：暴雨橙色预警，做好防御工作',
    severity: 'high',
    status: 'handling',
  },
  {
    hoursAgo: 5,
    source: 'transfer-110',
    category: 'traffic',
    street: '流花街',
    location: '环市西路与人民北路交界',
    summary: '两车追尾，一人轻伤，占用一条车道',
    severity: 'low',
    status: 'closed',
  },
  {
    hoursAgo: 8,
    source: 'street',
    category: 'geological',
    street: '登峰街',
    location: '白云山南麓某边坡',
    summary: '边坡出现小面积滑塌，暂无人员伤亡',
    severity: 'medium',
    status: 'handling',
  },
  {
    hoursAgo: 12,
    source: 'hotline-12345',
    category: 'building',
    street: '大东街',
    location: '大东街某老旧住宅',
    summary: '外墙批荡脱落，砸中停放车辆',
    severity: 'medium',
    status: 'closed',
  },
  {
    hoursAgo: 18,
    source: 'transfer-120',
    category: 'public-health',
    street: '梅花村街',
    location: '某学校',
    summary: '多名学生出现呕吐腹泻症状，疑似食源性疾病',
    severity: 'medium',
    status: 'handling',
  },
  {
    hoursAgo: 22,
    source: 'street',
    category: 'construction',
    street: '建设街',
    location: '建设六马路某在建工地',
    summary: '塔吊作业未落实防风措施，已责令停工整改',
    severity: 'low',
    status: 'closed',
  },
  {
    hoursAgo: 30,
    source: 'sensor',
    category: 'hazchem',
    street: '黄花岗街',
    location: '先烈中路某加油站',
    summary: '可燃气体报警器短时报警，现场检查为设备误报',
    severity: 'low',
    status: 'closed',
  },
  {
    hoursAgo: 40,
    source: 'other',
    category: 'environment',
    street: '珠光街',
    location: '珠光路某餐饮店',
    summary: '群众反映油烟异味扰民',
    severity: 'low',
    status: 'closed',
  },
];

/** Local day number of a local midnight (days since 1970-01-01, UTC+08:00): keeps the rotation continuous across months. */
const dayNumber = (midnight: number): number => Math.round((midnight + UTC_OFFSET_MS) / DAY_MS);

/** Whether the store holds any duty or plan data, and whether some of it is demo data. */
export function dataStatus(db: Reader): DataStatus {
  const n = (table: string): number => db.get<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)?.n ?? 0;
  const counts = {
    people: n('duty_person'),
    shifts: n('duty_shift'),
    reports: n('duty_report'),
    handovers: n('duty_handover'),
    plans: n('plan'),
    drills: n('plan_drill'),
    responses: n('plan_response'),
  };
  const demo = ['duty_person', 'duty_report', 'plan'].some((t) => (db.get<{ n: number }>(`SELECT count(*) AS n FROM ${t} WHERE demo = 1`)?.n ?? 0) > 0);
  return { empty: Object.values(counts).every((c) => c === 0), counts, demo };
}

/** Loads the whole demo set in one transaction; refused unless the store is empty. */
export async function loadDemo(store: Store, plans: PlansDemo, now: number): Promise<{ responseId: string }> {
  return store.write((tx) => {
    const status = dataStatus(tx);
    if (!status.empty)
      throw new RefusedError({
        zh: `演示数据只能载入空的数据库；这里已有 ${Object.entries(status.counts)
          .filter(([, c]) => c > 0)
          .map(([k, c]) => `${k} ${c}`)
          .join('、')}`,
        en: `the demo data set loads only into an empty store; this one has ${Object.entries(status.counts)
          .filter(([, c]) => c > 0)
          .map(([k, c]) => `${c} ${k}`)
          .join(', ')}`,
      });
    const people = DEMO_PEOPLE.map((p, i) => putPerson(tx, { ...p, phone: `1380000${String(i + 1).padStart(4, '0')}`, active: true }, now - 2 * DAY_MS, true));
    const ref = (i: number): PersonRef => ({ id: people[i].id, name: people[i].name, role: people[i].role });
    const byRole = (r: DutyRole): number[] => people.flatMap((p, i) => (p.role === r ? [i] : []));
    const [leaders, chiefs, officers, techs] = [byRole('leader'), byRole('chief'), byRole('officer'), byRole('tech')];
    const admin = ref(chiefs[0]);

    seedRoster(
      tx,
      now,
      people.map((p) => p.id),
      { leaders, chiefs, officers, techs },
      admin,
    );
    const reportIds = seedReports(tx, now, officers.map(ref));
    seedHandover(tx, now, people, officers);
    const { responseId } = plans.seed(tx, now, ref(leaders[0]), officers.map(ref), reportIds[0]);
    return { responseId };
  });
}

function seedRoster(tx: Tx, now: number, ids: string[], g: Record<'leaders' | 'chiefs' | 'officers' | 'techs', number[]>, by: PersonRef): void {
  const month = localMonthString(now);
  const { from, to } = monthRange(month);
  const put: { personId: string; role: DutyRole; start: number; end: number; note: string }[] = [];
  const shift = (person: number, role: DutyRole, start: number, hours: number): void => {
    put.push({ personId: ids[person], role, start, end: start + hours * HOUR_MS, note: '' });
  };
  // From the day before the month (its 24-hour shifts cover the month's first morning) to its last day.
  for (let day = from - DAY_MS; day < to; day += DAY_MS) {
    const d = dayNumber(day);
    const at = (h: number, m = 0): number => day + h * HOUR_MS + m * 60_000;
    shift(g.leaders[d % 4], 'leader', at(8), 24);
    shift(g.chiefs[(d + 1) % 4], 'chief', at(8), 24);
    // Two teams of four officers: day 08–20, night 20–08; each officer works a day, then the next
    // night, then rests two days (never more than 12 h at a stretch, 24 h between shifts).
    shift(g.officers[d % 4], 'officer', at(8), 12);
    shift(g.officers[4 + ((d + 2) % 4)], 'officer', at(8), 12);
    shift(g.officers[(d + 3) % 4], 'officer', at(20), 12);
    shift(g.officers[4 + ((d + 1) % 4)], 'officer', at(20), 12);
    shift(g.techs[d % 3], 'tech', at(8, 30), 9);
  }
  const opts: ChangeOptions = { by, peer: 'demo', via: 'demo', now };
  const checked = checkShiftChange(tx, put, [], opts);
  if (checked.violations.length) refuseViolations({ zh: '演示排班', en: 'the demo roster' }, checked.violations);
  writeShiftChange(tx, checked, opts, true);
  // Publishing needs full coverage, as for any roster.
  const gaps = coverageGaps(checked.puts, from, to);
  if (gaps.length)
    throw new RefusedError({
      zh: `演示排班留有空缺：${gaps.map((g) => g.text.zh).join('；')}`,
      en: `the demo roster leaves gaps: ${gaps.map((g) => g.message).join('; ')}`,
    });
  publish(tx, month, by, now, 'demo', true);
}

function seedReports(tx: Tx, now: number, officers: PersonRef[]): string[] {
  return DEMO_REPORTS.map((r, i) => {
    const at = Math.round((now - r.hoursAgo * HOUR_MS) / 60_000) * 60_000;
    const by = officers[i % officers.length];
    const c = streetInfo(r.street).centre;
    const id = insertReport(
      tx,
      {
        receivedAt: at,
        source: r.source,
        category: r.category,
        street: r.street,
        location: r.location,
        coordinates: r.location === '全区' ? null : { lat: c.lat, lng: c.lng },
        summary: `【演示数据】${r.summary}`,
        severity: r.severity,
        caller: r.source === 'hotline-12345' ? '市民（演示）' : '',
      },
      by,
      'demo',
      at + 60_000,
      true,
    );
    // The first report is escalated by the plans demo, which moves it to handling itself.
    if (i === 0) return id;
    const steps: Record<DemoReport['status'], ('verifying' | 'handling' | 'closed')[]> = {
      new: [],
      verifying: ['verifying'],
      handling: ['verifying', 'handling'],
      closed: ['verifying', 'handling', 'closed'],
    };
    steps[r.status].forEach((s, k) => changeStatus(tx, id, s, by, 'demo', at + (k + 2) * 5 * 60_000, s === 'closed' ? '处置完毕，现场恢复正常' : ''));
    return id;
  });
}

/** The last officer handover (at the most recent 08:00 or 20:00 past), confirmed. */
function seedHandover(tx: Tx, now: number, people: { id: string; name: string; role: DutyRole }[], officers: number[]): void {
  const p = localParts(now);
  const today8 = localTime(p.year, p.month, p.day, 8);
  const boundary = now >= today8 + 12 * HOUR_MS ? today8 + 12 * HOUR_MS : now >= today8 ? today8 : today8 - 12 * HOUR_MS;
  const outgoing = tx.get<{ person_id: string }>("SELECT person_id FROM duty_shift WHERE role = 'officer' AND end_at = ? ORDER BY person_id LIMIT 1", [
    boundary,
  ]);
  const incoming = tx.get<{ person_id: string }>("SELECT person_id FROM duty_shift WHERE role = 'officer' AND start_at = ? ORDER BY person_id LIMIT 1", [
    boundary,
  ]);
  const find = (id: string | undefined) => people.find((x) => x.id === id) ?? people[officers[0]];
  const out = find(outgoing?.person_id);
  const inc = find(incoming?.person_id);
  if (out.id === inc.id) return;
  const open = tx.all<{ id: string; street: string; summary: string }>(
    "SELECT id, street, summary FROM duty_report WHERE status <> 'closed' AND received_at < ? ORDER BY received_at",
    [boundary],
  );
  tx.run(
    `INSERT INTO duty_handover (id, outgoing_id, outgoing_name, outgoing_role, incoming_id, incoming_name, incoming_role, notes, open_items, status,
       handed_over_at, confirmed_at, confirm_note, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'confirmed', ?, ?, ?, 1)`,
    [
      `hov_demo${boundary}`,
      out.id,
      out.name,
      out.role,
      inc.id,
      inc.name,
      inc.role,
      '【演示数据】本班次设备运行正常；暴雨预警期间请加密与各街道联络。',
      JSON.stringify(open.map((r) => ({ text: `${r.street}：${r.summary.slice(0, 120)}`, reportId: r.id }))),
      boundary - 10 * 60_000,
      boundary + 5 * 60_000 > now ? now : boundary + 5 * 60_000,
      '已接班，清楚待办事项',
    ],
  );
}
