// One cell of the wall grid: its panel from the registry under a title strip, or a notice. A cell
// whose data is not current (the link is down, or not yet loaded since it came back) is dimmed and
// says since when: a wall never shows old data as if it were live.
import type { CellArea } from '@contract/layouts';
import { useT } from '../i18n/use-t';
import { panels } from '../panels';
import type { PanelDefinition } from '../panels/registry';
import { formatBeijingClock } from '../shared/beijing-time';
import { useFreshness, useSlice } from '../state/context';
import { wallReplaySlice } from '../state/replay/wall-replay-slice';
import { PanelErrorBoundary } from '../shared/PanelErrorBoundary';
import { EmptyCell, PanelCrashed, UnknownPanel } from './CellNotices';
import { areaStyle } from './wall-layout';
import { CellReplayMark } from './ReplayBadge';
import { REPLAY_VIEWS, replays } from './replay-views';

interface Props {
  area: CellArea;
  panelId: string | null;
  display: number;
  index: number;
}

/** A panel whose data replay folds, while the wall is in replay: the moment's data, not the live picture. */
function ReplayContent({ panelId, title }: { panelId: string; title: string }) {
  const t = useT();
  const state = useSlice(wallReplaySlice, (s) => s.state);
  const View = REPLAY_VIEWS[panelId];
  return (
    <>
      <div className="cell-title">
        {title}
        <CellReplayMark replaying />
      </div>
      <div className="cell-body replay-cell" data-testid="replay-cell" data-at={state?.at ?? ''}>
        {state ? <View state={state} /> : <p className="replay-cell-none">{t('app.loading')}</p>}
      </div>
    </>
  );
}

function CellContent({ panelId, display, index, inReplay }: Omit<Props, 'area'> & { inReplay: boolean }) {
  const t = useT();
  if (panelId === null) return <EmptyCell />;
  const def = panels.get(panelId);
  if (!def) return <UnknownPanel id={panelId} />;
  const Panel = def.component;
  if (inReplay && REPLAY_VIEWS[panelId]) return <ReplayContent panelId={panelId} title={t(def.title)} />;
  return (
    <>
      <div className="cell-title">
        {t(def.title)}
        {inReplay && <CellReplayMark replaying={replays(panelId)} />}
        {def.slices && <StaleMark slices={def.slices} />}
      </div>
      <div className="cell-body">
        <PanelErrorBoundary fallback={<PanelCrashed id={panelId} />}>
          <Panel display={display} cell={index} />
        </PanelErrorBoundary>
      </div>
    </>
  );
}

const NO_SLICES: NonNullable<PanelDefinition['slices']> = [];

/** "数据截至 hh:mm:ss" while the panel's data is not current; the cell dims through data-stale. */
function StaleMark({ slices }: { slices: NonNullable<PanelDefinition['slices']> }) {
  const t = useT();
  const fresh = useFreshness(slices);
  if (fresh.live) return null;
  return (
    <span className="cell-stale-mark" data-testid="cell-stale" role="status">
      {fresh.asOf === null ? t('wall.staleNever') : t('wall.staleAsOf', { time: formatBeijingClock(fresh.asOf) })}
    </span>
  );
}

function useCellStale(panelId: string | null): boolean {
  const fresh = useFreshness((panelId !== null && panels.get(panelId)?.slices) || NO_SLICES);
  return !fresh.live;
}

export function WallCell(props: Props) {
  const notCurrent = useCellStale(props.panelId);
  // The wall in replay (复盘上墙): a cell showing the replayed moment does not show the live slices.
  const inReplay = useSlice(wallReplaySlice, (s) => s.replay !== null);
  const stale = notCurrent && !(inReplay && props.panelId !== null && props.panelId in REPLAY_VIEWS);
  const replay = !inReplay || props.panelId === null ? undefined : replays(props.panelId) ? 'moment' : 'live';
  return (
    <div
      className={stale ? 'wall-cell cell-stale' : 'wall-cell'}
      data-testid="wall-cell"
      data-panel={props.panelId ?? ''}
      data-cell={props.index}
      data-stale={stale ? 'true' : 'false'}
      data-replay={replay}
      style={areaStyle(props.area)}
    >
      <CellContent panelId={props.panelId} display={props.display} index={props.index} inReplay={inReplay} />
    </div>
  );
}
