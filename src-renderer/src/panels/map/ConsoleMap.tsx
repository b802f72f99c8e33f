// The console's map: the same panel with its controls (search, street filter, layer checkboxes,
// zoom buttons, the outline's attribution). A chunk of its own, so a console that never opens it
// does not load Leaflet; mount it where the console shows the map: <ConsoleMap />.
import { lazyCell } from '../../shared/lazy-cell';
import { mapSlice } from '../../state/map/map-slice';
import { tasksSlice } from '../../state/tasks/tasks-slice';
import { teamsSlice } from '../../state/teams/teams-slice';

export const ConsoleMap = lazyCell(() => import('./MapPanel').then((m) => () => <m.MapPanel controls />), [mapSlice, tasksSlice, teamsSlice]);
