// One cell of the wall grid: its panel from the registry under a title strip, or a notice.
import type { CellArea } from '@contract/layouts';
import { useT } from '../i18n/use-t';
import { panels } from '../panels';
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
      <div className="cell-title">{t(def.title)}</div>
      <div className="cell-body">
        <PanelErrorBoundary fallback={<PanelCrashed id={panelId} />}>
          <Panel display={display} cell={index} />
        </PanelErrorBoundary>
      </div>
    </>
  );
}

export function WallCell(props: Props) {
  return (
    <div className="wall-cell" data-testid="wall-cell" data-panel={props.panelId ?? ''} data-cell={props.index} style={areaStyle(props.area)}>
      <CellContent panelId={props.panelId} display={props.display} index={props.index} />
    </div>
  );
}
