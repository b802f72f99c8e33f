import { centreSlice } from '../../state/centre/centre-slice';
import { definePanel } from '../registry';
import { ThisCentrePanel } from './ThisCentrePanel';

export const thisCentrePanel = definePanel({
  id: 'this-centre',
  slices: [centreSlice],
  title: 'panel.thisCentre',
  component: ThisCentrePanel,
  essential: false,
});
