// Says what lies under the markers: the embedded outline is an outline, not a street map.
import type { TileSource } from '@contract/map';
import { useT } from '../../i18n/use-t';

export function BasemapNote({ source }: { source: TileSource | null }) {
  const t = useT();
  return (
    <div className="map-basemap-note" data-testid="map-basemap-note" data-basemap={source ? source.id : 'outline'}>
      {source ? t('map.basemapSource', { name: source.name, crs: source.crs === 'gcj02' ? 'GCJ-02' : 'WGS84' }) : t('map.basemapOutline')}
    </div>
  );
}
