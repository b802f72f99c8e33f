// While power.conserve is active, adds the dimming rule of dim-style.ts to the wall page.
import { useMemo } from 'react';
import { panels } from '../index';
import { usePower } from '../../state/power/use-power';
import { dimCss } from './dim-style';

export function PowerDimming() {
  const conserve = usePower((s) => s.conserve);
  const css = useMemo(() => dimCss(panels.list()), []);
  if (!conserve || !css) return null;
  return <style data-testid="power-dimming">{css}</style>;
}
