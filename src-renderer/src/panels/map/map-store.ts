// The map panels' slice: map objects and their counts, tile sources, cameras with a position,
// open duty-log reports and active plan responses. One per page, shared by every map cell;
// kept current from pushed events and refetched after every reconnect.
import { useStore } from 'zustand';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '@contract/api';
import type { CameraSource } from '@contract/cameras';
import type { Report } from '@contract/duty';
import type { MapCounts, MapObject, MapSources } from '@contract/map';
import type { Response } from '@contract/plans';
import { markOnce } from '../../shared/startup-marks';
import { errorMessage, onEveryOpen, sharedClient } from './shared/client';

export interface MapData {
  loaded: boolean;
  error: string | null;
  objects: readonly MapObject[];
  counts: MapCounts | null;
  sources: MapSources | null;
  cameras: readonly CameraSource[];
  reports: readonly Report[];
  responses: readonly Response[];
}

const OPEN_STATUSES = ['new', 'verifying', 'handling'] as const;

export function createMapStore(client: ApiClient): StoreApi<MapData> {
  const store = createStore<MapData>()(() => ({ loaded: false, error: null, objects: [], counts: null, sources: null, cameras: [], reports: [], responses: [] }));
  const fail = (err: unknown): void => store.setState({ error: errorMessage(err) });

  const loadObjects = async (): Promise<void> => {
    markOnce('cw.map.asked');
    const { objects, counts } = await client.call('map.listObjects', {});
    markOnce('cw.map.objects');
    store.setState({ objects, counts, loaded: true, error: null });
  };
  const loadReports = async (): Promise<void> => {
    const { reports } = await client.call('duty.listReports', { status: [...OPEN_STATUSES], limit: 500 });
    store.setState({ reports });
  };
  const loadAll = (): void => {
    loadObjects().catch(fail);
    client.call('map.listSources', {}).then((sources) => store.setState({ sources }), fail);
    client.call('cameras.get', {}).then((s) => store.setState({ cameras: s.sources }), fail);
    loadReports().catch(fail);
    client.call('plans.listResponses', { status: 'active', limit: 200 }).then((responses) => store.setState({ responses }), fail);
  };

  client.on('map.objectsChanged', (e) => {
    if (e.objects === null) return void loadObjects().catch(fail);
    const byId = new Map(store.getState().objects.map((o) => [o.id, o]));
    for (const id of e.removedIds) byId.delete(id);
    for (const o of e.objects) byId.set(o.id, o);
    store.setState({ objects: [...byId.values()], counts: e.counts });
  });
  client.on('map.sourcesChanged', (sources) => store.setState({ sources }));
  client.on('cameras.changed', (s) => store.setState({ cameras: s.sources }));
  client.on('duty.logChanged', (e) => {
    if (!e.report) return void loadReports().catch(fail);
    const r = e.report;
    const rest = store.getState().reports.filter((x) => x.id !== r.id);
    store.setState({ reports: r.status === 'closed' ? rest : [r, ...rest] });
  });
  client.on('plans.responseChanged', (e) => {
    const rest = store.getState().responses.filter((x) => x.id !== e.response.id);
    store.setState({ responses: e.response.status === 'active' ? [e.response, ...rest] : rest });
  });
  onEveryOpen(client, loadAll);
  return store;
}

let shared: StoreApi<MapData> | null = null;

export function mapStore(): StoreApi<MapData> {
  shared ??= createMapStore(sharedClient());
  return shared;
}

export function useMapData<T>(selector: (s: MapData) => T): T {
  return useStore(mapStore(), selector);
}
