// Hosts the Leaflet map in a div and keeps it in step with the panel's props.
import { useEffect, useRef } from 'react';
import type { TileSource } from '@contract/map';
import { useLanguage } from '../../i18n/use-t';
import type { Feature } from './features';
import { onMapFocus } from './fly-to';
import type { LayerId } from './layers';
import { MapController } from './leaflet-map';
import { markOnce } from '../../shared/startup-marks';
import { useCommands } from '../../state/context';
import { mapSlice } from '../../state/map/map-slice';

interface Props {
  features: readonly Feature[];
  visible: ReadonlySet<LayerId>;
  basemap: TileSource | null;
  selected: string | null;
  onSelect(key: string | null): void;
  /** The console's map: zoom buttons, attribution, pointer. The wall's has none. */
  controls: boolean;
}

export function LeafletView({ features, visible, basemap, selected, onSelect, controls }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const ctl = useRef<MapController | null>(null);
  const select = useRef(onSelect);
  select.current = onSelect;
  const drawn = useRef(features);
  drawn.current = features;
  const language = useLanguage();
  const { getTile } = useCommands(mapSlice);

  useEffect(() => {
    const c = new MapController(el.current!, { fetchTile: getTile, onSelect: (k) => select.current(k), language, controls });
    ctl.current = c;
    // Tests and the bench find a feature's pixel through the element, never through a global.
    Object.defineProperty(el.current!, 'cwMap', {
      value: { pointOf: (k: string) => c.pointOf(k), visibleCount: () => c.visibleCount(), clusters: () => c.clusterSummary(), map: c.map },
      configurable: true,
    });
    // Once the legend beside it is laid out: the district fills the rest of the cell.
    const fit = requestAnimationFrame(() => {
      const legend = el.current?.parentElement?.querySelector('.map-legend');
      c.fitDistrict(legend ? legend.getBoundingClientRect().width + 12 : 4);
    });
    const off = onMapFocus((f) => {
      const at = f.lat !== undefined ? f : drawn.current.find((x) => x.key === f.key);
      if (!at) return;
      c.flyTo(at.lat, at.lng, f.zoom);
      if (f.key) select.current(f.key);
    });
    return () => {
      cancelAnimationFrame(fit);
      off();
      c.destroy();
      ctl.current = null;
    };
    // The map is made once per language (its labels are in it; getTile is the slice's, made once
    // per page) and kind of page (controls); props flow in below.
  }, [language, getTile, controls]);

  useEffect(() => ctl.current?.setVisible(visible), [visible, language]);
  useEffect(() => ctl.current?.setBasemap(basemap), [basemap, language]);
  useEffect(() => {
    ctl.current?.setFeatures(features);
    if (features.length > 0) markOnce('cw.map.drawn');
  }, [features, language]);
  useEffect(() => ctl.current?.select(selected), [selected, features, language]);

  return <div ref={el} className="map-leaflet" data-testid="map-leaflet" data-controls={controls} />;
}
