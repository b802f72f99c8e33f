import { warningsSlice } from '../../state/warnings/warnings-slice';
import { definePanel } from '../registry';
import { WarningsPanel } from './WarningsPanel';

export const warningsPanel = definePanel({
  id: 'warnings',
  slices: [warningsSlice],
  title: 'panel.warnings',
  component: WarningsPanel,
  essential: false,
});
