import { eventsBoardSlice } from '../../state/replay/replay-slice';
import { definePanel } from '../registry';
import { EventsBoardPanel } from './EventsBoardPanel';

export const eventsBoardPanel = definePanel({
  id: 'events-board',
  slices: [eventsBoardSlice],
  title: 'panel.eventsBoard',
  component: EventsBoardPanel,
  essential: false,
});
