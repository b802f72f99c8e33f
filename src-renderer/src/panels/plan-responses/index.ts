import { plansSlice } from '../../state/plans/plans-slice';
import { definePanel } from '../registry';
import { PlanResponsesPanel } from './PlanResponsesPanel';

export const planResponsesPanel = definePanel({
  id: 'plan-responses',
  slices: [plansSlice],
  title: 'panel.planResponses',
  component: PlanResponsesPanel,
  essential: false,
});
