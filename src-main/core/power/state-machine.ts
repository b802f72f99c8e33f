// The one power state over all sources, with its hysteresis. The rules (also in contract/power.ts):
// - The candidate state is the most urgent verdict: LOW_BATTERY > ON_BATTERY > UNKNOWN >
//   ON_GENERATOR > MAINS. No sources at all is UNKNOWN: nothing says the supply is fine.
// - A more urgent candidate is taken at once: that is the alarm the operators must get.
// - A less urgent one is taken only once candidates have been less urgent than the state for the
//   whole hold (recoveryHoldSeconds); the state then moves to the latest candidate. A flapping
//   input thus gives one alarm per real event, and recovery is announced once it is real.
// - The first known state after the app starts is taken at once (there is nothing to flap from).
import type { PowerState } from '../contract/power';
import type { UnknownCause, Verdict } from './verdict';

export const RANK: Record<PowerState, number> = { MAINS: 0, ON_GENERATOR: 1, UNKNOWN: 2, ON_BATTERY: 3, LOW_BATTERY: 4 };

export interface SourceVote extends Verdict {
  id: string;
  name: string;
}

export interface Candidate {
  state: PowerState;
  /** The sources that decide it (those on battery for ON_BATTERY, those unknown for UNKNOWN …). */
  deciding: SourceVote[];
  /** UNKNOWN only because sources are starting (upsd's WAIT right after start): no alarm. */
  silent: boolean;
}

const VERDICT_STATE = { 'low-battery': 'LOW_BATTERY', battery: 'ON_BATTERY', unknown: 'UNKNOWN', generator: 'ON_GENERATOR', mains: 'MAINS' } as const;

export function aggregate(votes: SourceVote[]): Candidate {
  if (votes.length === 0) return { state: 'UNKNOWN', deciding: [], silent: true };
  let state: PowerState = 'MAINS';
  for (const v of votes) {
    const s = VERDICT_STATE[v.verdict];
    if (RANK[s] > RANK[state]) state = s;
  }
  const deciding = votes.filter((v) => VERDICT_STATE[v.verdict] === state);
  const silent = state === 'UNKNOWN' && deciding.every((v) => v.cause === ('starting' satisfies UnknownCause));
  return { state, deciding, silent };
}

export interface Move {
  from: PowerState;
  to: PowerState;
}

export class PowerStateMachine {
  private current: PowerState = 'UNKNOWN';
  private enteredAt: number;
  private known = false;
  private betterSince: number | null = null;
  private betterState: PowerState | null = null;

  constructor(now: number) {
    this.enteredAt = now;
  }

  get state(): PowerState {
    return this.current;
  }

  get since(): number {
    return this.enteredAt;
  }

  /** A less urgent state waiting out the hold, if any. */
  pending(holdMs: number): { state: PowerState; since: number; until: number } | null {
    if (this.betterState === null || this.betterSince === null) return null;
    return { state: this.betterState, since: this.betterSince, until: this.betterSince + holdMs };
  }

  /** Feeds a candidate; returns the move when the state changes. */
  step(candidate: PowerState, now: number, holdMs: number): Move | null {
    if (candidate === this.current) {
      this.betterSince = null;
      this.betterState = null;
      return null;
    }
    const urgent = RANK[candidate] > RANK[this.current];
    if (!urgent && this.known) {
      this.betterSince ??= now;
      this.betterState = candidate;
      if (now - this.betterSince < holdMs) return null;
    }
    const move = { from: this.current, to: candidate };
    this.current = candidate;
    this.enteredAt = now;
    this.betterSince = null;
    this.betterState = null;
    if (candidate !== 'UNKNOWN') this.known = true;
    return move;
  }
}
