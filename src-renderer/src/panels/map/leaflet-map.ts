// The Leaflet side of the map panel, kept out of React: the embedded outline, the operator's
// tile source, and every marker on one canvas (5,000 features pan smoothly: a canvas moves as
// one image and redraws once when the move ends). Markers are diffed by key, so a live change
// to one object redraws one marker rather than rebuilding thousands.
import gcoord from 'gcoord';
import L from 'leaflet';
import type { ApiClient } from '../../../../src-main/core/contract/api';
import type { TileSource } from '../../../../src-main/core/contract/map';
import { DISTRICT_NAMES_EN, districtFeatures, streetLabels, YUEXIU_BOUNDS } from './basemap';
import type { Feature } from './features';
import type { LayerId } from './layers';
import { tileLayerFor } from './tile-layer';

/** Street labels appear from this zoom on; district names below it. */
const LABEL_ZOOM = 13;

interface Drawn {
  marker: L.CircleMarker;
  sig: string;
  feature: Feature;
}

export interface MapControllerOptions {
  client: ApiClient;
  onSelect(key: string | null): void;
  language: 'zh-CN' | 'en';
}

const signature = (f: Feature): string => `${f.layer}|${f.lat}|${f.lng}|${f.colour}|${f.radius}|${f.ring}|${f.name}`;

export class MapController {
  readonly map: L.Map;
  private readonly renderer: L.Canvas;
  private readonly groups = new Map<LayerId, L.FeatureGroup>();
  private readonly drawn = new Map<string, Drawn>();
  private outline: L.GeoJSON | null = null;
  private streetNames: L.LayerGroup | null = null;
  private districtNames: L.LayerGroup | null = null;
  private tiles: L.Layer | null = null;
  private gcj = false;
  private selection: L.CircleMarker | null = null;
  private selectedKey: string | null = null;
  private visible = new Set<LayerId>();
  private readonly resize: ResizeObserver;

  constructor(
    private readonly el: HTMLElement,
    private readonly opts: MapControllerOptions,
  ) {
    this.renderer = L.canvas({ padding: 0.3 });
    this.map = L.map(el, { preferCanvas: true, renderer: this.renderer, zoomControl: false, attributionControl: true, minZoom: 9, maxZoom: 19, zoomSnap: 0.25 });
    this.map.attributionControl.setPrefix(false);
    L.control.zoom({ position: 'bottomright' }).addTo(this.map);
    this.map.fitBounds(YUEXIU_BOUNDS, { padding: [8, 8] });
    this.map.on('zoomend', () => this.updateLabels());
    this.map.on('click', () => this.opts.onSelect(null));
    this.drawOutline();
    this.resize = new ResizeObserver(() => this.map.invalidateSize({ pan: false }));
    this.resize.observe(el);
  }

  /** WGS84 to what the basemap uses: GCJ-02 tiles need every overlay shifted (the data is not). */
  private toMap(lat: number, lng: number): L.LatLng {
    if (!this.gcj) return L.latLng(lat, lng);
    const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    return L.latLng(y, x);
  }

  setBasemap(source: TileSource | null): void {
    if (this.tiles) this.map.removeLayer(this.tiles);
    this.tiles = source ? tileLayerFor(source, this.opts.client) : null;
    if (this.tiles) this.tiles.addTo(this.map);
    this.el.dataset.basemap = source ? source.type : 'outline';
    const gcj = source?.crs === 'gcj02';
    if (gcj !== this.gcj) {
      this.gcj = gcj;
      // Everything drawn must move with the datum: outline, labels, markers.
      this.drawOutline();
      const features = [...this.drawn.values()].map((d) => d.feature);
      this.clearMarkers();
      this.setFeatures(features);
    }
  }

  private drawOutline(): void {
    this.outline?.remove();
    this.streetNames?.remove();
    this.districtNames?.remove();
    this.outline = L.geoJSON(districtFeatures() as unknown as GeoJSON.FeatureCollection, {
      renderer: this.renderer,
      interactive: false,
      coordsToLatLng: (c: number[]) => this.toMap(c[1], c[0]),
      style: (f) =>
        f?.properties?.highlight
          ? { color: '#58c4ff', weight: 3, fillColor: '#1a4d7a', fillOpacity: 0.35 }
          : { color: '#3b5775', weight: 1, fillColor: '#0f1d2e', fillOpacity: 0.6 },
    } as L.GeoJSONOptions).addTo(this.map);
    this.outline.bringToBack();
    const en = this.opts.language === 'en';
    this.streetNames = L.layerGroup(
      streetLabels().map((s) =>
        L.marker(this.toMap(s.lat, s.lng), { interactive: false, keyboard: false, icon: L.divIcon({ className: 'map-street-label', html: `<span>${escapeHtml(en ? s.nameEn.replace(' Street', '') : s.name)}</span>`, iconSize: [0, 0] }) }),
      ),
    );
    this.districtNames = L.layerGroup(
      districtFeatures().map((d) =>
        L.marker(this.toMap(d.properties.centre[1], d.properties.centre[0]), {
          interactive: false,
          keyboard: false,
          icon: L.divIcon({ className: d.properties.highlight ? 'map-district-label highlight' : 'map-district-label', html: `<span>${escapeHtml(en ? (DISTRICT_NAMES_EN[d.properties.name] ?? d.properties.name) : d.properties.name)}</span>`, iconSize: [0, 0] }),
        }),
      ),
    );
    this.updateLabels();
  }

  private updateLabels(): void {
    const streets = this.map.getZoom() >= LABEL_ZOOM;
    if (this.streetNames) (streets ? this.streetNames.addTo(this.map) : this.streetNames.remove());
    if (this.districtNames) (streets ? this.districtNames.remove() : this.districtNames.addTo(this.map));
  }

  private group(layer: LayerId): L.FeatureGroup {
    let g = this.groups.get(layer);
    if (!g) {
      g = L.featureGroup();
      // Markers do not bubble to the map (bubblingMouseEvents: false), so the map's own click,
      // which clears the selection, does not follow this one.
      g.on('click', (e: L.LeafletEvent & { layer?: { featureKey?: string } }) => {
        const key = e.layer?.featureKey;
        if (key) this.opts.onSelect(key);
      });
      this.groups.set(layer, g);
      if (this.visible.has(layer)) g.addTo(this.map);
    }
    return g;
  }

  setFeatures(features: readonly Feature[]): void {
    const keep = new Set<string>();
    for (const f of features) {
      keep.add(f.key);
      const sig = signature(f);
      const old = this.drawn.get(f.key);
      if (old && old.sig === sig) continue;
      if (old) this.group(old.feature.layer).removeLayer(old.marker);
      const marker = L.circleMarker(this.toMap(f.lat, f.lng), {
        renderer: this.renderer,
        radius: f.radius,
        color: f.ring ? f.colour : '#06101c',
        weight: f.ring ? 3 : 1,
        fillColor: f.colour,
        fillOpacity: f.ring ? 0 : 0.95,
        bubblingMouseEvents: false,
      });
      (marker as L.CircleMarker & { featureKey: string }).featureKey = f.key;
      this.group(f.layer).addLayer(marker);
      this.drawn.set(f.key, { marker, sig, feature: f });
    }
    for (const [key, d] of this.drawn) {
      if (keep.has(key)) continue;
      this.group(d.feature.layer).removeLayer(d.marker);
      this.drawn.delete(key);
    }
    this.el.dataset.features = String(this.drawn.size);
    this.select(this.selectedKey);
  }

  private clearMarkers(): void {
    for (const g of this.groups.values()) g.clearLayers();
    this.drawn.clear();
  }

  setVisible(layers: ReadonlySet<LayerId>): void {
    this.visible = new Set(layers);
    for (const [id, g] of this.groups) {
      if (layers.has(id)) g.addTo(this.map);
      else g.remove();
    }
  }

  /** Rings the selected feature (or clears the ring). */
  select(key: string | null): void {
    this.selectedKey = key;
    this.selection?.remove();
    this.selection = null;
    const d = key ? this.drawn.get(key) : undefined;
    if (!d) return;
    this.selection = L.circleMarker(d.marker.getLatLng(), { renderer: this.renderer, radius: d.feature.radius + 6, color: '#ffffff', weight: 3, fill: false, interactive: false }).addTo(this.map);
  }

  flyTo(lat: number, lng: number, zoom?: number): void {
    this.map.flyTo(this.toMap(lat, lng), zoom ?? Math.max(this.map.getZoom(), 15), { duration: 0.8 });
  }

  /** Where a feature is drawn, in container pixels (for tests that click it). */
  pointOf(key: string): { x: number; y: number } | null {
    const d = this.drawn.get(key);
    if (!d) return null;
    const p = this.map.latLngToContainerPoint(d.marker.getLatLng());
    return { x: p.x, y: p.y };
  }

  destroy(): void {
    this.resize.disconnect();
    this.map.remove();
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
