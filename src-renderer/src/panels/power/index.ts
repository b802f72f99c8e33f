import { powerSlice } from '../../state/power/power-slice';
import { definePanel } from '../registry';
import { PowerPanel } from './PowerPanel';
import './power.css';

export const powerPanel = definePanel({
  id: 'power',
  slices: [powerSlice],
  title: 'panel.power',
  component: PowerPanel,
  // Whether the hall still has power, and for how long, is what a wall must show when it has not.
  essential: true,
});
