import { tasksSlice } from '../../state/tasks/tasks-slice';
import { definePanel } from '../registry';
import { TasksPanel } from './TasksPanel';

export const tasksPanel = definePanel({
  id: 'tasks',
  slices: [tasksSlice],
  title: 'panel.tasks',
  component: TasksPanel,
  essential: false,
});
