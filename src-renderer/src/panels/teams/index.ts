import { tasksSlice } from '../../state/tasks/tasks-slice';
import { teamsSlice } from '../../state/teams/teams-slice';
import { definePanel } from '../registry';
import { TeamsPanel } from './TeamsPanel';

export const teamsPanel = definePanel({
  id: 'teams',
  slices: [teamsSlice, tasksSlice],
  title: 'panel.teams',
  component: TeamsPanel,
  essential: false,
});
