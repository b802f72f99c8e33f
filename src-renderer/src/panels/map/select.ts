// Finds what a feature key names in the map's data (objects, cameras, reports, responses).
import type { Selected } from './DetailCard';
import type { MapState } from '../../state/map/map-slice';

export function resolveSelection(key: string | null, d: MapState): Selected | null {
  if (!key) return null;
  if (key.startsWith('camera:')) {
    const camera = d.cameras.find((c) => c.id === key.slice(7));
    return camera ? { type: 'camera', camera } : null;
  }
  if (key.startsWith('report:')) {
    const report = d.reports.find((r) => r.id === key.slice(7));
    return report ? { type: 'report', report } : null;
  }
  if (key.startsWith('response:')) {
    const id = key.slice(9).split('@')[0];
    const response = d.responses.find((r) => r.id === id);
    return response ? { type: 'response', response } : null;
  }
  const object = d.objects.find((o) => o.id === key);
  return object ? { type: 'object', object } : null;
}
