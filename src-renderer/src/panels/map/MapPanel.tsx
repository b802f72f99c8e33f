// The one map (一张图): the embedded outline or the operator's tiles, every layer with its counts,
// and a card for the object clicked (or shown by another panel through fly-to.ts). On the wall (the
// default) it draws no controls: points clustered into readable counts, and below the map the one
// legend every wall panel uses (shared/Legend.tsx: one wrapping line at the wall's least letter
// size, only what is drawn, giving way to the map in a small cell), nothing to click on a screen
// nobody touches. The console's map (controls) adds search, the street filter, the layer switches
// and zoom buttons (MapLayers.tsx, ConsoleMap.tsx). Both draw the open tasks with a place and the
// teams out (from the tasks and teams slices, live through their events).
import 'leaflet/dist/leaflet.css';
import './map.css';
import { useMemo, useState } from 'react';
import { TASK_STATE_LABELS } from '@contract/tasks';
import { TEAM_STATUS_LABELS } from '@contract/teams';
import type { StreetName } from '@contract/yuexiu';
import { useT } from '../../i18n/use-t';
import { useLabel } from '../../shared/label';
import { BasemapNote } from './BasemapNote';
import { DetailCard } from './DetailCard';
import { buildFeatures, countFeatures, unplacedResponses, type Feature, type OpsWords } from './features';
import { focusMap } from './fly-to';
import { LAYER_IDS, type LayerId } from './layers';
import { LeafletView } from './LeafletView';
import { MapLayers } from './MapLayers';
import { mapLegendEntries } from './legend-entries';
import { Legend } from '../../shared/Legend';
import { MapToolbar } from './MapToolbar';
import { streetPoint } from './street-point';
import { resolveSelection } from './select';
import { markOnce } from '../../shared/startup-marks';
import { useSlice } from '../../state/context';
import { MAP_LOAD, mapSlice } from '../../state/map/map-slice';
import { tasksSlice } from '../../state/tasks/tasks-slice';
import { teamsSlice } from '../../state/teams/teams-slice';
import { wallReplaySlice } from '../../state/replay/wall-replay-slice';
import { replayOps } from './replay-ops';

/** The most of the wall map's cell its legend may take; a taller legend gives way to the map. */
const MAP_LEGEND_SHARE = 0.3;

export function MapPanel({ controls = false }: { controls?: boolean }) {
  markOnce('cw.map.code');
  const t = useT();
  const label = useLabel();
  const data = useSlice(mapSlice, (s) => s);
  const tasks = useSlice(tasksSlice, (s) => s.tasks);
  const teams = useSlice(teamsSlice, (s) => s.teams);
  // The wall in replay (复盘上墙): the wall's map draws the moment's tasks, teams and reports; the console's stays live.
  const replayState = useSlice(wallReplaySlice, (s) => (s.replay ? s.state : null));
  const replay = useMemo(() => (!controls && replayState ? replayOps(replayState) : null), [controls, replayState]);
  // The panel says when the map could not be read; a console's refused command is its form's.
  const error = data.error?.command === MAP_LOAD ? data.error.message : null;
  const [street, setStreet] = useState<StreetName | null>(null);
  const [visible, setVisible] = useState<ReadonlySet<LayerId>>(() => new Set(LAYER_IDS));
  const [selected, setSelected] = useState<string | null>(null);

  const words = useMemo<OpsWords>(
    () => ({
      task: (s) => (s === 'unacknowledged' ? t('tasks.unacknowledged') : s === 'overdue' ? t('tasks.overdue') : label(TASK_STATE_LABELS[s])),
      team: (s) => label(TEAM_STATUS_LABELS[s]),
    }),
    [t, label],
  );
  // A task crossing its window or deadline is pushed (tasks.changed 'alarm'): the clock is read
  // when the data changes, not every second (50,000 features are not rebuilt on a tick).
  const features = useMemo(
    () =>
      buildFeatures({
        objects: data.objects,
        cameras: data.cameras,
        reports: replay?.reports ?? data.reports,
        // A response's reports are not in the replayed moment: its rings are left out there.
        responses: replay ? [] : data.responses,
        street,
        tasks: replay?.tasks ?? tasks,
        teams: replay?.teams ?? teams,
        words,
        now: replay?.now ?? Date.now(),
      }),
    [data.objects, data.cameras, data.reports, data.responses, street, tasks, teams, words, replay],
  );
  const counts = useMemo(() => countFeatures(features), [features]);
  const unplaced = useMemo(() => (replay ? [] : unplacedResponses(data.responses, features)), [data.responses, features, replay]);
  const legend = useMemo(
    () => (controls ? [] : mapLegendEntries(counts, visible, { totals: data.counts, unplaced: unplaced.length }, { t, label })),
    [controls, counts, visible, data.counts, unplaced.length, t, label],
  );
  const basemap = data.sources?.sources.find((s) => s.id === data.sources?.activeId) ?? null;
  const sel = resolveSelection(selected, data, { tasks, teams });

  const toggle = (id: LayerId): void => {
    const next = new Set(visible);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setVisible(next);
  };
  const pick = (f: Feature): void => focusMap({ lat: f.lat, lng: f.lng, key: f.key });
  const chooseStreet = (s: StreetName | null): void => {
    setStreet(s);
    if (s) focusMap({ ...streetPoint(s), zoom: 15 });
  };

  return (
    <div
      className={controls ? 'panel map-panel map-console' : 'panel map-panel map-wall'}
      data-testid="map-panel"
      data-ready={data.loaded}
      data-features={features.length}
      data-risk={counts.risk}
      data-replay-at={replay?.now ?? ''}
    >
      <div className="map-stage">
        <LeafletView features={features} visible={visible} basemap={basemap} selected={sel ? selected : null} onSelect={setSelected} controls={controls} />
        {controls && <MapToolbar features={features} street={street} onStreet={chooseStreet} onPick={pick} />}
        {controls && <MapLayers counts={counts} totals={data.counts} visible={visible} onToggle={toggle} unplaced={unplaced} />}
        <BasemapNote source={basemap} />
        {sel && <DetailCard sel={sel} onClose={() => setSelected(null)} />}
        {error && (
          <div className="map-error" role="alert" data-testid="map-error">
            {t('map.loadFailed', { message: error })}
          </div>
        )}
      </div>
      {!controls && <Legend entries={legend} label={t('map.legend.label')} testId="map-legend" maxShare={MAP_LEGEND_SHARE} reserve={!data.loaded} />}
    </div>
  );
}
