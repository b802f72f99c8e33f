// Records as the server sends them (valid by the contract: the fake client drops pushed events
// that are not), for the map slice's tests (and only those).
import type { CameraSource, CamerasState } from '@contract/cameras';
import type { Report } from '@contract/duty';
import type { MapCounts, MapObject, MapSources } from '@contract/map';
import type { Response } from '@contract/plans';

const person = { id: 'per_test0001', name: '周杰', role: 'officer' as const };

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
  return {
    id: `rep_${id}`,
    receivedAt: 1000,
    source: 'street',
    category: 'flood',
    street: '北京街',
    location: '北京路',
    coordinates: null,
    summary: `summary ${id}`,
    severity: 'medium',
    caller: '',
    status,
    recordedBy: person,
    recordedAt: 1000,
    updatedAt: 1000,
    responseIds: [],
    demo: false,
  };
}

/** A plan response; `id` is the part after "rsp_". */
export function response(id: string, status: Response['status'] = 'active'): Response {
  return {
    id: `rsp_${id}`,
    planId: 'pln_test0001',
    planTitle: '越秀区防汛防旱防风防冻应急预案',
    category: 'sanfang',
    level: 'IV',
    status,
    activatedAt: 1000,
    activatedBy: person,
    closedAt: status === 'closed' ? 2000 : null,
    closedBy: status === 'closed' ? person : null,
    summary: '',
    reportIds: [],
    actions: [],
    progress: { total: 0, pending: 0, inProgress: 0, done: 0, na: 0, overdue: 0 },
    asOf: 1000,
    demo: false,
  };
}

export const openCounts = { new: 1, verifying: 0, handling: 0 };
