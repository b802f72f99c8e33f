import { definePanel } from '../registry';
import { DutyLogPanel } from './DutyLogPanel';

export const dutyLogPanel = definePanel({
  id: 'duty-log',
  title: 'panel.dutyLog',
  component: DutyLogPanel,
  essential: false,
});
