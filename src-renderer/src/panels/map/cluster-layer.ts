// The map objects and cameras, clustered with supercluster (Mapbox's KD-tree clustering): at
// district zoom 5,000 risk points are a few dozen counts a leader reads from the back of the hall,
// each cluster in the colour, shape and numeral of the worst risk level inside it
// (styles/colour-language.ts); a cluster without risk points is a neutral ring. A point alone is a
// dot on the map's canvas renderer (no DOM element per point). The index of every zoom is built in
// one pass (5,000 points in a few milliseconds, 50,000 in about a hundred), and only what lies in
// and around the view is drawn: a pan within that area draws nothing new, a zoom or a pan beyond
// it draws the clusters of the new view, keeping every marker that is still there. The live
// incidents (reports, responses) are not clustered: points-layer.ts draws them above.
import L from 'leaflet';
import Supercluster from 'supercluster';
import type { RiskLevel } from '@contract/map';
import { worstLevel } from '../../styles/colour-language';
import { sameMarkers, type Feature } from './features';
import type { LayerId } from './layers';

/** Layers drawn through the clusters; the others (incidents) stay unclustered on the points canvas. */
const CLUSTERED: ReadonlySet<LayerId> = new Set<LayerId>(['risk', 'shelter', 'warehouse', 'team', 'waterlogging', 'geohazard', 'camera']);
export const isClustered = (layer: LayerId): boolean => CLUSTERED.has(layer);

export interface ClusterLayerOptions {
  renderer: L.Renderer;
  /** The map's letter size in px: a cluster's count is written at it, and the cluster sized round it. */
  letterPx: number;
  onSelect(key: string): void;
  /** Every point of the latest setPoints is in the clusters (n points). */
  onDrawn(n: number): void;
}

/** Clustering stops here: from street zoom (17) on, a point stands alone. */
const LAST_CLUSTERED_ZOOM = 16;
/** The map's least zoom (leaflet-map.ts): no index is built for zooms the map never shows. */
const FIRST_ZOOM = 9;
/** Drawn around the view, in view sizes: a pan that stays within it draws nothing. */
const DRAWN_MARGIN = 0.5;

interface PointProps {
  /** Index into the features shown. */
  i: number;
}
interface ClusterProps {
  /** The worst risk level among the cluster's points (null: none is a risk point). */
  worst: RiskLevel | null;
}

interface DrawnCluster {
  marker: L.Marker;
  count: number;
  level: RiskLevel | null;
}

export class ClusterLayer {
  /** What is drawn now: cluster markers and lone points. */
  private readonly group = L.layerGroup();
  private map: L.Map | null = null;
  private all: readonly Feature[] = [];
  private hidden: ReadonlySet<string> = new Set();
  /** The features in the index (the shown layers of the latest setPoints). */
  private shown: readonly Feature[] = [];
  private index: Supercluster<PointProps, ClusterProps> | null = null;
  /** Clusters drawn, by supercluster's id (stable for one index and zoom). */
  private clusters = new Map<number, DrawnCluster>();
  /** Lone points drawn, by feature key. */
  private singles = new Map<string, L.CircleMarker>();
  /** The area drawn (view plus margin) and its zoom: a move inside it draws nothing. */
  private drawnArea: { bounds: L.LatLngBounds; zoom: number } | null = null;
  private selected: string | null = null;
  private readonly onMoveEnd = (): void => this.draw(false);

  constructor(private readonly opts: ClusterLayerOptions) {}

  addTo(map: L.Map): this {
    this.map = map;
    this.group.addTo(map);
    map.on('moveend zoomend resize', this.onMoveEnd);
    this.draw(true);
    return this;
  }

  setPoints(features: readonly Feature[]): void {
    this.all = features;
    this.rebuild();
  }

  setHidden(hidden: ReadonlySet<string>): void {
    this.hidden = new Set(hidden);
    this.rebuild();
  }

  setSelected(key: string | null): void {
    if (this.selected !== null) this.singles.get(this.selected)?.setStyle({ color: '#06101c', weight: 1 });
    this.selected = key;
    if (key !== null) this.singles.get(key)?.setStyle({ color: '#ffffff', weight: 4 });
  }

  /** Points in the layers shown. */
  visibleCount(): number {
    return this.shown.length;
  }

  /** A point's position in container pixels while it stands alone on the map (null inside a cluster). */
  pointOf(key: string): L.Point | null {
    const m = this.singles.get(key);
    if (!m || !this.map) return null;
    return this.map.latLngToContainerPoint(m.getLatLng());
  }

  /** The clusters drawn now: their counts and worst risk level. */
  summary(): { count: number; level: string | null }[] {
    return [...this.clusters.values()].map((c) => ({ count: c.count, level: c.level }));
  }

  private rebuild(): void {
    const shown = this.hidden.size === 0 ? this.all : this.all.filter((f) => !this.hidden.has(f.layer));
    if (sameMarkers(shown, this.shown) && this.index) {
      this.opts.onDrawn(shown.length);
      return;
    }
    this.shown = shown;
    const index = new Supercluster<PointProps, ClusterProps>({
      minZoom: FIRST_ZOOM,
      maxZoom: LAST_CLUSTERED_ZOOM,
      // Radius in screen pixels: supercluster measures it against a tile's extent, Leaflet's tiles are 256 px.
      extent: 256,
      radius: Math.round(Math.max(60, this.opts.letterPx * 3.2)),
      map: (p) => ({ worst: shown[p.i].level ?? null }),
      reduce: (acc, p) => {
        acc.worst = worstLevel([acc.worst, p.worst]);
      },
    });
    index.load(shown.map((f, i) => ({ type: 'Feature', properties: { i }, geometry: { type: 'Point', coordinates: [f.lng, f.lat] } })));
    this.index = index;
    // A new index numbers its clusters afresh: nothing drawn can be kept.
    this.group.clearLayers();
    this.clusters = new Map();
    this.singles = new Map();
    this.draw(true);
    this.opts.onDrawn(shown.length);
  }

  /** Draws the clusters and points of the view and around it (again only when the view left the area drawn). */
  private draw(force: boolean): void {
    const map = this.map;
    const index = this.index;
    if (!map || !index) return;
    const size = map.getSize();
    if (size.x === 0 || size.y === 0) return;
    const zoom = Math.max(FIRST_ZOOM, Math.round(map.getZoom()));
    const view = map.getBounds();
    if (!force && this.drawnArea && this.drawnArea.zoom === zoom && this.drawnArea.bounds.contains(view)) return;
    const area = view.pad(DRAWN_MARGIN);
    this.drawnArea = { bounds: area, zoom };
    const found = index.getClusters([area.getWest(), area.getSouth(), area.getEast(), area.getNorth()], zoom);
    const clusters = new Map<number, DrawnCluster>();
    const singles = new Map<string, L.CircleMarker>();
    for (const c of found) {
      const [lng, lat] = c.geometry.coordinates;
      const p = c.properties;
      if ('cluster' in p && p.cluster) {
        const id = p.cluster_id;
        const drawn = this.clusters.get(id) ?? this.clusterMarker(id, lat, lng, p.point_count, p.worst);
        clusters.set(id, drawn);
      } else {
        const f = this.shown[(p as PointProps).i];
        singles.set(f.key, this.singles.get(f.key) ?? this.pointMarker(f));
      }
    }
    for (const [id, c] of this.clusters) if (!clusters.has(id)) this.group.removeLayer(c.marker);
    for (const [key, m] of this.singles) if (!singles.has(key)) this.group.removeLayer(m);
    this.clusters = clusters;
    this.singles = singles;
  }

  private clusterMarker(id: number, lat: number, lng: number, count: number, level: RiskLevel | null): DrawnCluster {
    const marker = L.marker([lat, lng], { icon: this.icon(count, level), keyboard: false });
    // A cluster opens where its points part (supercluster's expansion zoom), as markercluster's did.
    marker.on('click', () => {
      if (!this.map || !this.index) return;
      this.map.setView([lat, lng], Math.min(this.index.getClusterExpansionZoom(id), LAST_CLUSTERED_ZOOM + 1));
    });
    marker.addTo(this.group);
    return { marker, count, level };
  }

  private pointMarker(f: Feature): L.CircleMarker {
    const selected = f.key === this.selected;
    const m = L.circleMarker([f.lat, f.lng], {
      renderer: this.opts.renderer,
      radius: f.radius,
      color: selected ? '#ffffff' : '#06101c',
      weight: selected ? 4 : 1,
      fillColor: f.colour,
      fillOpacity: 0.95,
      // The click is the point's: the map's own click (which would clear the selection) does not follow.
      bubblingMouseEvents: false,
    });
    m.on('click', () => this.opts.onSelect(f.key));
    m.addTo(this.group);
    return m;
  }

  private icon(n: number, level: RiskLevel | null): L.DivIcon {
    const digits = String(n).length;
    // Room for the count at the map's letter size, and a little more the more points it holds.
    const size = Math.round(this.opts.letterPx * (digits <= 2 ? 2.2 : 0.8 * digits + 0.7) * (level === 'red' ? 1.25 : 1));
    return L.divIcon({
      className: `map-cluster map-cluster-${level ?? 'none'}`,
      html: `<span class="map-cluster-count" data-level="${level ?? 'none'}" data-count="${n}">${n}</span>`,
      iconSize: L.point(size, size),
    });
  }
}
