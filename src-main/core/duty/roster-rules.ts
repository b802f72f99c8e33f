// The roster rules as pure functions over a set of shifts, so that a change, an import and a
// publication all check them the same way. Each finding names the person, the shift times and the
// hours at fault; the caller decides which findings concern the change at hand. Every finding is
// said in both languages (`text`, the {zh, en} of a refusal); `message` is its English, as before.
import { DUTY_ROLE_LABELS, MAX_STRETCH_HOURS, MIN_BREAK_HOURS, type CoverageGap, type DutyRole, type RosterViolation } from '../contract/duty';
import type { Bilingual } from '../contract/errors';
import { formatLocalRange, HOUR_MS } from '../contract/yuexiu';

/** A broken roster rule, said in both languages (`message` is `text.en`). */
export type RuleViolation = RosterViolation & { text: Bilingual };
/** A stretch with nobody of a role on duty, said in both languages (`message` is `text.en`). */
export type RuleGap = CoverageGap & { text: Bilingual };

/** A violation from its words in both languages and its facts. */
export function violation(text: Bilingual, facts: Omit<RosterViolation, 'message'>): RuleViolation {
  return { ...facts, message: text.en, text };
}

export interface RuleShift {
  id: string;
  personId: string;
  personName: string;
  role: DutyRole;
  start: number;
  end: number;
}

const roleName = (r: DutyRole): string => `${DUTY_ROLE_LABELS[r].zh} (${DUTY_ROLE_LABELS[r].en.toLowerCase()})`;

/** "周杰 的值班员班次 2025-06-11 08:00–20:00" / "周杰’s 值班员 (duty officer) shift 2025-06-11 08:00–20:00". */
export function describeShift(s: RuleShift): Bilingual {
  const range = formatLocalRange(s.start, s.end);
  return { zh: `${s.personName} 的${DUTY_ROLE_LABELS[s.role].zh}班次 ${range}`, en: `${s.personName}’s ${roleName(s.role)} shift ${range}` };
}

function byPerson(shifts: readonly RuleShift[]): Map<string, RuleShift[]> {
  const m = new Map<string, RuleShift[]>();
  for (const s of shifts) {
    const list = m.get(s.personId) ?? [];
    list.push(s);
    m.set(s.personId, list);
  }
  for (const list of m.values()) list.sort((a, b) => a.start - b.start || a.end - b.end);
  return m;
}

/** Rule 1: nobody booked twice at once. Reports pairs where at least one shift is in `concern`. */
export function doubleBookings(shifts: readonly RuleShift[], concern: ReadonlySet<string>): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (const list of byPerson(shifts).values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length && list[j].start < list[i].end; j++) {
        const [a, b] = [list[i], list[j]];
        if (!concern.has(a.id) && !concern.has(b.id)) continue;
        const from = Math.max(a.start, b.start);
        const to = Math.min(a.end, b.end);
        const [ra, rb, both] = [formatLocalRange(a.start, a.end), formatLocalRange(b.start, b.end), formatLocalRange(from, to)];
        out.push(
          violation(
            {
              zh: `违反“同一人不得同时排两个班次”：${a.personName} 的${DUTY_ROLE_LABELS[a.role].zh}班次 ${ra} 与${DUTY_ROLE_LABELS[b.role].zh}班次 ${rb} 重叠（${both}）`,
              en: `${a.personName} would be booked twice at once: ${DUTY_ROLE_LABELS[a.role].zh} ${ra} overlaps ${DUTY_ROLE_LABELS[b.role].zh} ${rb} (${both})`,
            },
            { rule: 'double-booking', shiftIds: [a.id, b.id], personId: a.personId, from, to },
          ),
        );
      }
    }
  }
  return out;
}

/**
 * Rule 2: nobody works more than MAX_STRETCH_HOURS without a break of at least MIN_BREAK_HOURS.
 * A stretch runs from the first start to the last end of shifts separated by shorter gaps.
 */
export function longStretches(shifts: readonly RuleShift[], concern: ReadonlySet<string>): RuleViolation[] {
  const out: RuleViolation[] = [];
  const minBreak = MIN_BREAK_HOURS * HOUR_MS;
  const maxStretch = MAX_STRETCH_HOURS * HOUR_MS;
  for (const list of byPerson(shifts).values()) {
    let chain: RuleShift[] = [];
    let chainEnd = -Infinity;
    const flush = (): void => {
      if (chain.length === 0) return;
      const from = chain[0].start;
      if (chainEnd - from > maxStretch && chain.some((s) => concern.has(s.id))) {
        const hours = Math.round(((chainEnd - from) / HOUR_MS) * 10) / 10;
        const [name, span, ranges] = [chain[0].personName, formatLocalRange(from, chainEnd), chain.map((s) => formatLocalRange(s.start, s.end))];
        out.push(
          violation(
            {
              zh: `违反“连续工作不超过 ${MAX_STRETCH_HOURS} 小时，其间须休息至少 ${MIN_BREAK_HOURS} 小时”：${name} 将连续工作 ${span}（${hours} 小时），涉及班次 ${ranges.join('、')}`,
              en: `${name} would work ${span} (${hours} h) without a break of at least ${MIN_BREAK_HOURS} h; the limit is ${MAX_STRETCH_HOURS} h (shifts ${ranges.join(', ')})`,
            },
            { rule: 'rest', shiftIds: chain.map((s) => s.id), personId: chain[0].personId, from, to: chainEnd },
          ),
        );
      }
      chain = [];
    };
    for (const s of list) {
      if (s.start - chainEnd >= minBreak) flush();
      chain.push(s);
      chainEnd = chain.length === 1 ? s.end : Math.max(chainEnd, s.end);
    }
    flush();
  }
  return out;
}

/** The roles that must be on duty at every hour, and how many of each at least. */
export const COVERAGE_ROLES: readonly ('leader' | 'officer')[] = ['leader', 'officer'];

/** Rule 4: the stretches of [from, to) with no leader on duty, or no duty officer. */
export function coverageGaps(shifts: readonly RuleShift[], from: number, to: number): RuleGap[] {
  const gaps: RuleGap[] = [];
  for (const role of COVERAGE_ROLES) {
    const spans = shifts
      .filter((s) => s.role === role && s.end > from && s.start < to)
      .map((s) => [Math.max(s.start, from), Math.min(s.end, to)] as const)
      .sort((a, b) => a[0] - b[0]);
    let covered = from;
    const gap = (a: number, b: number): void => {
      const range = formatLocalRange(a, b);
      const text = { zh: `${range} 无${DUTY_ROLE_LABELS[role].zh}在岗`, en: `no ${roleName(role)} on duty ${range}` };
      gaps.push({ role, from: a, to: b, message: text.en, text });
    };
    for (const [a, b] of spans) {
      if (a > covered) gap(covered, a);
      covered = Math.max(covered, b);
    }
    if (covered < to) gap(covered, to);
  }
  return gaps.sort((a, b) => a.from - b.from || a.role.localeCompare(b.role));
}
