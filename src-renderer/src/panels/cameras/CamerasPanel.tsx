// The camera wall (实时监控): a grid of live tiles, paged by the running tour (or through every
// enabled camera when there are more than fit), each tile showing its own state.
import './cameras.css';
import { useT } from '../../i18n/use-t';
import { useNow } from '../../shared/use-now';
import { CameraTile } from './CameraTile';
import { useCameras } from './cameras-store';
import { currentPage } from './tour';

export function CamerasPanel() {
  const t = useT();
  const state = useCameras((d) => d.state);
  const error = useCameras((d) => d.error);
  const now = useNow();
  if (!state) return <div className="panel panel-waiting">{error ?? t('app.loading')}</div>;
  const page = currentPage(state, now);
  if (page.sources.length === 0) return <div className="panel panel-waiting" data-testid="cameras-none">{t('cameras.none')}</div>;
  const cols = Math.sqrt(page.tiles);
  return (
    <div className="panel cameras-panel" data-testid="cameras-panel" data-page={page.page} data-pages={page.pages}>
      <div className="camera-grid" style={{ gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${cols}, minmax(0, 1fr))` }}>
        {page.sources.map((s) => (
          <CameraTile key={s.id} source={s} />
        ))}
      </div>
      {(page.tourName || page.pages > 1) && (
        <div className="camera-tour" data-testid="camera-tour">
          {page.tourName ? `${page.tourName} · ` : ''}
          {t('cameras.page', { page: page.page + 1, pages: page.pages, seconds: page.dwellSeconds })}
        </div>
      )}
    </div>
  );
}
