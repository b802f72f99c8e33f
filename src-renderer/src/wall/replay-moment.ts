// What the wall's alert strip and header warning slot show of the moment replayed (复盘上墙): the
// warnings in force then, most severe first, and the highest response level active then.
import { RESPONSE_LEVEL_RANK } from '@contract/plans';
import type { ResponseAt, WarningAt } from '@contract/replay';
import { SIGNAL_LEVEL_RANK } from '@contract/warnings';

/** The highest response level active at the moment (the oldest first among equals). */
export function topResponseAt(responses: readonly ResponseAt[]): ResponseAt | undefined {
  return [...responses].sort((a, b) => RESPONSE_LEVEL_RANK[b.level] - RESPONSE_LEVEL_RANK[a.level] || a.activatedAt - b.activatedAt)[0];
}

/** The warnings in force at the moment, most severe first, then the newest. */
export const warningsAt = (warnings: readonly WarningAt[]): WarningAt[] =>
  [...warnings].sort((a, b) => SIGNAL_LEVEL_RANK[b.level] - SIGNAL_LEVEL_RANK[a.level] || b.issuedAt - a.issuedAt);
