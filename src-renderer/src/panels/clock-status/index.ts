import { definePanel } from '../registry';
import { ClockStatusPanel } from './ClockStatusPanel';

export const clockStatusPanel = definePanel({
  id: 'clock-status',
  title: 'panel.clockStatus',
  component: ClockStatusPanel,
  // Every wall needs the time and to show whether it is still connected.
  essential: true,
});
