// Failure scenarios on a running consultation, shared by the tests (failover.test.ts) and the
// bench (tests/bench/failover.ts). Each returns the longest gap between frames on screen, in
// both directions between the district and the street whose link is cut.
import type { Link } from './netns';
import type { CutKind } from './netns';
import { sleep, type Centre, type NetHarness } from './harness';

export interface GapReport {
  /** Longest gap on the district's wall (the street's picture) and on the street's (the district's). */
  atDistrict: number;
  atStreet: number;
  max: number;
  /** Where each longest gap was (for reading a failure). */
  where: { atDistrict: string; atStreet: string };
}

/** Lets the call settle (rebuilt connections, their first frames) before a window starts. */
export const SETTLE_MS = 1500;

/** Both walls' clocks now: the start of a measured window. */
export async function marks(h: NetHarness, street: Centre): Promise<{ d: number; s: number }> {
  const [d, s] = await Promise.all([h.clock(h.district), h.clock(street)]);
  return { d, s };
}

export async function gapsSince(h: NetHarness, street: Centre, from: { d: number; s: number }): Promise<GapReport> {
  const to = await marks(h, street);
  const [a, b] = await Promise.all([h.gap(h.district, street, { from: from.d, to: to.d }), h.gap(street, h.district, { from: from.s, to: to.s })]);
  return { atDistrict: a.maxGapMs, atStreet: b.maxGapMs, max: Math.max(a.maxGapMs, b.maxGapMs), where: { atDistrict: a.where, atStreet: b.where } };
}

/** The link the district shows the street's picture from (the one whose loss would show). */
export async function shownLink(h: NetHarness, street: Centre): Promise<Link> {
  return ((await h.shownLink(h.district, street)) || 'A') as Link;
}

/**
 * Cuts a link of a street for holdMs and measures the gaps over that time; then restores it and
 * waits until the links carry video again in both directions (the rebuilt connection; the
 * single-connection baseline has only its one).
 */
export async function cutAndMeasure(
  h: NetHarness,
  street: Centre,
  link: Link,
  kind: CutKind,
  holdMs: number,
  opts: { restore?: boolean; recoverMs?: number; links?: Link[] } = {},
): Promise<GapReport> {
  await sleep(SETTLE_MS);
  const from = await marks(h, street);
  const cut = h.cut(street, link, kind);
  await sleep(holdMs);
  const report = await gapsSince(h, street, from);
  if (opts.restore !== false) {
    h.restore(cut);
    await h.waitLinksUp(opts.links ?? ['A', 'B'], opts.recoverMs ?? 20_000, [h.district, street]);
  }
  return report;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
