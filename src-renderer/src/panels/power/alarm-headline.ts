// The head of the power alarm list. "No power alarms" (green) is said only when the state is
// known: while it is UNKNOWN an empty list proves nothing, so the head says so, grey.
import type { PowerState } from '@contract/power';

export type AlarmHeadline =
  /** Alarms are active: how many. */
  | { tone: 'alarms'; n: number }
  /** No alarm, and the state is known: the calm case. */
  | { tone: 'none' }
  /** No alarm, but the state is unknown: no verdict. */
  | { tone: 'unknown' };

export function alarmHeadline(state: PowerState, alarmCount: number): AlarmHeadline {
  if (alarmCount > 0) return { tone: 'alarms', n: alarmCount };
  return state === 'UNKNOWN' ? { tone: 'unknown' } : { tone: 'none' };
}
