import { definePanel } from '../registry';
import { PlanOverviewPanel } from './PlanOverviewPanel';

export const planOverviewPanel = definePanel({
  id: 'plan-overview',
  title: 'panel.planOverview',
  component: PlanOverviewPanel,
  essential: false,
});
