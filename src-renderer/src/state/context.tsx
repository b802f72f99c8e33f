// Hands the page's slices to components. A context (not module singletons) so each page, and
// each test, builds its own SliceHost around its own client (see slice.ts).
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { SliceHost, type Commands, type SliceDef, type SliceMeta, type SliceOf } from './slice';

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
