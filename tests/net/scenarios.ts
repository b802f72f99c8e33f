// Failure scenarios on a running consultation, shared by the tests (failover.test.ts) and the
// bench (tests/bench/failover.ts). Each returns the longest gap between frames on screen, in
// both directions between the district and the street whose link is cut.
import type { Cut, CutKind, Link } from './netns';
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

// ---- faults beyond clean cuts (issue 16) ---------------------------------------------------
/** The call between the district and this street is whole: both links carry video both ways. */
export async function whole(h: NetHarness, street: Centre, timeoutMs = 30_000): Promise<void> {
  await h.waitLinksUp(['A', 'B'], timeoutMs, [h.district, street]);
}

/**
 * The race: link A's interface down for downMs, back up, and link B's interface down thenMs later
 * (while A's connection is being rebuilt). Measures the longest gap on screen in both directions
 * from A's cut until holdMs after B's; then restores B and waits for the call to be whole.
 */
export async function cutRestoreCut(h: NetHarness, street: Centre, thenMs: number, opts: { downMs?: number; holdMs?: number } = {}): Promise<GapReport> {
  await whole(h, street);
  await sleep(SETTLE_MS);
  const from = await marks(h, street);
  const a = h.cut(street, 'A', 'link-down');
  await sleep(opts.downMs ?? 5000);
  h.restore(a);
  await sleep(thenMs);
  const b = h.cut(street, 'B', 'link-down');
  await sleep(opts.holdMs ?? 3000);
  const report = await gapsSince(h, street, from);
  h.restore(b);
  await whole(h, street);
  return report;
}

export interface Recovery {
  /** From the fault clearing to the first frame over the link again: at the district (the street's picture) and at the street. */
  atDistrict: number | null;
  atStreet: number | null;
  max: number;
  /** From the fault clearing to the link passing packets both ways again (harness.watchLink); null if not watched or never. */
  linkBack?: number | null;
  /** max less linkBack: what the consultation adds to the network's own return. */
  afterLink?: number;
}

/** Waits for the first frame over a link in both directions after the marks; null where none came within timeoutMs. */
export async function firstFramesAfter(h: NetHarness, street: Centre, link: Link, t: { d: number; s: number }, timeoutMs = 10_000): Promise<Recovery> {
  const t0 = Date.now();
  let d: number | null = null;
  let s: number | null = null;
  while ((d === null || s === null) && Date.now() - t0 < timeoutMs) {
    if (d === null) d = await h.firstFrameOn(h.district, street, link, t.d);
    if (s === null) s = await h.firstFrameOn(street, h.district, link, t.s);
    if (d === null || s === null) await sleep(100);
  }
  const atDistrict = d === null ? null : Math.round(d - t.d);
  const atStreet = s === null ? null : Math.round(s - t.s);
  return { atDistrict, atStreet, max: atDistrict === null || atStreet === null ? Infinity : Math.max(atDistrict, atStreet) };
}

export type ClearingFault = 'link-down' | 'iptables-drop' | 'flapping';

/**
 * A fault on link A held holdMs, then cleared; returns how long after the clearing link A carried
 * video again in both directions. 'flapping': the interface down 1 s and up 1 s three times, then
 * down 1 s and up (measured from that last return).
 */
export async function recoveryAfter(h: NetHarness, street: Centre, fault: ClearingFault, holdMs = 3000): Promise<Recovery> {
  await whole(h, street);
  await sleep(SETTLE_MS);
  let cut: Cut;
  if (fault === 'flapping') {
    for (let i = 0; i < 3; i++) {
      const c = h.cut(street, 'A', 'link-down');
      await sleep(1000);
      h.restore(c);
      await sleep(1000);
    }
    cut = h.cut(street, 'A', 'link-down');
    await sleep(1000);
  } else {
    cut = h.cut(street, 'A', fault);
    await sleep(holdMs);
  }
  const probe = await h.watchLink(street, 'A');
  const t = await marks(h, street);
  const clearedAt = performance.timeOrigin + performance.now();
  h.restore(cut);
  const r = await firstFramesAfter(h, street, 'A', t);
  const back = await probe.back;
  r.linkBack = back === null ? null : Math.max(0, Math.round(back - clearedAt));
  r.afterLink = r.linkBack === null ? Infinity : r.max - r.linkBack;
  await whole(h, street);
  return r;
}

export interface LossReport {
  lossy: Link;
  /** Per wall: frames rendered over each link, on screen, the share of the better link's shown, switches. */
  atDistrict: { A: number; B: number; shown: number; switches: number; ratio: number };
  atStreet: { A: number; B: number; shown: number; switches: number; ratio: number };
  /** The smaller of the two ratios. */
  ratio: number;
}

/**
 * Random loss (RANDOM_LOSS of the packets, both ways) for windowMs on the link the district shows
 * the street from ('shown': the picture must leave it) or on the other one ('standby': the
 * picture must not move to it at a hiccup of the good one and stay there): what share of the
 * frames the better link rendered each wall showed.
 */
export async function lossWindow(h: NetHarness, street: Centre, on: 'shown' | 'standby' = 'shown', windowMs = 20_000): Promise<LossReport> {
  await whole(h, street);
  await sleep(SETTLE_MS);
  const shown = await shownLink(h, street);
  const lossy: Link = on === 'shown' ? shown : shown === 'A' ? 'B' : 'A';
  const from = await marks(h, street);
  const c = h.cut(street, lossy, 'random-loss');
  await sleep(windowMs);
  const to = await marks(h, street);
  h.restore(c);
  const [d, s] = await Promise.all([
    h.shownCounts(h.district, street, { from: from.d, to: to.d }),
    h.shownCounts(street, h.district, { from: from.s, to: to.s }),
  ]);
  const ratio = (x: { A: number; B: number; shown: number }): number => Math.round((x.shown / Math.max(1, x.A, x.B)) * 1000) / 1000;
  const atDistrict = { ...d, ratio: ratio(d) };
  const atStreet = { ...s, ratio: ratio(s) };
  await whole(h, street);
  return { lossy, atDistrict, atStreet, ratio: Math.min(atDistrict.ratio, atStreet.ratio) };
}

/**
 * The district hub killed (SIGKILL) for downMs and started again: how long after it listens
 * every wall's sockets on both links are open again (ms, per wall and the slowest).
 */
export async function hubRestart(h: NetHarness, downMs = 3000): Promise<{ backMs: number; perWall: Record<string, number> }> {
  h.killDistrictHub();
  await sleep(downMs);
  await h.restartDistrictHub();
  const t0 = Date.now();
  const perWall: Record<string, number> = {};
  await Promise.all(
    h.centres.flatMap((c) =>
      (['A', 'B'] as Link[]).map(async (l) => {
        await c.wall!.waitForFunction((l) => document.querySelector(`[data-testid="consult-signal-${l}"]`)?.getAttribute('data-state') === 'open', l, {
          timeout: 30_000,
          polling: 50,
        });
        perWall[`${c.id}-${l}`] = Date.now() - t0;
      }),
    ),
  );
  return { backMs: Math.max(...Object.values(perWall)), perWall };
}
