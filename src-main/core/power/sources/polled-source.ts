// What every polled source (NUT, SNMP, Modbus) shares: one connection polled on a fixed cadence,
// reconnection with backoff, the two-interval staleness rule, and logging once per change of
// state (a device sending garbage every 250 ms must not flood the log, nor crash the app).
import type { Log } from '../../capability';
import type { AlarmSeverity, PowerReadings, PowerText, SourceLink } from '../../contract/power';
import { emptyReadings } from '../readings';

/** What a source knows right now; the service turns it into a verdict. */
export interface SourceSnapshot {
  link: SourceLink;
  detail: string | null;
  /** Last usable answer (ms since epoch, the service clock). */
  lastUpdate: number | null;
  readings: PowerReadings;
  /** When the current connection was made; null while not connected. */
  connectedAt: number | null;
  /** When this connection first gave a usable status; null until then (WAIT, driver not connected). */
  firstStatusAt: number | null;
  /** When the source was started (created or reconfigured). */
  startedAt: number;
  /** Device faults with their own severity and wording (generator alarm bits). */
  faults: DeviceFault[];
}

export interface DeviceFault {
  code: string;
  severity: AlarmSeverity;
  label: PowerText;
}

/** One poll's outcome: data, or a server that answers but has no usable status yet. */
export type PollResult = { kind: 'data'; readings: PowerReadings; faults?: DeviceFault[] } | { kind: 'waiting'; detail: string; readings: PowerReadings };

/**
 * A failure with the link state it implies. `code` classifies it for the log-once rule: the
 * same code twice in a row is logged once, whatever the (possibly garbage) text says.
 */
export class SourceError extends Error {
  constructor(
    readonly link: 'offline' | 'error' | 'stale',
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

export interface SourceHooks {
  now(): number;
  log: Log;
  /** Called whenever the snapshot changed (a poll, a failure, staleness). */
  changed(): void;
}

const BACKOFF_FIRST_MS = 250;
const BACKOFF_MAX_MS = 5_000;
const CONNECT_TIMEOUT_MS = 3_000;

export abstract class PolledSource {
  private link: SourceLink = 'connecting';
  private detail: string | null = null;
  private lastUpdate: number | null = null;
  private readings: PowerReadings = emptyReadings();
  private faults: DeviceFault[] = [];
  private connectedAt: number | null = null;
  private firstStatusAt: number | null = null;
  private readonly startedAt: number;
  private stopped = false;
  private loopDone: Promise<void> = Promise.resolve();
  private staleTimer: NodeJS.Timeout | null = null;
  private sleeper: { timer: NodeJS.Timeout; wake: () => void } | null = null;
  private loggedKey: string | null = null;

  constructor(
    readonly id: string,
    readonly pollMs: number,
    protected readonly hooks: SourceHooks,
  ) {
    this.startedAt = hooks.now();
  }

  /** e.g. "nut 127.0.0.1:3493 ups1", for log lines and details. */
  abstract describe(): string;
  /** Connect (or create the session) and check the device is the one configured. */
  protected abstract open(): Promise<void>;
  /** One poll. Throws SourceError (or anything: it is classified as an error). */
  protected abstract poll(): Promise<PollResult>;
  /** Drop the connection; must not throw. */
  protected abstract close(): void;

  start(): void {
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearStale();
    this.sleeper?.wake();
    this.close();
    await this.loopDone;
  }

  snapshot(): SourceSnapshot {
    return {
      link: this.link,
      detail: this.detail,
      lastUpdate: this.lastUpdate,
      readings: this.readings,
      connectedAt: this.connectedAt,
      firstStatusAt: this.firstStatusAt,
      startedAt: this.startedAt,
      faults: this.faults,
    };
  }

  private async loop(): Promise<void> {
    let backoff = Math.max(BACKOFF_FIRST_MS, Math.min(this.pollMs, 1_000));
    while (!this.stopped) {
      try {
        await withTimeout(
          this.open(),
          CONNECT_TIMEOUT_MS,
          () => new SourceError('offline', 'connect-timeout', `no connection to ${this.describe()} within ${CONNECT_TIMEOUT_MS} ms`),
        );
        if (this.stopped) break;
        this.connectedAt = this.hooks.now();
        this.firstStatusAt = null;
        backoff = Math.max(BACKOFF_FIRST_MS, Math.min(this.pollMs, 1_000));
        while (!this.stopped) {
          const started = Date.now();
          const result = await withTimeout(
            this.poll(),
            2 * this.pollMs,
            () => new SourceError('stale', 'silent', `no answer from ${this.describe()} within ${2 * this.pollMs} ms`),
          );
          if (this.stopped) break;
          this.accept(result);
          await this.sleep(Math.max(0, this.pollMs - (Date.now() - started)));
        }
      } catch (err) {
        if (this.stopped) break;
        this.fail(err);
        this.close();
        await this.sleep(backoff);
        backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
      }
    }
    this.close();
  }

  private accept(result: PollResult): void {
    const now = this.hooks.now();
    this.armStale();
    this.readings = result.readings;
    this.faults = result.kind === 'data' ? (result.faults ?? []) : [];
    if (result.kind === 'data') {
      this.lastUpdate = now;
      this.firstStatusAt ??= now;
      this.set('online', null, 'online');
    } else {
      this.set('waiting', result.detail, `waiting:${result.detail}`);
    }
  }

  private fail(err: unknown): void {
    this.clearStale();
    this.connectedAt = null;
    this.firstStatusAt = null;
    if (err instanceof SourceError) this.set(err.link, err.message, `${err.link}:${err.code}`);
    else {
      const e = err as NodeJS.ErrnoException;
      const message = e?.message ?? String(err);
      const code = typeof e?.code === 'string' ? e.code : 'unexpected';
      const refused = ['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN'].includes(code);
      this.set(refused ? 'offline' : 'error', `${this.describe()}: ${message}`, `${refused ? 'offline' : 'error'}:${code}`);
    }
  }

  /** Updates the link, logs when its class changed (once per change), tells the service. */
  private set(link: SourceLink, detail: string | null, logKey: string): void {
    this.link = link;
    this.detail = detail;
    if (logKey !== this.loggedKey) {
      const first = this.loggedKey === null;
      this.loggedKey = logKey;
      if (link === 'online') {
        if (!first) this.hooks.log.info(`[power] ${this.id} (${this.describe()}): online again`);
      } else this.hooks.log.warn(`[power] ${this.id} (${this.describe()}): ${link}: ${detail ?? ''}`);
    }
    this.hooks.changed();
  }

  /** A source that vanishes without closing goes stale two poll intervals after its last answer. */
  private armStale(): void {
    this.clearStale();
    this.staleTimer = setTimeout(() => {
      this.staleTimer = null;
      if (this.stopped) return;
      this.set('stale', `no answer from ${this.describe()} for ${2 * this.pollMs} ms`, 'stale:silent');
    }, 2 * this.pollMs);
    this.staleTimer.unref?.();
  }

  private clearStale(): void {
    if (this.staleTimer) clearTimeout(this.staleTimer);
    this.staleTimer = null;
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.sleeper = null;
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleeper = { timer, wake };
    });
  }
}

/** Rejects with onTimeout() if p has not settled within ms. */
export function withTimeout<T>(p: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(onTimeout()), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
