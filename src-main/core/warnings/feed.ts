// Polls an intranet URL for CAP alerts (the meteorological office's release server, or a relay
// on the government extranet). The URL and interval live in the store; the last poll's outcome
// is kept in memory and shown on the console, so a dead feed is seen rather than silently quiet.
import { z } from 'zod';
import { FeedConfig, MAX_CAP_BYTES, type FeedStatus } from '../contract/warnings';
import { readKv, writeKv } from '../kv';
import type { Log } from '../capability';
import type { Store } from '../store';
import { readCap, type CapAlert } from './cap';

const KEY = 'warnings.feed';
const Stored = z.object({ feed: FeedConfig.nullable() });
const FETCH_TIMEOUT_MS = 10_000;
const CAP_LIMIT = `a CAP document is at most ${MAX_CAP_BYTES / 1024} KiB`;

/**
 * The answer's body as text, read no further than MAX_CAP_BYTES (the limit a CAP file has): a feed
 * that answers without end is hung up on, rather than held whole in memory before it is judged.
 */
async function readCapped(res: Response): Promise<string> {
  const announced = Number(res.headers.get('content-length') ?? NaN);
  if (announced > MAX_CAP_BYTES) {
    await res.body?.cancel();
    throw new Error(`the feed announced ${announced} bytes; ${CAP_LIMIT}`);
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_CAP_BYTES) {
      await reader.cancel();
      throw new Error(`the feed sent more than ${MAX_CAP_BYTES} bytes; ${CAP_LIMIT}`);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export class FeedPoller {
  private timer: ReturnType<typeof setInterval> | null = null;
  private status: Omit<FeedStatus, 'config'> = { lastPollAt: null, lastOk: null, lastError: null, applied: 0 };
  private polling: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    private readonly log: Log,
    /** Applies the alerts read from the feed; returns how many changed a warning. */
    private readonly apply: (alerts: CapAlert[], url: string) => Promise<number>,
    /** Tells the panels the feed's status changed. */
    private readonly statusChanged: () => void,
  ) {}

  config(): FeedConfig | null {
    return readKv(this.store, KEY, Stored, { feed: null }).feed;
  }

  view(): FeedStatus {
    return { config: this.config(), ...this.status };
  }

  start(): void {
    this.stop();
    const c = this.config();
    if (!c || !c.enabled) return;
    this.timer = setInterval(() => void this.poll(), c.intervalSeconds * 1000);
    this.timer.unref?.();
    void this.poll();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  async set(feed: FeedConfig | null): Promise<FeedStatus> {
    await this.store.write((tx) => writeKv(tx, KEY, { feed }, this.now()));
    this.status = { lastPollAt: null, lastOk: null, lastError: null, applied: 0 };
    this.start();
    this.statusChanged();
    return this.view();
  }

  /** One poll; concurrent calls share it. */
  poll(): Promise<void> {
    this.polling ??= this.pollOnce().finally(() => (this.polling = null));
    return this.polling;
  }

  private async pollOnce(): Promise<void> {
    const c = this.config();
    if (!c) return;
    const before = `${this.status.lastOk}|${this.status.lastError}`;
    let applied = 0;
    try {
      const res = await fetch(c.url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'error' });
      if (!res.ok) {
        await res.body?.cancel();
        throw new Error(`HTTP ${res.status} from ${c.url}`);
      }
      applied = await this.apply(readCap(await readCapped(res)), c.url);
      this.status = { ...this.status, lastPollAt: this.now(), lastOk: true, lastError: null, applied: this.status.applied + applied };
    } catch (err) {
      const message =
        err instanceof Error ? (err.name === 'TimeoutError' ? `no answer from ${c.url} within ${FETCH_TIMEOUT_MS / 1000} s` : err.message) : String(err);
      if (this.status.lastError !== message) this.log.warn(`[warnings] feed ${c.url}: ${message}`);
      this.status = { ...this.status, lastPollAt: this.now(), lastOk: false, lastError: message };
    }
    // A changed warning already told the panels; a feed that went down or came back must too.
    if (applied === 0 && before !== `${this.status.lastOk}|${this.status.lastError}`) this.statusChanged();
  }
}
