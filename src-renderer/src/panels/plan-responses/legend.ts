// What the responses panel's colours and marks mean, for what it lists: each response level's
// national colour (the bar at the left of its lines and its badge: Ⅰ red … Ⅳ blue) and the red "!"
// of an overdue action (ActionLine.tsx; the plain "·" of one still due needs no key).
import type { ResponseLevel } from '@contract/plans';
import { LEVELS, STATES, type LevelName } from '../../styles/colour-language';

export const RESPONSE_LEVEL_COLOUR: Record<ResponseLevel, LevelName> = { I: 'red', II: 'orange', III: 'yellow', IV: 'blue' };

export type ResponseMark = { kind: 'level'; level: ResponseLevel } | { kind: 'overdue' };

/** How a mark is drawn. */
export function markLook(m: ResponseMark): { shape: string; colour?: string } {
  if (m.kind === 'level') return { shape: '▌', colour: LEVELS[RESPONSE_LEVEL_COLOUR[m.level]].colour };
  return { shape: '!', colour: STATES.alarm.colour };
}

/** The marks these lines show: their levels, most severe first, then overdue actions. */
export function responseMarks(lines: readonly ({ kind: 'head'; response: { level: ResponseLevel } } | { kind: 'action'; overdue: boolean })[]): ResponseMark[] {
  const levels = new Set<ResponseLevel>();
  let overdue = false;
  for (const l of lines) {
    if (l.kind === 'head') levels.add(l.response.level);
    else if (l.overdue) overdue = true;
  }
  return [
    ...(['I', 'II', 'III', 'IV'] as const).filter((l) => levels.has(l)).map((level): ResponseMark => ({ kind: 'level', level })),
    ...(overdue ? [{ kind: 'overdue' } as const] : []),
  ];
}
