import { dutySlice } from '../../state/duty/duty-slice';
import { definePanel } from '../registry';
import { DutyLogPanel } from './DutyLogPanel';

export const dutyLogPanel = definePanel({
  id: 'duty-log',
  slices: [dutySlice],
  title: 'panel.dutyLog',
  component: DutyLogPanel,
  essential: false,
});
