// Hostile CAP through the hub: a file import is refused as fast as the reader refuses it, and a
// flooding feed is read no further than a CAP document may be, then hung up on, instead of being
// held whole in memory before its length is judged.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonUtf8Length } from '@contract/limits';
import { MAX_CAP_BYTES } from '@contract/warnings';
import { openCoreHarness, refusal, type CoreHarness } from '../../support/core-harness';

let t: CoreHarness;
let server: Server | null = null;
afterEach(async () => {
  await t?.close();
  server?.closeAllConnections();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = null;
});

/** Serves `total` bytes of one repeated XML element, in 64 KiB writes, counting what was sent. */
async function floodingFeed(total: number, contentLength: boolean): Promise<{ url: string; sent: () => number }> {
  let sent = 0;
  const chunk = Buffer.from('<x/>'.repeat(16 * 1024));
  server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/xml', ...(contentLength ? { 'Content-Length': String(total) } : {}) });
    const pump = (): void => {
      while (sent < total) {
        const n = Math.min(chunk.length, total - sent);
        sent += n;
        if (!res.write(n === chunk.length ? chunk : chunk.subarray(0, n))) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => res.removeAllListeners('drain'));
    pump();
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/cap.xml`, sent: () => sent };
}

describe('the CAP feed under a flooding server', () => {
  it('stops reading an endless answer at the size limit and says so', async () => {
    const total = 256 * 1024 * 1024;
    const feed = await floodingFeed(total, false);
    t = await openCoreHarness();
    await t.call('warnings.setFeed', { feed: { url: feed.url, intervalSeconds: 3600, enabled: true } });
    const status = await t.call('warnings.pollNow', {});
    expect(status.lastOk).toBe(false);
    expect(status.lastError).toMatch(/the feed sent more than \d+ bytes; a CAP document is at most 512 KiB/);
    // The socket buffers a few MiB in flight; the rest was never produced.
    expect(feed.sent()).toBeLessThan(32 * 1024 * 1024);
  });

  it('refuses an announced Content-Length over the limit without reading the body', async () => {
    const feed = await floodingFeed(MAX_CAP_BYTES + 1, true);
    t = await openCoreHarness();
    await t.call('warnings.setFeed', { feed: { url: feed.url, intervalSeconds: 3600, enabled: true } });
    const status = await t.call('warnings.pollNow', {});
    expect(status.lastError).toMatch(/the feed announced \d+ bytes; a CAP document is at most 512 KiB/);
  });
});

describe('a CAP file with a hostile shape', () => {
  it('is refused within the budget, naming the file and the limit', async () => {
    t = await openCoreHarness();
    // As many distinct attributes as the contract lets through (its limit counts JSON bytes).
    const attrs: string[] = [];
    let size = jsonUtf8Length('<alert/>');
    for (let k = 0; ; k++) {
      const a = ` a${k.toString(36)}=''`;
      if (size + a.length > MAX_CAP_BYTES) break;
      attrs.push(a);
      size += a.length;
    }
    expect(attrs.length).toBeGreaterThan(60_000);
    const t0 = performance.now();
    const r = await refusal(t.call('warnings.importCap', { xml: `<alert${attrs.join('')}/>`, fileName: 'many.xml' }));
    expect(performance.now() - t0).toBeLessThan(1500);
    expect((r.data as { text: { en: string } }).text.en).toMatch(/^many\.xml: not well-formed XML: line 1: <alert> has more than 256 attributes/);
  });
});
