// Reporting deadlines (报送时限) per event class and level: the defaults, where they come from, and
// the centre's own changes (table report_deadline, only the pairs that differ from the default).
//
// SOURCES of the defaults (the 2026 build could not open the official gazettes: the wording below was
// checked against copies of the texts found on public web pages where said, else it is from the
// texts as commonly quoted and NOT confirmed here — check them against the current rules of
// Guangdong and Guangzhou before relying on them):
//  1. The common local rule "事发后30分钟内电话报告、1小时内书面报告" for 较大 and above: e.g. a city
//     government notice on 突发事件信息报告时效 (较大突发事件30分钟内电话报告、60分钟内书面报告;
//     特别重大、重大15分钟内电话、30分钟内书面), copy at https://www.doczj.com/doc/4115556614.html;
//     珠海市突发公共事件总体应急预案 4.1.3 (重大和特别重大: 30分钟内报告主要情况), copy at
//     http://www.fymate.net/html/text/lar/168762/16876270_5.html. Confirmed from those copies.
//  2. 《自然灾害情况统计制度》(民函〔2008〕119号; now 应急〔2020〕19号): the county reports a
//     natural disaster causing casualties within 2 hours (初报), 续报 while it develops (24-hour
//     reporting), 核报 once it is stable. The 2 hours confirmed from a copy at
//     http://dustudy.com/OpennessContent/show/276743.html; the daily 续报 and the 5-working-day
//     核报 are as commonly quoted, not confirmed here.
//  3. 《生产安全事故报告和调查处理条例》(国务院令第493号) 第九条: an accident is reported within
//     1 hour. Not confirmed here.
//  4. 《突发公共卫生事件应急条例》第十九条: a public health event is reported within 2 hours. Not
//     confirmed here.
//  5. 《国家突发公共事件总体应急预案》4.2 (特别重大、重大: 立即报告, 最迟不得超过4小时) and
//     穗府办〔2011〕20号《关于严格突发事件信息报告责任的通知》 (Guangzhou; found, its time limits not
//     seen): the outer bounds; the defaults above are stricter.
// Follow-up intervals (特别重大 1 h, 重大 2 h, 较大 4 h, 一般 daily: the 日报 of long incidents) and
// the 终报 within 5 days are this centre's choice after (2), not a quoted rule.
import type { DeadlineRule, EventClass, EventLevel } from '../contract/reporting';
import { EventClass as EventClasses, EventLevel as EventLevels } from '../contract/reporting';
import type { ReportCategory, Severity } from '../contract/duty';

export const DEADLINE_SOURCES: readonly string[] = [
  '事发后30分钟内电话报告、1小时内书面报告（较大及以上；地方突发事件信息报告通知的通行规定）',
  '《自然灾害情况统计制度》（民函〔2008〕119号，应急〔2020〕19号）：初报2小时内，续报，核报',
  '《生产安全事故报告和调查处理条例》（国务院令第493号）第九条：1小时内报告',
  '《突发公共卫生事件应急条例》第十九条：2小时内报告',
  '《国家突发公共事件总体应急预案》4.2：特别重大、重大最迟不超过4小时；穗府办〔2011〕20号',
];

/** Minutes for the written 首报 of an 一般 (general) event, by class (sources 2–4; 1 for the rest). */
const GENERAL_FIRST_MIN: Record<EventClass, number> = { natural: 120, accident: 60, health: 120, social: 60 };
const GENERAL_PHONE_MIN: Record<EventClass, number> = { natural: 60, accident: 30, health: 60, social: 30 };
const FOLLOW_UP_MIN: Record<EventLevel, number> = { extraordinary: 60, major: 120, large: 240, general: 1440 };
const FINAL_HOURS = 120;

export function defaultRule(eventClass: EventClass, level: EventLevel): DeadlineRule {
  const general = level === 'general';
  return {
    eventClass,
    level,
    phoneMin: general ? GENERAL_PHONE_MIN[eventClass] : 30,
    firstMin: general ? GENERAL_FIRST_MIN[eventClass] : 60,
    followUpMin: FOLLOW_UP_MIN[level],
    finalHours: FINAL_HOURS,
  };
}

export const ALL_PAIRS: readonly { eventClass: EventClass; level: EventLevel }[] = EventLevels.options.flatMap((level) =>
  EventClasses.options.map((eventClass) => ({ eventClass, level })),
);

/** The class a duty report's category belongs to, until a version says otherwise. */
export const CLASS_OF_CATEGORY: Record<ReportCategory, EventClass> = {
  flood: 'natural',
  geological: 'natural',
  fire: 'accident',
  traffic: 'accident',
  construction: 'accident',
  hazchem: 'accident',
  building: 'accident',
  environment: 'accident',
  'public-health': 'health',
  other: 'social',
};

/** The level a duty report's severity suggests, until a version says otherwise. */
export const LEVEL_OF_SEVERITY: Record<Severity, EventLevel> = {
  critical: 'extraordinary',
  high: 'major',
  medium: 'large',
  low: 'general',
};
