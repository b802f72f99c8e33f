// Every panel this build ships. Add a panel: make its folder, export its definition, list it here.
import { clockStatusPanel } from './clock-status';
import { thisCentrePanel } from './this-centre';
import { consultPanel } from './consult';
import { mapPanel } from './map';
import { warningsPanel } from './warnings';
import { camerasPanel } from './cameras';
import { statsPanel } from './stats';
import { powerPanel } from './power';
import { dutyNowPanel } from './duty-now';
import { dutyLogPanel } from './duty-log';
import { planResponsesPanel } from './plan-responses';
import { planOverviewPanel } from './plan-overview';
import { tasksPanel } from './tasks';
import { resourcesPanel } from './resources';
import { teamsPanel } from './teams';
import { reportClockPanel } from './report-clock';
import { eventsBoardPanel } from './events-board';
import { createPanelRegistry } from './registry';

export type { PanelDefinition, PanelProps, PanelRegistry } from './registry';

export const panels = createPanelRegistry([
  clockStatusPanel,
  thisCentrePanel,
  consultPanel,
  mapPanel,
  warningsPanel,
  camerasPanel,
  statsPanel,
  powerPanel,
  dutyNowPanel,
  dutyLogPanel,
  planResponsesPanel,
  planOverviewPanel,
  tasksPanel,
  resourcesPanel,
  teamsPanel,
  reportClockPanel,
  eventsBoardPanel,
]);
