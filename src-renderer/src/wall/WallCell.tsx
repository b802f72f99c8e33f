// One cell of the wall grid: its panel from the registry under a title strip, or a notice. A cell
// whose data is not current (the link is down, or not yet loaded since it came back) is dimmed and
// says since when: a wall never shows old data as if it were live.
import type { CellArea } from '@contract/layouts';
import { useT } from '../i18n/use-t';
import { panels } from '../panels';
import type { PanelDefinition } from '../panels/registry';
import { formatBeijingClock } from '../shared/beijing-time';
import { useFreshness } from '../state/context';
import { PanelErrorBoundary } from '../shared/PanelErrorBoundary';
import { EmptyCell, PanelCrashed, UnknownPanel } from './CellNotices';
import { areaStyle } from './wall-layout';

interface Props {
  area: CellArea;
  panelId: string | null;
  display: number;
  index: number;
}

function CellContent({ panelId, display, index }: Omit<Props, 'area'>) {
  const t = useT();
  if (panelId === null) return <EmptyCell />;
  const def = panels.get(panelId);
  if (!def) return <UnknownPanel id={panelId} />;
  const Panel = def.component;
  return (
    <>
      <div className="cell-title">
        {t(def.title)}
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
  const stale = useCellStale(props.panelId);
  return (
    <div
      className={stale ? 'wall-cell cell-stale' : 'wall-cell'}
      data-testid="wall-cell"
      data-panel={props.panelId ?? ''}
      data-cell={props.index}
      data-stale={stale ? 'true' : 'false'}
      style={areaStyle(props.area)}
    >
      <CellContent panelId={props.panelId} display={props.display} index={props.index} />
    </div>
  );
}
