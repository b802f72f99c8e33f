// React access to the power slice. One slice per page, made on first use, on the page's client.
import { useStore } from 'zustand';
import { pageClient } from '../../client';
import { connectPowerStore, createPowerStore, type PowerSlice, type PowerStore } from './power-store';

let shared: PowerStore | null = null;

export function powerStore(): PowerStore {
  if (!shared) {
    const client = pageClient();
    shared = createPowerStore(client);
    connectPowerStore(shared, client);
  }
  return shared;
}

/** Select from the power slice. Return primitives or stored objects, not fresh ones. */
export function usePower<T>(selector: (s: PowerSlice) => T): T {
  return useStore(powerStore(), selector);
}

export function usePowerActions(): PowerSlice['actions'] {
  return usePower((s) => s.actions);
}
