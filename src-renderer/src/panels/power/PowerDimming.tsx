// While power.conserve is active, adds the dimming rule of dim-style.ts to the wall page.
import { useMemo } from 'react';
import { panels } from '../index';
import { useSlice } from '../../state/context';
import { powerSlice } from '../../state/power/power-slice';
import { dimCss } from './dim-style';

export function PowerDimming() {
  const conserve = useSlice(powerSlice, (s) => s.conserve);
  const css = useMemo(() => dimCss(panels.list()), []);
  if (!conserve || !css) return null;
  return <style data-testid="power-dimming">{css}</style>;
}
