// Back-off after failed sign-ins, per name (whether or not the name exists, so the refusal tells
// nothing about it): after FREE_FAILURES failures in a row the name is refused for 30 s, each
// further failure doubles the wait, up to 15 min; a successful sign-in clears it. Kept in memory:
// a restart is not something a guesser at a console can cause.

export const FREE_FAILURES = 5;
export const FIRST_LOCK_MS = 30_000;
export const MAX_LOCK_MS = 15 * 60_000;
/** Names remembered at most; the oldest quiet ones are forgotten first. */
const MAX_NAMES = 10_000;
const FORGET_AFTER_MS = 24 * 60 * 60_000;

interface Entry {
  failures: number;
  lockedUntil: number;
  lastAt: number;
}

export class Lockout {
  private readonly names = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  private static key(name: string): string {
    return name.trim().normalize('NFC').toLowerCase();
  }

  /** When the name may try again, if it is locked now; else null. */
  lockedUntil(name: string): number | null {
    const e = this.names.get(Lockout.key(name));
    return e && e.lockedUntil > this.now() ? e.lockedUntil : null;
  }

  /** Counts a failure; returns the end of the lock it starts, or null while failures are still free. */
  fail(name: string): number | null {
    const key = Lockout.key(name);
    const now = this.now();
    let e = this.names.get(key);
    // Failures a day old are forgiven: yesterday's typos do not lock today's first one.
    if (!e || (e.lockedUntil <= now && now - e.lastAt > FORGET_AFTER_MS)) e = { failures: 0, lockedUntil: 0, lastAt: now };
    e.failures++;
    e.lastAt = now;
    this.names.delete(key);
    this.names.set(key, e); // most recent last, for the eviction below
    if (this.names.size > MAX_NAMES) this.evict(now);
    if (e.failures < FREE_FAILURES) return null;
    const wait = Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (e.failures - FREE_FAILURES));
    e.lockedUntil = now + wait;
    return e.lockedUntil;
  }

  succeed(name: string): void {
    this.names.delete(Lockout.key(name));
  }

  private evict(now: number): void {
    for (const [k, e] of this.names) {
      if (this.names.size <= MAX_NAMES) return;
      // A name still locked is kept; the oldest unlocked ones go first (the map is in recency order).
      if (e.lockedUntil <= now) this.names.delete(k);
    }
  }
}
