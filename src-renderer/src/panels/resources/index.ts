import { materialsSlice } from '../../state/materials/materials-slice';
import { definePanel } from '../registry';
import { ResourcesPanel } from './ResourcesPanel';

export const resourcesPanel = definePanel({
  id: 'resources',
  slices: [materialsSlice],
  title: 'panel.resources',
  component: ResourcesPanel,
  essential: false,
});
