// Warnings through the contract on a real store: issue, raise, lower, lift, expire, duplicates,
// exercises, history kept across a restart, and a CAP feed polled over real HTTP.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RpcCode } from '@contract/errors';
import { openCoreHarness, refusal, type CoreHarness } from '../../support/core-harness';
import { capXml } from './cap-fixture';

let t: CoreHarness;
let server: Server | null = null;
afterEach(async () => {
  await t?.close();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = null;
});

const T0 = Date.parse('2025-06-01T00:40:00Z');

describe('warnings from CAP files', () => {
  it('issues, raises, lowers and lifts one warning per signal type, keeping every change', async () => {
    let now = T0;
    t = await openCoreHarness({ now: () => now });
    const issue = await t.call('warnings.importCap', { xml: capXml({ identifier: 'R1', event: '暴雨黄色预警信号' }), fileName: 'r1.xml' });
    expect(issue.outcomes).toMatchObject([{ outcome: 'issued', type: 'rainstorm', level: 'yellow' }]);
    expect(t.events.at(-1)).toMatchObject({ event: 'warnings.changed', payload: { changes: [{ change: 'issued', level: 'yellow', type: 'rainstorm' }] } });

    now += 60_000;
    const raise = await t.call('warnings.importCap', {
      xml: capXml({ identifier: 'R2', event: '暴雨橙色预警信号', msgType: 'Update', sent: '2025-06-01T09:30:00+08:00' }),
    });
    expect(raise.outcomes[0]).toMatchObject({ outcome: 'raised', warningId: issue.outcomes[0].warningId });
    await t.call('warnings.importCap', { xml: capXml({ identifier: 'T1', event: '台风白色预警信号' }) });
    const state = await t.call('warnings.get', {});
    expect(state.active.map((w) => [w.type, w.level])).toEqual([
      ['rainstorm', 'orange'],
      ['typhoon', 'white'],
    ]);

    now += 60_000;
    const lower = await t.call('warnings.importCap', { xml: capXml({ identifier: 'R3', event: '暴雨黄色预警信号', msgType: 'Update' }) });
    expect(lower.outcomes[0].outcome).toBe('lowered');
    const lift = await t.call('warnings.importCap', { xml: capXml({ identifier: 'R4', event: '暴雨预警信号', headline: '广州市气象台解除暴雨黄色预警信号' }) });
    expect(lift.outcomes[0].outcome).toBe('cancelled');
    expect(lift.state.active.map((w) => w.type)).toEqual(['typhoon']);

    const history = await t.call('warnings.listHistory', {});
    expect(history.filter((h) => h.type === 'rainstorm').map((h) => [h.change, h.fromLevel, h.toLevel])).toEqual([
      ['cancelled', 'yellow', null],
      ['lowered', 'orange', 'yellow'],
      ['raised', 'yellow', 'orange'],
      ['issued', null, 'yellow'],
    ]);
    expect(history.at(-1)?.via).toBe('r1.xml');

    // Kept across a restart.
    const dir = t.dir;
    await t.core.close();
    t = await openCoreHarness({ now: () => now, dir });
    expect((await t.call('warnings.listHistory', {})).length).toBe(5);
    expect((await t.call('warnings.get', {})).active.map((w) => w.type)).toEqual(['typhoon']);
  });

  it('applies a CAP identifier once, and never sounds an exercise or a test', async () => {
    t = await openCoreHarness({ now: () => T0 });
    const xml = capXml({ identifier: 'D1', event: '高温橙色预警信号' });
    await t.call('warnings.importCap', { xml });
    expect((await t.call('warnings.importCap', { xml })).outcomes[0].outcome).toBe('duplicate');
    const drill = await t.call('warnings.importCap', { xml: capXml({ identifier: 'X1', event: '台风红色预警信号', status: 'Exercise' }) });
    expect(drill.outcomes[0].outcome).toBe('not-actual');
    expect(drill.state.active.map((w) => w.type)).toEqual(['high-temperature']);
    const lift = await t.call('warnings.importCap', { xml: capXml({ identifier: 'L1', event: '大雾预警', msgType: 'Cancel' }) });
    expect(lift.outcomes[0].outcome).toBe('no-active-warning');
  });

  it('expires a warning at its <expires>, hiding it at once and recording it on the timer', async () => {
    let now = T0;
    t = await openCoreHarness({ now: () => now });
    await t.call('warnings.importCap', { xml: capXml({ identifier: 'E1', event: '雷雨大风黄色预警信号', expires: '2025-06-01T09:00:00+08:00' }) });
    expect((await t.call('warnings.get', {})).active).toHaveLength(1);
    now = Date.parse('2025-06-01T01:00:01Z');
    expect((await t.call('warnings.get', {})).active).toHaveLength(0);
    // A new alert of the same type after expiry is a new warning, not a change of the old one.
    const again = await t.call('warnings.importCap', { xml: capXml({ identifier: 'E2', event: '雷雨大风橙色预警信号' }) });
    expect(again.outcomes[0].outcome).toBe('issued');
    const changes = (await t.call('warnings.listHistory', {})).map((h) => h.change);
    expect(changes).toEqual(['issued', 'expired', 'issued']);
  });

  it('lets the operator end a warning with a reason', async () => {
    t = await openCoreHarness({ now: () => T0 });
    const { outcomes } = await t.call('warnings.importCap', { xml: capXml({ identifier: 'C1', event: '寒冷黄色预警信号' }) });
    const id = outcomes[0].warningId!;
    expect((await t.call('warnings.cancel', { id, reason: '气象台电话确认已解除' })).active).toHaveLength(0);
    expect((await refusal(t.call('warnings.cancel', { id, reason: '再次' }))).message).toMatch(/already cancelled/);
    expect((await t.call('warnings.listHistory', {}))[0]).toMatchObject({ change: 'cancelled', via: 'operator: 气象台电话确认已解除' });
  });

  it('refuses a file that is not CAP 1.2, naming the file and the problem', async () => {
    t = await openCoreHarness();
    const r = await refusal(t.call('warnings.importCap', { xml: '<!DOCTYPE x><x/>', fileName: 'evil.xml' }));
    expect(r.code).toBe(RpcCode.Refused);
    // Said in both languages: the page shows the one it is set to (data.text).
    const text = (r.data as { text: { zh: string; en: string } }).text;
    expect(text.en).toMatch(/^evil\.xml: not well-formed XML: line 1: DOCTYPE/);
    expect(text.zh).toBe('evil.xml：不是格式正确的 XML 文件：第 1 行：CAP 文件中不允许 DOCTYPE 和实体声明');
    expect((await refusal(t.call('warnings.importCap', { xml: '<feed/>', fileName: 'empty.xml' }))).data).toMatchObject({
      text: {
        zh: 'empty.xml：文件中没有 CAP 预警（<alert>），其根元素是 <feed>：请选择 CAP 1.2 格式的预警文件',
        en: 'empty.xml: no CAP <alert> in the document (its root is <feed>)',
      },
    });
  });
});

describe('the CAP feed', () => {
  it('polls an intranet URL, applies new alerts once, and reports a feed that fails', async () => {
    let body = capXml({ identifier: 'F1', event: '暴雨红色预警信号' });
    let status = 200;
    server = createServer((_req, res) => {
      res.writeHead(status, { 'Content-Type': 'application/xml' });
      res.end(body);
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/cap.xml`;
    t = await openCoreHarness({ now: () => T0 });

    await t.call('warnings.setFeed', { feed: { url, intervalSeconds: 3600, enabled: true } });
    const polled = await t.call('warnings.pollNow', {});
    expect(polled).toMatchObject({ lastOk: true, lastError: null, applied: 1, config: { url } });
    expect((await t.call('warnings.get', {})).active.map((w) => [w.type, w.level, w.source])).toEqual([['rainstorm', 'red', 'feed']]);
    expect((await t.call('warnings.pollNow', {})).applied).toBe(1);

    status = 503;
    body = 'down';
    const failed = await t.call('warnings.pollNow', {});
    expect(failed).toMatchObject({ lastOk: false, lastError: `HTTP 503 from ${url}` });
    expect(t.events.at(-1)).toMatchObject({ event: 'warnings.changed', payload: { changes: [], state: { feed: { lastOk: false } } } });

    await t.call('warnings.setFeed', { feed: null });
    expect((await refusal(t.call('warnings.pollNow', {}))).message).toMatch(/no feed URL is set/);
    const badUrl = await refusal(t.call('warnings.setFeed', { feed: { url: 'file:///etc/passwd', intervalSeconds: 60, enabled: true } }));
    expect(badUrl.message).toMatch(/params\.feed\.url/);
  });
});
