// Hands the page's slices to components. A context (not module singletons) so each page, and
// each test, builds its own SliceHost around its own client (see slice.ts).
import { createContext, useCallback, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { SliceHost, type AnySlice, type Commands, type SliceDef, type SliceMeta, type SliceOf } from './slice';

const HostContext = createContext<SliceHost | null>(null);

export function SliceHostProvider({ host, children }: { host: SliceHost; children: ReactNode }) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>;
}

export function useSliceHost(): SliceHost {
  const host = useContext(HostContext);
  if (!host) throw new Error('a slice was used outside <SliceHostProvider>');
  return host;
}

/**
 * Selects from a slice and keeps it live (loaded, following its events) while the calling
 * component is mounted. Return primitives or stored objects, not fresh ones.
 */
export function useSlice<S extends object, C extends Commands, T>(def: SliceDef<S, C>, selector: (s: S & SliceMeta) => T): T {
  const slice = useSliceHost().get(def);
  useEffect(() => slice.hold(), [slice]);
  return useStore(slice.store, selector);
}

/** A slice's commands, by name: the only way a component changes state or asks the server. */
export function useCommands<S extends object, C extends Commands>(def: SliceDef<S, C>): SliceOf<S, C>['commands'] {
  return useSliceHost().get(def).commands;
}

/** How current the data of some slices is: all live, or since when the oldest is not (null: never loaded). */
export type Freshness = { live: true } | { live: false; asOf: number | null };

/**
 * A value read across several slices (a constant list), following them without holding them.
 * `read` must return a primitive or a stored object (stable between changes), as
 * useSyncExternalStore needs.
 */
export function useAcrossSlices<T>(defs: readonly AnySlice[], read: (slices: readonly SliceOf<object, Commands>[]) => T): T {
  const host = useSliceHost();
  const subscribe = useCallback(
    (onChange: () => void) => {
      const offs = defs.map((def) => host.get(def).store.subscribe(onChange));
      return () => offs.forEach((off) => off());
    },
    [host, defs],
  );
  return useSyncExternalStore(subscribe, () => read(defs.map((def) => host.get(def) as SliceOf<object, Commands>)));
}

/** Freshness of the given slices (a constant list), following them without holding them. */
export function useFreshness(defs: readonly AnySlice[]): Freshness {
  // A string snapshot: stable between changes.
  const key = useAcrossSlices(defs, (slices) => freshnessKey(slices.map((slice) => slice.store.getState())));
  if (key === 'live') return { live: true };
  return { live: false, asOf: key === 'never' ? null : Number(key) };
}

function freshnessKey(states: readonly SliceMeta[]): string {
  let oldest: number | null = null;
  let stale = false;
  for (const s of states) {
    if (s.live) continue;
    stale = true;
    if (s.asOf === null) return 'never';
    oldest = oldest === null ? s.asOf : Math.min(oldest, s.asOf);
  }
  return stale ? String(oldest) : 'live';
}
