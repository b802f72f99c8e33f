// What the power panel's colours and shapes mean, for the states on screen: the overall state's
// banner and each source's verdict take one of four looks (state-look.ts): ● normal, ▲ attention
// (on generator), ■ alarm (on battery), ◌ unknown. The legend names the ones shown.
import type { PowerState, SourceVerdict } from '@contract/power';
import type { StateName } from '../../styles/colour-language';

const OF_STATE: Record<PowerState, StateName> = { MAINS: 'normal', ON_GENERATOR: 'attention', UNKNOWN: 'stale', ON_BATTERY: 'alarm', LOW_BATTERY: 'alarm' };
const OF_VERDICT: Record<SourceVerdict, StateName> = { mains: 'normal', generator: 'attention', unknown: 'stale', battery: 'alarm', 'low-battery': 'alarm' };
const ORDER: readonly StateName[] = ['alarm', 'attention', 'normal', 'stale'];

/** The looks shown by the banner (its state) and the tiles (their verdicts), worst first. */
export function powerLooks(state: PowerState | null, verdicts: readonly SourceVerdict[]): StateName[] {
  const seen = new Set<StateName>(verdicts.map((v) => OF_VERDICT[v]));
  if (state) seen.add(OF_STATE[state]);
  return ORDER.filter((s) => seen.has(s));
}
