// The map objects and cameras, clustered with leaflet.markercluster: at district zoom 5,000 risk
// points are a few dozen counts a leader reads from the back of the hall, each cluster in the
// colour, shape and numeral of the worst risk level inside it (styles/colour-language.ts); a
// cluster without risk points is a neutral ring. A point alone is a dot on the map's canvas
// renderer (no DOM element per point). Loading is chunked (markercluster's chunkedLoading, 25 ms
// slices) so a wall with 5,000 features never blocks its main thread for a long task; the live
// incidents (reports, responses) are not clustered: points-layer.ts draws them above.
import L from 'leaflet';
import 'leaflet.markercluster';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import type { RiskLevel } from '@contract/map';
import { worstLevel } from '../../styles/colour-language';
import { sameMarkers, type Feature } from './features';
import type { LayerId } from './layers';

/** Layers drawn through the clusters; the others (incidents) stay unclustered on the points canvas. */
const CLUSTERED: ReadonlySet<LayerId> = new Set<LayerId>(['risk', 'shelter', 'warehouse', 'team', 'waterlogging', 'geohazard', 'camera']);
export const isClustered = (layer: LayerId): boolean => CLUSTERED.has(layer);

/** Each point's marker knows its feature (the click, the worst level, the layer). */
interface PointOptions extends L.CircleMarkerOptions {
  key: string;
  level: RiskLevel | null;
  layer: LayerId;
}

export interface ClusterLayerOptions {
  renderer: L.Renderer;
  /** The map's letter size in px: a cluster's count is written at it, and the cluster sized round it. */
  letterPx: number;
  onSelect(key: string): void;
  /** Every point of the latest setPoints is in the clusters (n points). */
  onDrawn(n: number): void;
}

/** A slice of loading at most this long, then the page breathes (markercluster's chunkInterval). */
const CHUNK_MS = 25;

export class ClusterLayer {
  private readonly group: L.MarkerClusterGroup;
  private map: L.Map | null = null;
  private all: readonly Feature[] = [];
  private hidden: ReadonlySet<string> = new Set();
  private markers = new Map<string, L.CircleMarker>();
  /** What is in the group now, to skip a rebuild when nothing clustered changed (a new report). */
  private drawn: readonly Feature[] = [];
  private loading = false;
  private pending = false;
  private selected: string | null = null;

  constructor(private readonly opts: ClusterLayerOptions) {
    this.group = L.markerClusterGroup({
      // The wall is read, not played with: no animation (nor its cost), no hover-only coverage.
      animate: false,
      animateAddingMarkers: false,
      showCoverageOnHover: false,
      spiderfyOnMaxZoom: true,
      zoomToBoundsOnClick: true,
      removeOutsideVisibleBounds: true,
      // Streets, not blocks: a point stands alone from street zoom on.
      disableClusteringAtZoom: 17,
      maxClusterRadius: Math.round(Math.max(60, opts.letterPx * 3.2)),
      chunkedLoading: true,
      chunkInterval: CHUNK_MS,
      chunkDelay: 16,
      chunkProgress: (done, total) => {
        if (done === total) this.loaded();
      },
      iconCreateFunction: (cluster) => this.icon(cluster),
    });
    this.group.on('click', (e: L.LeafletEvent) => {
      const layer = (e as L.LeafletEvent & { layer: L.Layer }).layer as L.CircleMarker & { options: PointOptions };
      if (layer.options?.key) this.opts.onSelect(layer.options.key);
    });
  }

  addTo(map: L.Map): this {
    this.map = map;
    this.group.addTo(map);
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
    if (this.selected !== null) this.markers.get(this.selected)?.setStyle({ color: '#06101c', weight: 1 });
    this.selected = key;
    if (key !== null) this.markers.get(key)?.setStyle({ color: '#ffffff', weight: 4 });
  }

  /** Points in the layers shown. */
  visibleCount(): number {
    return this.markers.size;
  }

  /** A point's position in container pixels while it stands alone on the map (null inside a cluster). */
  pointOf(key: string): L.Point | null {
    const m = this.markers.get(key);
    if (!m || !this.map || (this.visibleParent(m) as L.Layer | null) !== m) return null;
    return this.map.latLngToContainerPoint(m.getLatLng());
  }

  /** The clusters drawn now: their counts and worst risk level. */
  summary(): { count: number; level: string | null }[] {
    const out: { count: number; level: string | null }[] = [];
    const seen = new Set<L.Layer>();
    for (const m of this.markers.values()) {
      const p = this.visibleParent(m) as L.Layer | null;
      if (!p || p === m || seen.has(p)) continue;
      seen.add(p);
      const c = p as L.MarkerCluster;
      out.push({ count: c.getChildCount(), level: levelOf(c) });
    }
    return out;
  }

  /** The point itself when it stands alone, else the cluster drawn for it (the types know only markers). */
  private visibleParent(m: L.CircleMarker): L.Marker | null {
    return this.group.getVisibleParent(m as unknown as L.Marker);
  }

  private rebuild(): void {
    const shown = this.hidden.size === 0 ? this.all : this.all.filter((f) => !this.hidden.has(f.layer));
    if (sameMarkers(shown, this.drawn)) {
      if (!this.loading) this.opts.onDrawn(this.markers.size);
      return;
    }
    // One load at a time: markercluster cannot stop a chunked load half way, so a change that
    // comes during one waits for it and is applied after.
    if (this.loading) {
      this.pending = true;
      return;
    }
    this.drawn = shown;
    this.group.clearLayers();
    this.markers = new Map();
    const layers: L.CircleMarker[] = [];
    for (const f of shown) {
      const options: PointOptions = {
        renderer: this.opts.renderer,
        radius: f.radius,
        color: '#06101c',
        weight: 1,
        fillColor: f.colour,
        fillOpacity: 0.95,
        // The click is the point's: the map's own click (which would clear the selection) does not follow.
        bubblingMouseEvents: false,
        key: f.key,
        level: f.level ?? null,
        layer: f.layer,
      };
      const m = L.circleMarker([f.lat, f.lng], options);
      this.markers.set(f.key, m);
      layers.push(m);
    }
    if (layers.length === 0) {
      this.opts.onDrawn(0);
      return;
    }
    this.loading = true;
    this.group.addLayers(layers, true);
  }

  private loaded(): void {
    this.loading = false;
    if (this.selected !== null) this.setSelected(this.selected);
    if (this.pending) {
      this.pending = false;
      this.rebuild();
      return;
    }
    this.opts.onDrawn(this.markers.size);
  }

  private icon(cluster: L.MarkerCluster): L.DivIcon {
    const n = cluster.getChildCount();
    const level = levelOf(cluster);
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

function levelOf(cluster: L.MarkerCluster): RiskLevel | null {
  return worstLevel(cluster.getAllChildMarkers().map((m) => (m.options as unknown as PointOptions).level)) as RiskLevel | null;
}
