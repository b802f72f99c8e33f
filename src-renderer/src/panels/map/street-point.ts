// Where a street's name is drawn on the embedded basemap (an approximate point, not a boundary).
import type { StreetName } from '@contract/yuexiu';
import { streetLabels } from './basemap';

export function streetPoint(name: StreetName): { lat: number; lng: number } {
  const s = streetLabels().find((l) => l.name === name)!;
  return { lat: s.lat, lng: s.lng };
}
