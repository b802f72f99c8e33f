import { definePanel } from '../registry';
import { ConsultPanel } from './ConsultPanel';

export const consultPanel = definePanel({
  id: 'consult',
  title: 'panel.consult',
  component: ConsultPanel,
  essential: false,
});
