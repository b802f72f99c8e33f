import { dutySlice } from '../../state/duty/duty-slice';
import { definePanel } from '../registry';
import { DutyNowPanel } from './DutyNowPanel';

export const dutyNowPanel = definePanel({
  id: 'duty-now',
  slices: [dutySlice],
  title: 'panel.dutyNow',
  component: DutyNowPanel,
  essential: false,
});
