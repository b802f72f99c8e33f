// What the warnings panel says when no signal is in force. It never says a calm green "no warning"
// beside a response in force (a 三防 one first, else the most severe other), and never a calm
// green when it cannot know: no feed set up, or the feed's last read failed, is grey.
import { RESPONSE_LEVEL_RANK, type Response, type ResponseLevel } from '@contract/plans';
import type { FeedStatus } from '@contract/warnings';

/** Response levels as the wall writes them. */
export const LEVEL_NUMERALS: Record<ResponseLevel, string> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ' };

export type QuietLine =
  /** No signal, the feed reads fine, no response in force: the one calm (green) case. */
  | { tone: 'calm' }
  /** No signal known, but no feed is set up, or it has not read yet, or its last read failed: grey. */
  | { tone: 'unknown' }
  /** No signal, but a response is in force: neutral, and it names the response's level. */
  | { tone: 'response'; level: ResponseLevel; sanfang: boolean };

/**
 * The line for an empty list of signals: from the active responses (the slice's `responses`),
 * the slice's derived 三防 level (`sanfang`), and the feed's status.
 */
export function quietLine(
  responses: readonly Pick<Response, 'status' | 'level' | 'activatedAt'>[],
  sanfang: { level: ResponseLevel } | null,
  feed: Pick<FeedStatus, 'config' | 'lastOk'> | null | undefined,
): QuietLine {
  if (sanfang) return { tone: 'response', level: sanfang.level, sanfang: true };
  const active = responses.filter((r) => r.status === 'active');
  if (active.length > 0) {
    const top = [...active].sort((a, b) => RESPONSE_LEVEL_RANK[b.level] - RESPONSE_LEVEL_RANK[a.level] || a.activatedAt - b.activatedAt)[0];
    return { tone: 'response', level: top.level, sanfang: false };
  }
  if (!feed?.config || feed.lastOk !== true) return { tone: 'unknown' };
  return { tone: 'calm' };
}
