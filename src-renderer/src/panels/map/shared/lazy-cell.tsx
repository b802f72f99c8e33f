// A wall cell for a panel whose code is a chunk of its own (Leaflet, ECharts, hls.js): consoles
// never load it. The cell starts the panel's data at once (its store lives in the main bundle), so
// data and code arrive side by side rather than one after the other; with `prefetchOnWall` the
// code is fetched as soon as a wall page starts, before the cell even mounts.
import { lazy, Suspense, type ComponentType, type ReactElement } from 'react';
import { PanelLoading } from './PanelLoading';
import { prefetchOnWall as prefetch } from './prefetch';

export function lazyCell(load: () => Promise<ComponentType>, startData: () => unknown, opts: { prefetchOnWall?: boolean } = {}): () => ReactElement {
  const Panel = lazy(() => load().then((component) => ({ default: component })));
  if (opts.prefetchOnWall) prefetch(load);
  return function LazyCell() {
    startData();
    return (
      <Suspense fallback={<PanelLoading />}>
        <Panel />
      </Suspense>
    );
  };
}
