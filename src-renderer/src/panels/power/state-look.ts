// How each overall state and source verdict looks: a colour class and its words. Colour is never
// the only sign: every state also has its word.
import type { PowerState, SourceVerdict } from '@contract/power';

// Shaped like core/power/alarm-text.ts's STATE_SEVERITY and STATE_CODE on purpose: a different fact
// (how a state looks, not its alarm).
export const STATE_CLASS: Record<PowerState, string> = {
  MAINS: 'pw-ok',
  ON_GENERATOR: 'pw-warn',
  UNKNOWN: 'pw-unknown',
  ON_BATTERY: 'pw-bad',
  LOW_BATTERY: 'pw-bad pw-urgent',
};

export const VERDICT_CLASS: Record<SourceVerdict, string> = {
  mains: 'pw-ok',
  generator: 'pw-warn',
  unknown: 'pw-unknown',
  battery: 'pw-bad',
  'low-battery': 'pw-bad pw-urgent',
};
