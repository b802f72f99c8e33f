// One alarm clock for every capability whose records cross a line in time (a task's
// acknowledgement window or deadline, a lot's expiry, an information report's due time). It
// wakes at the next crossing, or at most `maxWakeMs` later in case the clock jumps, and hands the
// owner every span of time [from, to) not yet checked, once: a crossing is pushed once, even
// across a late wake-up. It never wakes while nothing lies ahead, unless `idleWakeMs` says to (for
// an owner whose due times also come from another capability's writes it does not hear). An owner
// that keeps how far it got across restarts (the wall's schedules) says `from`: a due time passed
// while the process was down is then handed over at the first wake-up.
export interface CrossingWatchOptions {
  now: () => number;
  /** The earliest due time at or after `from`, or null when nothing lies ahead. */
  nextAfter: (from: number) => number | null;
  /** Everything that fell due in [from, to): push its alarms. */
  crossed: (from: number, to: number) => void;
  /** The longest sleep while something lies ahead (a clock jump is noticed within it). */
  maxWakeMs?: number;
  /** Wake this often even while nothing lies ahead; none if left out. */
  idleWakeMs?: number;
  /** The moment already checked up to (kept by the owner across restarts); now() if left out. */
  from?: number;
}

const DEFAULT_MAX_WAKE_MS = 1000;

export class CrossingWatch {
  private timer: NodeJS.Timeout | null = null;
  private checkedAt: number;
  private closed = false;

  constructor(private readonly opts: CrossingWatchOptions) {
    this.checkedAt = opts.from ?? opts.now();
  }

  /** The moment checked up to: due times from it on are still to be pushed. */
  get checkedUpTo(): number {
    return this.checkedAt;
  }

  /** Sets the next wake-up from what lies ahead now; call it after every write that moves a due time. */
  schedule(): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const next = this.opts.nextAfter(this.checkedAt);
    const maxWake = this.opts.maxWakeMs ?? DEFAULT_MAX_WAKE_MS;
    const wait = next === null ? this.opts.idleWakeMs : Math.min(Math.max(0, next - this.opts.now() + 1), maxWake);
    if (wait === undefined) return;
    this.timer = setTimeout(() => this.check(), wait);
    this.timer.unref();
  }

  /** Hands over the time since the last check, then sleeps until the next crossing. */
  check(): void {
    this.timer = null;
    if (this.closed) return;
    const from = this.checkedAt;
    const to = this.opts.now();
    if (to > from) {
      this.checkedAt = to;
      this.opts.crossed(from, to);
    }
    this.schedule();
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
