// Pure helpers of the warnings slice: the 三防 level from the active responses, and the alarm a
// pushed change sounds.
import type { PayloadOf } from '@contract/api';
import { RESPONSE_LEVEL_RANK, type Response, type ResponseLevel } from '@contract/plans';
import { SIGNAL_LEVEL_RANK, type SignalLevel } from '@contract/warnings';

export interface SanfangLevel {
  level: ResponseLevel;
  planTitle: string;
  since: number;
  responseId: string;
}

export interface Alarm {
  seq: number;
  level: SignalLevel;
  change: 'issued' | 'raised';
  warningId: string;
}

export type WarningChanges = PayloadOf<'warnings.changed'>['changes'];

/** The most severe active 三防 response, if any (the earliest activated among equals). */
export function sanfangLevel(responses: readonly Response[]): SanfangLevel | null {
  const active = responses.filter((r) => r.status === 'active' && r.category === 'sanfang');
  active.sort((a, b) => RESPONSE_LEVEL_RANK[b.level] - RESPONSE_LEVEL_RANK[a.level] || a.activatedAt - b.activatedAt);
  const top = active[0];
  return top ? { level: top.level, planTitle: top.planTitle, since: top.activatedAt, responseId: top.id } : null;
}

/** A response as pushed, put first in place of its older copy. */
export function upsertResponse(responses: readonly Response[], response: Response): Response[] {
  return [response, ...responses.filter((r) => r.id !== response.id)];
}

/**
 * The alarm after some changes: only a warning that is new or more severe sounds (the most severe
 * of them, with the next sequence number); lowering, lifting and expiry are quiet.
 */
export function nextAlarm(prev: Alarm | null, changes: WarningChanges): Alarm | null {
  const loud = changes.filter((c) => c.change === 'issued' || c.change === 'raised');
  loud.sort((a, b) => SIGNAL_LEVEL_RANK[b.level] - SIGNAL_LEVEL_RANK[a.level]);
  const top = loud[0];
  return top ? { seq: (prev?.seq ?? 0) + 1, level: top.level, change: top.change as Alarm['change'], warningId: top.warningId } : prev;
}
