// Map records as the server sends them (valid by the contract: the fake client drops pushed events
// that are not), for the map renderer tests: the map slice's, the map panel's and the console's map
// forms.
import type { CameraSource, CamerasState } from '@contract/cameras';
import type { Report } from '@contract/duty';
import type { MapCounts, MapObject, MapSources } from '@contract/map';
import type { Response } from '@contract/plans';
import { report as dutyReport } from '../duty/test-fixtures';
import { person, response as planResponse } from '../plans/test-fixtures';

/**
 * An object of any kind with the common fields filled (a random id, an unnamed place in 越秀): the
 * test gives the kind and whatever fields of that kind it needs.
 */
export const anyObject = (o: Partial<MapObject> & Pick<MapObject, 'kind'>): MapObject =>
  ({
    id: `obj_${o.kind}-${Math.random().toString(36).slice(2, 8)}`,
    name: 'x',
    street: null,
    address: '',
    note: '',
    position: { lat: 23.13, lng: 113.27 },
    demo: false,
    updatedAt: 0,
    ...o,
  }) as MapObject;

/** A rescue team; `id` is the part after "obj_". */
export function object(id: string, name: string = id): MapObject {
  return {
    kind: 'team',
    id: `obj_${id}`,
    name,
    street: '北京街',
    address: '',
    position: { lat: 23.13, lng: 113.27 },
    note: '',
    demo: false,
    updatedAt: 1000,
    people: 12,
    professional: true,
    equipment: '',
    status: 'standby',
    contact: '',
  };
}

export function counts(teams: number): MapCounts {
  return {
    byKind: { risk: 0, shelter: 0, warehouse: 0, team: teams, waterlogging: 0, geohazard: 0 },
    riskByLevel: { red: 0, orange: 0, yellow: 0, blue: 0 },
    teamPeople: 12 * teams,
    shelterCapacity: 0,
    shelterAreaM2: 0,
    demo: 0,
  };
}

export function sources(activeId: string | null = null): MapSources {
  return {
    sources: [
      {
        type: 'xyz',
        id: 'osm',
        name: 'OSM',
        crs: 'wgs84',
        minZoom: 0,
        maxZoom: 18,
        attribution: '',
        url: 'https://tile.example/{z}/{x}/{y}.png',
        subdomains: '',
        key: '',
      },
    ],
    activeId,
    mbtiles: [],
    tilesDir: '/data/tiles',
  };
}

export function cameras(...ids: string[]): CamerasState {
  const camera = (id: string): CameraSource => ({
    id,
    name: id,
    kind: 'hls',
    url: `/media/${id}.m3u8`,
    street: null,
    position: { lat: 23.13, lng: 113.27 },
    watches: null,
    enabled: true,
  });
  return { sources: ids.map(camera), tours: [], activeTourId: null };
}

/** A duty-log report; `id` is the part after "rep_". */
export function report(id: string, status: Report['status'] = 'new'): Report {
  return dutyReport(`rep_${id}`, 1000, { status });
}

/** A plan response with no actions; `id` is the part after "rsp_". */
export function response(id: string, status: Response['status'] = 'active'): Response {
  const closed = status === 'closed';
  return planResponse(`rsp_${id}`, 1000, [], { status, closedAt: closed ? 2000 : null, closedBy: closed ? person : null });
}

export const openCounts = { new: 1, verifying: 0, handling: 0 };
