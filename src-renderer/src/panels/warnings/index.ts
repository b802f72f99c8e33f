import { definePanel } from '../registry';
import { WarningsPanel } from './WarningsPanel';

export const warningsPanel = definePanel({
  id: 'warnings',
  title: 'panel.warnings',
  component: WarningsPanel,
  essential: false,
});
