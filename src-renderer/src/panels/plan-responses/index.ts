import { definePanel } from '../registry';
import { PlanResponsesPanel } from './PlanResponsesPanel';

export const planResponsesPanel = definePanel({
  id: 'plan-responses',
  title: 'panel.planResponses',
  component: PlanResponsesPanel,
  essential: false,
});
