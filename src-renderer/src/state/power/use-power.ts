// React access to the power slice. One slice per page, made on first use with its own client
// (as consult/use-endpoint.ts does for power.conserve): the app store's client is private to it.
// In Electron both ride the one IPC bridge; in a browser this is a second socket to the same hub.
import { useStore } from 'zustand';
import { createClient } from '../../client';
import { connectPowerStore, createPowerStore, type PowerSlice, type PowerStore } from './power-store';

let shared: PowerStore | null = null;

export function powerStore(): PowerStore {
  if (!shared) {
    const client = createClient();
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
