// A small picture of the layout with a panel chooser in each cell, placed as on the wall.
import type { LayoutSpec } from '@contract/layouts';
import { useT } from '../i18n/use-t';
import { panels } from '../panels';
import { areaStyle, gridStyle } from '../wall/wall-layout';
import type { DraftAction } from './preset-draft';

function CellPanelSelect({ index, value, dispatch }: { index: number; value: string | null; dispatch(a: DraftAction): void }) {
  const t = useT();
  const known = value === null || panels.get(value) !== undefined;
  return (
    <select
      data-testid={`cell-panel-${index}`}
      aria-label={t('console.cell', { n: index + 1 })}
      value={value ?? ''}
      onChange={(e) => dispatch({ type: 'cell', index, panel: e.target.value || null })}
    >
      <option value="">{t('console.cellEmpty')}</option>
      {panels.list().map((p) => (
        <option key={p.id} value={p.id}>
          {t(p.title)}
        </option>
      ))}
      {/* A preset saved by a newer version may name a panel we lack: show it, do not drop it. */}
      {!known && <option value={value}>{t('cell.unknown', { id: value })}</option>}
    </select>
  );
}

export function CellPanelGrid({ layout, cells, dispatch }: { layout: LayoutSpec; cells: (string | null)[]; dispatch(a: DraftAction): void }) {
  const t = useT();
  return (
    <div className="cell-panel-grid" style={gridStyle(layout)}>
      {layout.areas.map((area, i) => (
        <div key={i} className="cell-panel-cell" style={areaStyle(area)}>
          <span className="cell-panel-number">{t('console.cell', { n: i + 1 })}</span>
          <CellPanelSelect index={i} value={cells[i] ?? null} dispatch={dispatch} />
        </div>
      ))}
    </div>
  );
}
