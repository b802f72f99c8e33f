// A camera tile's state, decided once a second from what the player saw. "playing" needs both
// the picture moving and (for HLS) the live playlist still growing: an encoder that died leaves
// a playlist that replays its last seconds, which must not pass for live video.
export type TileState = 'connecting' | 'playing' | 'stalled' | 'reconnecting' | 'unsupported';

/** No picture progress for this long: stalled. */
export const STALL_MS = 3000;
/** A reconnect that shows nothing live within this long counts as stalled again. */
export const ATTEMPT_MS = 10_000;
/** First retry after this long stalled; doubling up to RETRY_MAX_MS. */
export const RETRY_MS = 8000;
export const RETRY_MAX_MS = 60_000;

export interface Observation {
  now: number;
  /** Last time the video's currentTime advanced. */
  lastProgressAt: number;
  /** Whether the source is still live (a growing playlist; WebRTC: a connection decoding frames). */
  fresh: boolean;
}

export interface Machine {
  state: TileState;
  /** When the current connect attempt started. */
  attemptAt: number;
  stalledSince: number | null;
  retryMs: number;
}

export function initial(now: number): Machine {
  return { state: 'connecting', attemptAt: now, stalledSince: null, retryMs: RETRY_MS };
}

/** The next state, and whether to reconnect now. */
export function step(m: Machine, o: Observation): { next: Machine; reconnect: boolean } {
  const live = o.now - o.lastProgressAt < STALL_MS && o.fresh;
  if (live) return { next: { ...m, state: 'playing', stalledSince: null, retryMs: RETRY_MS }, reconnect: false };
  if (m.state === 'connecting' || m.state === 'reconnecting') {
    if (o.now - m.attemptAt < ATTEMPT_MS) return { next: m, reconnect: false };
    return { next: { ...m, state: 'stalled', stalledSince: o.now }, reconnect: false };
  }
  if (m.state === 'playing') return { next: { ...m, state: 'stalled', stalledSince: o.now }, reconnect: false };
  if (m.state === 'stalled' && m.stalledSince !== null && o.now - m.stalledSince >= m.retryMs) {
    return { next: { state: 'reconnecting', attemptAt: o.now, stalledSince: null, retryMs: Math.min(m.retryMs * 2, RETRY_MAX_MS) }, reconnect: true };
  }
  return { next: m, reconnect: false };
}
