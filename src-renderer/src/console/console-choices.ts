// Which displays the console offers: every display the settings or the wall state know,
// plus the next one, so a newly added screen can be given a preset before it is configured.
import type { Settings, WallState } from '@contract/schemas';

const MAX_DISPLAY = 15; // the contract's DisplayIndex

export function displayChoices(settings: Settings | null, wall: WallState | null): number[] {
  const known = [0, ...(settings?.wallDisplays ?? []), ...Object.keys(wall?.active ?? {}).map(Number)].filter(
    (n) => Number.isInteger(n) && n >= 0 && n <= MAX_DISPLAY,
  );
  const last = Math.min(MAX_DISPLAY, Math.max(...known) + 1);
  return Array.from({ length: last + 1 }, (_, i) => i);
}
