import { plansSlice } from '../../state/plans/plans-slice';
import { definePanel } from '../registry';
import { PlanOverviewPanel } from './PlanOverviewPanel';

export const planOverviewPanel = definePanel({
  id: 'plan-overview',
  slices: [plansSlice],
  title: 'panel.planOverview',
  component: PlanOverviewPanel,
  essential: false,
});
