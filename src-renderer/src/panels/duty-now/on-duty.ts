// 今日值班 arithmetic: the roles in the order the duty room names them, each with who is on
// duty now and who comes next, and whether the two roles that must always be covered are.
import type { DutyRole, OnDuty, Shift } from '@contract/duty';

export const ROLE_ORDER: readonly DutyRole[] = ['leader', 'chief', 'officer', 'tech'];
/** Every hour needs a 带班领导 and at least one 值班员 (contract/duty.ts, rule 4). */
export const REQUIRED_ROLES: readonly DutyRole[] = ['leader', 'officer'];

export interface RoleLine {
  role: DutyRole;
  current: Shift[];
  next: Shift[];
  /** A required role with nobody on duty now. */
  uncovered: boolean;
}

export function roleLines(onDuty: OnDuty): RoleLine[] {
  const byStart = (a: Shift, b: Shift): number => a.start - b.start || a.person.name.localeCompare(b.person.name, 'zh');
  return ROLE_ORDER.map((role) => {
    const current = onDuty.current.filter((s) => s.role === role).sort(byStart);
    return {
      role,
      current,
      next: onDuty.next.filter((s) => s.role === role).sort(byStart),
      uncovered: REQUIRED_ROLES.includes(role) && current.length === 0,
    };
  });
}

/** Names of the people on duty in a role now, for the wall header. */
export function namesOnDuty(onDuty: OnDuty | null, role: DutyRole): string[] {
  if (!onDuty) return [];
  return onDuty.current.filter((s) => s.role === role).map((s) => s.person.name);
}

/** The shifts' common end, or the earliest when they differ (when the room next changes). */
export function earliestEnd(shifts: readonly Shift[]): number | null {
  return shifts.length === 0 ? null : Math.min(...shifts.map((s) => s.end));
}

export function earliestStart(shifts: readonly Shift[]): number | null {
  return shifts.length === 0 ? null : Math.min(...shifts.map((s) => s.start));
}

export function anyDemo(onDuty: OnDuty | null): boolean {
  return !!onDuty && [...onDuty.current, ...onDuty.next].some((s) => s.demo);
}
