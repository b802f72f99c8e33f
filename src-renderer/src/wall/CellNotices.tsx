// What a cell shows when it has no working panel. Honest words, no pretend content.
import { useT } from '../i18n/use-t';

export function EmptyCell() {
  const t = useT();
  return (
    <div className="cell-notice cell-empty" data-testid="cell-empty">
      {t('cell.empty')}
    </div>
  );
}

export function UnknownPanel({ id }: { id: string }) {
  const t = useT();
  return (
    <div className="cell-notice cell-unknown" data-testid="cell-unknown">
      <div>{t('cell.unknown', { id })}</div>
      <div className="cell-notice-hint">{t('cell.unknownHint')}</div>
    </div>
  );
}

export function PanelCrashed({ id }: { id: string }) {
  const t = useT();
  return (
    <div className="cell-notice cell-crashed" data-testid="cell-crashed">
      <div>{t('cell.crashed', { id })}</div>
      <div className="cell-notice-hint">{t('cell.crashedHint')}</div>
    </div>
  );
}
