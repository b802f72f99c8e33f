// What a cell shows when it has no working panel. The wall is read by a hall that cannot act on
// it: an empty cell is a plain neutral cell, and a fault says what is wrong in one short line, with
// no instructions (those belong on the console, where someone can act on them).
import { useT } from '../i18n/use-t';

/** A cell with no panel: nothing to read, nothing to do. Neutral, not a call to set it up. */
export function EmptyCell() {
  return <div className="cell-notice cell-empty" data-testid="cell-empty" aria-hidden="true" />;
}

/** A preset names a panel this version lacks. */
export function UnknownPanel({ id }: { id: string }) {
  const t = useT();
  return (
    <div className="cell-notice cell-unknown" data-testid="cell-unknown" data-id={id} role="status">
      {t('cell.unknown', { id })}
    </div>
  );
}

/** The panel failed while drawing; the cell's title strip above already names it. */
export function PanelCrashed({ id }: { id: string }) {
  const t = useT();
  return (
    <div className="cell-notice cell-crashed" data-testid="cell-crashed" data-id={id} role="status">
      {t('cell.crashedShort')}
    </div>
  );
}
