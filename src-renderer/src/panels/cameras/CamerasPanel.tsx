// The camera wall (实时监控): a grid of live tiles, paged by the running tour (or through every
// enabled camera when there are more than fit), each tile showing its own state.
import './cameras.css';
import { PanelLoading } from '../../shared/PanelLoading';
import { useEffect, useState } from 'react';
import type { CamerasState } from '@contract/cameras';
import { useT } from '../../i18n/use-t';
import { useSlice } from '../../state/context';
import { camerasSlice } from '../../state/cameras/cameras-slice';
import { CameraTile } from './CameraTile';
import { currentPage, type CameraPage } from './tour';

/** The page to show, re-read only when the tour turns (never, when one page holds them all). */
function usePage(state: CamerasState | null): CameraPage | null {
  const [now, setNow] = useState(() => Date.now());
  const page = state ? currentPage(state, now) : null;
  const turns = page !== null && page.pages > 1;
  const dwellMs = (page?.dwellSeconds ?? 0) * 1000;
  useEffect(() => {
    if (!turns) return;
    const timer = setTimeout(() => setNow(Date.now()), dwellMs - (Date.now() % dwellMs) + 20);
    return () => clearTimeout(timer);
  }, [turns, dwellMs, now]);
  return page;
}

export function CamerasPanel() {
  const t = useT();
  const state = useSlice(camerasSlice, (d) => d.state);
  const error = useSlice(camerasSlice, (d) => d.error?.message);
  const page = usePage(state);
  if (!page) return <PanelLoading error={error} />;
  if (page.sources.length === 0)
    return (
      <div className="panel panel-waiting" data-testid="cameras-none">
        {t('cameras.none')}
      </div>
    );
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
