// The consultation scenarios with the streets enrolled (issue 14): the district issues each street
// an enrolment code, each street spends it over link A from its own namespace and keeps only its
// machine credential (no bootstrap token of the district in its link URLs, its hub's store or its
// wall page), and a dual-link consultation between the district and two streets runs, and survives
// a link-A cut without a visible freeze. Every harness enrols its streets so (a street may no
// longer join with the token: failover.test.ts and faults.test.ts run enrolled too); this file
// checks what the enrolment leaves on a street and what the credential may do. The street's
// credential is its street's only: another street's report, plans and power are refused, naming
// the right. Real Chromium, real hubs, network namespaces (root; run under `flock /tmp/net.lock`).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methods, type MethodName } from '@contract/api';
import type { MethodSpec } from '@contract/define';
import { rightFor } from '@contract/dispatch';
import { NetHarness, HUB_PORT, type Centre } from './harness';
import { DISTRICT_IP, figures, inNs, namespaceSuite, type Link } from './netns';
import { cutAndMeasure } from './scenarios';
import { validParams } from '../unit/identity/valid-params';

const MAX_GAP_MS = 1000;
const HOLD_MS = 3000;
const suite = namespaceSuite();
const { note, summary } = figures();

/** Calls from inside a street's namespace over one link with a key; each answer's result or error (never exits early). */
function callFrom(
  c: Centre,
  link: Link,
  key: string,
  calls: [string, unknown][],
): { result?: unknown; error?: { code: number; message: string; data?: any } }[] {
  const script = `const WebSocket = require('ws');
    const [url, json] = process.argv.slice(1); const calls = JSON.parse(json); const out = [];
    const ws = new WebSocket(url);
    setTimeout(() => { console.error('no answer within 10 s'); process.exit(1); }, 10000).unref();
    ws.on('error', (e) => { console.error(String(e)); process.exit(1); });
    ws.on('open', () => next(0));
    ws.on('message', (d) => { const m = JSON.parse(String(d)); if (m.id === undefined) return; out.push(m.error ? { error: m.error } : { result: m.result }); next(m.id + 1); });
    function next(i) { if (i >= calls.length) { console.log(JSON.stringify(out)); process.exit(0); } ws.send(JSON.stringify({ jsonrpc: '2.0', id: i, method: calls[i][0], params: calls[i][1] })); }`;
  const url = `ws://${DISTRICT_IP[link]}:${HUB_PORT}/rpc?token=${encodeURIComponent(key)}`;
  return JSON.parse(inNs(c.ns, process.execPath, '-e', script, url, JSON.stringify(calls))) as ReturnType<typeof callFrom>;
}

/** Every file under a folder, read whole (the hub's store: snapshots and journal segments are in clear). */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe.skipIf(suite.skip)('video consultation with enrolled streets (network namespaces)', () => {
  let h: NetHarness;

  beforeAll(async () => {
    if (suite.why) throw new Error(`these scenarios need network namespaces: ${suite.why}`);
    h = await NetHarness.open({ streets: 2, log: (m) => process.env.CWNET_VERBOSE && console.log(`[harness] ${m}`) });
  });

  afterAll(async () => {
    await h?.close();
    summary();
  });

  it('each street enrolled over link A and holds its machine credential only, never the district’s token', async () => {
    const machines = h.districtRpc([['auth.listMachines', {}]])[0] as { kind: string; street: string; lastAddress: string }[];
    for (const s of h.streets) {
      expect(s.credential, s.id).toMatch(/^cwm\./);
      const m = machines.find((x) => x.street === s.name);
      expect(m, s.id).toMatchObject({ kind: 'street' });
      // Enrolled from the street's own address on link A (the audit trail's enrolment record).
      const enrolled = (
        h.districtRpc([['audit.list', { method: 'auth.enrol' }]])[0] as { entries: { street: string | null; detail: { address?: string } | null }[] }
      ).entries;
      const address = enrolled.find((e) => e.street === s.name)?.detail?.address ?? '';
      expect(address.startsWith('10.231.1.'), address).toBe(true);
      // Its links, as its own hub keeps them, carry the credential; nothing there the token.
      const stored = filesUnder(join(h.dir, `data-${s.id}`)).map((f) => readFileSync(f).toString('latin1'));
      expect(
        stored.some((t) => t.includes(s.credential!)),
        `${s.id}: its store keeps the credential`,
      ).toBe(true);
      expect(
        stored.some((t) => t.includes(h.districtToken)),
        `${s.id}: the district token in its store`,
      ).toBe(false);
      // Nor in its wall page: the address, the storage, the page.
      const page = await s.wall!.evaluate(() =>
        JSON.stringify({ href: location.href, local: { ...localStorage }, session: { ...sessionStorage }, html: document.documentElement.outerHTML }),
      );
      expect(page).not.toContain(h.districtToken);
    }
  });

  it('runs a dual-link consultation between the district and the enrolled streets', async () => {
    await h.startConsultation({ mode: 'dual' });
    await h.waitLinksUp(['A', 'B'], 20_000);
    const first = await h.firstFrames();
    note('enrolled-first-frame-ms', first);
    expect(first).toHaveLength(6);
    for (const f of first) expect(f.ms, `${f.at} showing ${f.from}`).not.toBeNull();
    // The streets' signalling sockets on both links are machine sockets: the district saw them.
    const machines = h.districtRpc([['auth.listMachines', {}]])[0] as { street: string; lastSeenAt: number | null }[];
    for (const s of h.streets) expect(machines.find((m) => m.street === s.name)!.lastSeenAt).not.toBeNull();
  });

  it('survives a link-A cut (interface down) with no visible freeze, and link A comes back', async () => {
    const r = await cutAndMeasure(h, h.streets[0], 'A', 'link-down', HOLD_MS);
    note('enrolled-cut-A-link-down', r);
    expect(r.max).toBeLessThanOrEqual(MAX_GAP_MS);
  });

  it('a street’s credential records its own street’s reports only, and is refused plans and power, naming the right', async () => {
    const [s1, s2] = h.streets;
    const [own] = h.districtRpc([
      ['duty.savePerson', { person: { name: `${s1.name}值班员`, role: 'officer', phone: '020-8333 0001', unit: `${s1.name}道办事处`, active: true } }],
    ]) as { id: string }[];
    const report = (street: string) => ({
      report: {
        receivedAt: Date.now() - 60_000,
        source: 'hotline-12345',
        category: 'other',
        street,
        location: '路口',
        summary: '街道上报：路面积水',
        severity: 'medium',
      },
      by: own.id,
    });
    const writes = (Object.keys(methods) as MethodName[]).filter((m) =>
      ['plans.edit', 'plans.activate', 'plans.activateMajor', 'power.configure', 'power.operate'].includes((methods[m] as MethodSpec).right),
    );
    expect(writes.length).toBeGreaterThan(8);
    const paramsOf = (m: MethodName): unknown => validParams((methods[m] as MethodSpec).params) ?? {};
    const calls: [string, unknown][] = [
      ['duty.recordReport', report(s1.name)],
      ['duty.recordReport', report(s2.name)],
      ...writes.map((m) => [m, paramsOf(m)] as [string, unknown]),
    ];
    const answers = callFrom(s1, 'A', s1.credential!, calls);
    expect(answers[0].error, JSON.stringify(answers[0].error)).toBeUndefined();
    expect(answers[0].result).toMatchObject({ street: s1.name, source: 'street' });
    expect(answers[1].error?.code).toBe(-32003);
    expect(answers[1].error?.message).toContain(s1.name);
    writes.forEach((m, i) => {
      const a = answers[i + 2];
      expect(a.error?.code, `${m}: ${JSON.stringify(a)}`).toBe(-32003);
      // The right the call needs with these params (a Level Ⅰ activation needs plans.activateMajor).
      expect(a.error?.data?.right, m).toBe(rightFor(m, paramsOf(m)));
    });
    // The other street's credential is its own street's too (over link B as well).
    const [other] = callFrom(s2, 'B', s2.credential!, [['duty.recordReport', report(s1.name)]]);
    expect(other.error?.code).toBe(-32003);
    note('enrolled-refused', { methods: writes.length, street: s1.id });
  });

  it('ends the consultation', async () => {
    await h.endConsultation();
  });
});
