// Hands the store to components. A context (not a module singleton) so each page, and each
// test, builds its own store around its own client.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './store';

const StoreContext = createContext<AppStore | null>(null);

export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

/** Select a slice of the app state. Return primitives or stored objects, not fresh ones. */
export function useApp<T>(selector: (s: AppState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useApp() outside <StoreProvider>');
  return useStore(store, selector);
}

export function useActions(): AppState['actions'] {
  return useApp((s) => s.actions);
}
