// The one map's slice: map objects and their counts, tile sources, cameras with a position, open
// duty-log reports and active plan responses. One per page, shared by every map cell and the
// console's map forms; kept current from pushed events and read afresh on every (re)open.
import type { ParamsOf } from '@contract/api';
import type { CameraSource } from '@contract/cameras';
import type { Report } from '@contract/duty';
import { unpackMapObjects, type MapCounts, type MapObject, type MapObjectInput, type MapSources, type TileSourceInput } from '@contract/map';
import type { Response } from '@contract/plans';
import { markOnce } from '../../shared/startup-marks';
import { defineSlice } from '../slice';
import { takeEarlyMap, wholeMapParams } from './early-map';
import { mergeObjects, mergeReport, mergeResponse, OPEN_REPORT_STATUSES } from './map-merge';

export interface MapState {
  objects: readonly MapObject[];
  counts: MapCounts | null;
  sources: MapSources | null;
  cameras: readonly CameraSource[];
  reports: readonly Report[];
  responses: readonly Response[];
}

/** The name a failed read of the map is shown under (the panel shows only these). */
export const MAP_LOAD = 'loadAll';

export const mapSlice = defineSlice({
  name: 'map',
  loadAs: MAP_LOAD,
  initial: (): MapState => ({ objects: [], counts: null, sources: null, cameras: [], reports: [], responses: [] }),
  async load({ client, set }) {
    markOnce('cw.map.asked');
    // The objects are what the wall draws first: shown as soon as they are in, not after the rest.
    // Packed (a table, half the bytes, parsed several times faster: 50,000 risk points on a 4K wall).
    // On a wall page the reply may be on its way already (asked as the page started: early-map.ts).
    const objects = (takeEarlyMap(client) ?? client.call('map.listObjects', wholeMapParams())).then((r) => {
      markOnce('cw.map.arrived');
      const listed = { objects: r.packed ? unpackMapObjects(r.packed) : r.objects, counts: r.counts };
      markOnce('cw.map.objects');
      set(listed);
      return listed;
    });
    const [listed, sources, cameras, { reports }, responses] = await Promise.all([
      objects,
      client.call('map.listSources', {}),
      client.call('cameras.get', {}),
      client.call('duty.listReports', { status: [...OPEN_REPORT_STATUSES], limit: 500 }),
      client.call('plans.listResponses', { status: 'active', limit: 200 }),
    ]);
    return { objects: listed.objects, counts: listed.counts, sources, cameras: cameras.sources, reports, responses };
  },
  events: {
    // A bulk change (an import, the demo, a clear) carries no objects: read the map again; the
    // slice's guard keeps that reply from undoing anything heard meanwhile.
    'map.objectsChanged': (e, t) => {
      if (e.objects === null) return void t.reload();
      const saved = e.objects;
      return (s) => ({ objects: mergeObjects(s.objects, saved, e.removedIds), counts: e.counts });
    },
    'map.sourcesChanged': (sources) => ({ sources }),
    'cameras.changed': (s) => ({ cameras: s.sources }),
    'duty.logChanged': (e, t) => {
      if (!e.report) return void t.reload();
      const report = e.report;
      return (s) => ({ reports: mergeReport(s.reports, report) });
    },
    'plans.responseChanged': (e) => (s) => ({ responses: mergeResponse(s.responses, e.response) }),
  },
  commands: ({ client, set }) => {
    const sourcesNow = (sources: MapSources): MapSources => (set({ sources }), sources);
    return {
      /** One object with the history of its changes (newest first). */
      getObject: (id: string) => client.call('map.getObject', { id }),
      saveObject: async (object: MapObjectInput) => {
        const saved = await client.call('map.saveObject', { object });
        set((s) => ({ objects: mergeObjects(s.objects, [saved]) }));
        return saved;
      },
      removeObject: async (id: string) => {
        const removed = await client.call('map.removeObject', { id });
        set((s) => ({ objects: mergeObjects(s.objects, [], [removed.id]), counts: removed.counts }));
        return removed;
      },
      /** The objects themselves arrive with the map.objectsChanged that follows (a bulk change). */
      importObjects: (params: ParamsOf<'map.importObjects'>) => client.call('map.importObjects', params),
      clearDemo: () => client.call('map.clearDemo', {}),
      saveSource: async (source: TileSourceInput) => sourcesNow(await client.call('map.saveSource', { source })),
      removeSource: async (id: string) => sourcesNow(await client.call('map.removeSource', { id })),
      activateSource: async (id: string | null) => sourcesNow(await client.call('map.activateSource', { id })),
      /** One tile of an .mbtiles source, for the Leaflet layer (null where the file has none). */
      getTile: (at: ParamsOf<'map.getTile'>) => client.call('map.getTile', at),
    };
  },
});
