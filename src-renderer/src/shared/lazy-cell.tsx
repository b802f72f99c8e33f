// A wall cell for a panel whose code is a chunk of its own (Leaflet, ECharts, hls.js): consoles
// never load it. The cell holds the panel's slices at once (their code is in the main bundle), so
// data and code arrive side by side rather than one after the other; with `prefetchOnWall` the
// code is fetched as soon as a wall page starts, before the cell even mounts.
import { lazy, Suspense, useEffect, type ComponentType, type ReactElement } from 'react';
import { useSliceHost } from '../state/context';
import type { AnySlice } from '../state/slice';
import { PanelLoading } from './PanelLoading';
import { prefetchOnWall as prefetch } from './prefetch';

export function lazyCell(load: () => Promise<ComponentType>, slices: readonly AnySlice[], opts: { prefetchOnWall?: boolean } = {}): () => ReactElement {
  const Panel = lazy(() => load().then((component) => ({ default: component })));
  if (opts.prefetchOnWall) prefetch(load);
  return function LazyCell() {
    const host = useSliceHost();
    useEffect(() => {
      const releases = slices.map((def) => host.get(def).hold());
      return () => releases.forEach((release) => release());
    }, [host]);
    return (
      <Suspense fallback={<PanelLoading />}>
        <Panel />
      </Suspense>
    );
  };
}
