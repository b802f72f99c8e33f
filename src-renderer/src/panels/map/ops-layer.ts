// Open tasks (指令) and teams out (出动队伍) on the map: a large labelled marker each, a DOM plate
// in the marker pane above the clusters and the incident canvas, never clustered (a cluster must
// not hide a task), so there are only as many as there are open tasks with a place and teams out
// (tens, not thousands). A task's plate says its state by the state's colour, shape and word
// (styles/colour-language.ts: never a level colour); a team's by a glyph and a word in the team
// layer's hue, with a dashed line and an arrow from the team to its task's place while it is on
// its way (dispatched). Markers are kept by key and rebuilt only when what they show changes.
import L from 'leaflet';
import { escapeHtml } from './escape-html';
import type { Feature } from './features';
import { TEAM_HUE, type LayerId } from './layers';

interface Drawn {
  signature: string;
  marker: L.Marker;
  layer: LayerId;
  line: L.LayerGroup | null;
}

export interface OpsLayerOptions {
  onSelect(key: string): void;
}

/** Above the clusters (their counts are markers too): tasks on top, then teams. */
const Z: Partial<Record<LayerId, number>> = { task: 20_000, sortie: 10_000 };

export class OpsLayer {
  private readonly lines = L.layerGroup();
  private readonly markers = L.layerGroup();
  private map: L.Map | null = null;
  private drawn = new Map<string, Drawn>();
  private hidden: ReadonlySet<string> = new Set();
  private selected: string | null = null;

  constructor(private readonly opts: OpsLayerOptions) {}

  addTo(map: L.Map): this {
    this.map = map;
    this.lines.addTo(map);
    this.markers.addTo(map);
    return this;
  }

  /** The tasks and teams out (features of the ops layers, already in the basemap's datum). */
  setFeatures(features: readonly Feature[]): void {
    const next = new Map<string, Drawn>();
    for (const f of features) {
      if (!f.mark) continue;
      const signature = JSON.stringify([f.layer, f.lat, f.lng, f.name, f.mark]);
      const old = this.drawn.get(f.key);
      if (old && old.signature === signature) {
        next.set(f.key, old);
        continue;
      }
      if (old) this.drop(old);
      next.set(f.key, this.draw(f, signature));
    }
    for (const [key, d] of this.drawn) if (!next.has(key)) this.drop(d);
    this.drawn = next;
    this.applyHidden();
    this.setSelected(this.selected);
  }

  setHidden(hidden: ReadonlySet<string>): void {
    this.hidden = new Set(hidden);
    this.applyHidden();
  }

  setSelected(key: string | null): void {
    this.selected = key;
    for (const [k, d] of this.drawn) d.marker.getElement()?.classList.toggle('selected', k === key);
  }

  pointOf(key: string): L.Point | null {
    const d = this.drawn.get(key);
    if (!d || !this.map || this.hidden.has(d.layer)) return null;
    return this.map.latLngToContainerPoint(d.marker.getLatLng());
  }

  visibleCount(): number {
    let n = 0;
    for (const d of this.drawn.values()) if (!this.hidden.has(d.layer)) n++;
    return n;
  }

  private draw(f: Feature, signature: string): Drawn {
    const m = f.mark!;
    const marker = L.marker([f.lat, f.lng], {
      keyboard: false,
      bubblingMouseEvents: false,
      zIndexOffset: Z[f.layer] ?? 0,
      icon: L.divIcon({
        className: `map-op map-op-${f.layer} ${m.tone}`,
        iconSize: [0, 0],
        html:
          `<span class="map-op-plate" data-testid="map-op" data-key="${escapeHtml(f.key)}" data-layer="${f.layer}" data-tone="${m.tone}"` +
          `${m.taskId ? ` data-task="${escapeHtml(m.taskId)}"` : ''}>` +
          `<span class="map-op-glyph" aria-hidden="true">${m.glyph}</span>` +
          `<span class="map-op-name">${escapeHtml(f.name)}</span>` +
          `<span class="map-op-word">${escapeHtml(m.word)}</span></span>`,
      }),
    });
    marker.on('click', () => this.opts.onSelect(f.key));
    marker.addTo(this.markers);
    let line: L.LayerGroup | null = null;
    if (m.to && this.map) {
      const from = L.latLng(f.lat, f.lng);
      const to = L.latLng(m.to.lat, m.to.lng);
      // The arrow's heading on screen: Mercator keeps angles, so any zoom gives the same one.
      const a = this.map.project(from, 15);
      const b = this.map.project(to, 15);
      const deg = (Math.atan2(b.y - a.y, b.x - a.x) * 180) / Math.PI;
      const mid = L.latLng((from.lat + to.lat) / 2, (from.lng + to.lng) / 2);
      line = L.layerGroup([
        L.polyline([from, to], { color: TEAM_HUE, weight: 4, opacity: 0.9, dashArray: '14 10', interactive: false }),
        L.marker(mid, {
          interactive: false,
          keyboard: false,
          icon: L.divIcon({
            className: 'map-op-arrow',
            iconSize: [0, 0],
            html: `<span style="transform: translate(-50%, -50%) rotate(${deg.toFixed(1)}deg)" aria-hidden="true">➤</span>`,
          }),
        }),
      ]).addTo(this.lines);
    }
    return { signature, marker, layer: f.layer, line };
  }

  private drop(d: Drawn): void {
    this.markers.removeLayer(d.marker);
    if (d.line) this.lines.removeLayer(d.line);
  }

  private applyHidden(): void {
    for (const d of this.drawn.values()) {
      const hide = this.hidden.has(d.layer);
      if (hide === !this.markers.hasLayer(d.marker)) continue;
      if (hide) {
        this.markers.removeLayer(d.marker);
        if (d.line) this.lines.removeLayer(d.line);
      } else {
        this.markers.addLayer(d.marker);
        if (d.line) this.lines.addLayer(d.line);
      }
    }
  }
}
