// What the warnings panel's colours mean, for what it shows: the colour of each signal level in
// force (the icon's ground, GB/T 27962), and the colour of the feed's word when there is no signal
// (green only when certain, grey when it cannot know) or when the feed fails (the alarm state).
import { SIGNAL_COLOURS, type SignalLevel, type Warning } from '@contract/warnings';
import { STATES, type StateName } from '../../styles/colour-language';
import type { QuietLine } from './quiet-line';

const LEVEL_ORDER: readonly SignalLevel[] = ['red', 'orange', 'yellow', 'blue', 'white'];

export type WarningMark = { kind: 'level'; level: SignalLevel } | { kind: 'state'; state: StateName };

/** The marks on screen: the levels in force, most severe first, then the quiet line's or the feed's state. */
export function warningMarks(active: readonly Pick<Warning, 'level'>[], quiet: QuietLine | null, feedFailed: boolean): WarningMark[] {
  const levels = new Set(active.map((w) => w.level));
  const out: WarningMark[] = LEVEL_ORDER.filter((l) => levels.has(l)).map((level) => ({ kind: 'level', level }));
  if (quiet?.tone === 'calm') out.push({ kind: 'state', state: 'normal' });
  if (quiet?.tone === 'unknown') out.push({ kind: 'state', state: 'stale' });
  if (feedFailed) out.push({ kind: 'state', state: 'alarm' });
  return out;
}

/** How a mark is drawn: a signal's ground colour as a filled square, a state by its own shape. */
export function warningMarkLook(m: WarningMark): { shape: string; colour: string } {
  return m.kind === 'level' ? { shape: '■', colour: SIGNAL_COLOURS[m.level] } : { shape: STATES[m.state].shape, colour: STATES[m.state].colour };
}
