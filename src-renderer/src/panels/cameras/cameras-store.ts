// The camera panels' slice: sources, tours and the running tour, from cameras.* and its event.
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '@contract/api';
import type { CamerasState } from '@contract/cameras';
import { errorMessage, onEveryOpen, sharedClient } from '../map/shared/client';

export interface CamerasData {
  state: CamerasState | null;
  error: string | null;
}

export function createCamerasStore(client: ApiClient): StoreApi<CamerasData> {
  const store = createStore<CamerasData>()(() => ({ state: null, error: null }));
  client.on('cameras.changed', (state) => store.setState({ state, error: null }));
  onEveryOpen(client, () => {
    client.call('cameras.get', {}).then(
      (state) => store.setState({ state, error: null }),
      (err) => store.setState({ error: errorMessage(err) }),
    );
  });
  return store;
}

let shared: StoreApi<CamerasData> | null = null;

export function camerasStore(): StoreApi<CamerasData> {
  shared ??= createCamerasStore(sharedClient());
  return shared;
}

export function useCameras<T>(selector: (s: CamerasData) => T): T {
  return useStore(camerasStore(), selector);
}
