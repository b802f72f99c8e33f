// A wall cell for a panel whose code is a chunk of its own (Leaflet, ECharts, hls.js): consoles
// never load it. The cell holds the panel's slices at once (their code is in the main bundle), so
// data and code arrive side by side rather than one after the other; with `prefetchOnWall` the
// code is fetched as soon as a wall page starts, before the cell even mounts.
import { lazy, Suspense, useEffect, useRef, type ComponentType, type ReactElement } from 'react';
import { useSliceHost } from '../state/context';
import type { AnySlice } from '../state/slice';
import { PanelLoading } from './PanelLoading';
import { prefetchOnWall as prefetch } from './prefetch';

export function lazyCell(load: () => Promise<ComponentType>, slices: readonly AnySlice[], opts: { prefetchOnWall?: boolean } = {}): () => ReactElement {
  const Panel = lazy(() => load().then((component) => ({ default: component })));
  if (opts.prefetchOnWall) prefetch(load);
  return function LazyCell() {
    const host = useSliceHost();
    // Held as the cell first renders, not after the page commits: the panel's reads go out ahead
    // of everything that starts in effects (the wall's first picture is the map's objects).
    const started = useRef(false);
    const early = useRef<(() => void)[] | undefined>(undefined);
    if (!started.current) {
      started.current = true;
      early.current = slices.map((def) => host.get(def).hold());
    }
    useEffect(() => {
      // The holds taken at the first render, or new ones when the effect runs again (StrictMode).
      const releases = early.current ?? slices.map((def) => host.get(def).hold());
      early.current = undefined;
      return () => releases.forEach((release) => release());
    }, [host]);
    return (
      <Suspense fallback={<PanelLoading />}>
        <Panel />
      </Suspense>
    );
  };
}
