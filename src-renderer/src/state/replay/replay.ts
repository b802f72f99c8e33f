// The replay control's arithmetic: the speeds offered, one step of playback, and where a moment
// lies on an incident's span.

/** Playback speeds: real time, ten and sixty times. */
export const REPLAY_SPEEDS = [1, 10, 60] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/** How often playback asks for the next moment (ms of wall-clock time). */
export const PLAY_TICK_MS = 500;

/** The next moment when `elapsed` ms of wall-clock time pass at `speed`: never past the span's end. */
export function nextMoment(at: number, speed: ReplaySpeed, elapsed: number, end: number): number {
  return Math.min(end, at + Math.round(speed * elapsed));
}

/** Clamps a moment into [from, to]. */
export function clampMoment(at: number, span: { from: number; to: number }): number {
  return Math.max(span.from, Math.min(span.to, at));
}

/** How far (0…1) a moment lies into the span (an empty span: 1). */
export function fraction(at: number, span: { from: number; to: number }): number {
  return span.to <= span.from ? 1 : (clampMoment(at, span) - span.from) / (span.to - span.from);
}
