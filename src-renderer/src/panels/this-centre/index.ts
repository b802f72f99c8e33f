import { definePanel } from '../registry';
import { ThisCentrePanel } from './ThisCentrePanel';

export const thisCentrePanel = definePanel({
  id: 'this-centre',
  title: 'panel.thisCentre',
  component: ThisCentrePanel,
  essential: false,
});
