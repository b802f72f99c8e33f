import { definePanel } from '../registry';
import { DutyNowPanel } from './DutyNowPanel';

export const dutyNowPanel = definePanel({
  id: 'duty-now',
  title: 'panel.dutyNow',
  component: DutyNowPanel,
  essential: false,
});
