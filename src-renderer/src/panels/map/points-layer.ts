// Every map feature on one canvas, drawn in a few batched paths: no Leaflet object per feature.
// It rides on Leaflet's renderer base (L.Renderer), so the canvas pans with the map as one image,
// follows zoom animations, and redraws once when a move ends: 5,000 points cost a few
// milliseconds to draw and nothing to pan. Clicks find the nearest point under the cursor.
import L from 'leaflet';
import { lazyMoveEnd } from './lazy-canvas';

export interface Point {
  key: string;
  lat: number;
  lng: number;
  colour: string;
  radius: number;
  ring: boolean;
  /** Layer id: hidden layers are skipped when drawing and hit-testing. */
  layer: string;
}

interface Batch {
  colour: string;
  radius: number;
  ring: boolean;
  indices: number[];
}

/** Extra pixels around a point that still count as a click on it (wall touch screens). */
const HIT_SLOP = 3;

interface RendererInternals {
  _map: L.Map & { _animatingZoom?: boolean };
  _bounds: L.Bounds;
  _container: HTMLCanvasElement;
  _update(): void;
}

export interface PointsLayer extends L.Layer {
  setPoints(points: readonly Point[], order: readonly string[]): void;
  setHidden(hidden: ReadonlySet<string>): void;
  setSelected(key: string | null): void;
  /** The key of the visible point under a container point, if any. */
  hit(p: L.Point): string | null;
  /** A visible point's position in container pixels. */
  pointOf(key: string): L.Point | null;
  /** Points drawn (in visible layers). */
  visibleCount(): number;
}

/** Leaflet's renderer base, laid out again on a pan only when the view leaves it (lazy-canvas.ts). */
const Base = (L.Renderer as unknown as { extend(p: object): new (o?: L.RendererOptions) => L.Renderer & RendererInternals }).extend(lazyMoveEnd(L.Renderer));

export const PointsLayerImpl = (Base as unknown as { extend(p: object): new (o?: L.RendererOptions) => PointsLayer }).extend({
  initialize(this: Record<string, unknown>, options?: L.RendererOptions) {
    (Base.prototype as unknown as { initialize(o?: object): void }).initialize.apply(this, [options]);
    this._points = [] as Point[];
    this._batches = [] as Batch[];
    this._hidden = new Set<string>();
    this._selected = null;
    this._projZoom = NaN;
    this._frame = 0;
    this._xs = new Float64Array(0);
    this._ys = new Float64Array(0);
  },

  _initContainer(this: RendererInternals & { _ctx: CanvasRenderingContext2D }) {
    this._container = document.createElement('canvas');
    this._container.style.pointerEvents = 'none';
    this._ctx = this._container.getContext('2d')!;
  },

  _destroyContainer(this: RendererInternals & { _frame: number }) {
    if (this._frame) L.Util.cancelAnimFrame(this._frame);
    this._frame = 0;
    L.DomUtil.remove(this._container);
  },

  _update(this: RendererInternals & { _ctx: CanvasRenderingContext2D; _draw(): void }) {
    if (this._map._animatingZoom && this._bounds) return;
    (Base.prototype as unknown as RendererInternals)._update.apply(this);
    const b = this._bounds;
    const size = b.getSize();
    const m = L.Browser.retina ? 2 : 1;
    L.DomUtil.setPosition(this._container, b.min!);
    this._container.width = m * size.x;
    this._container.height = m * size.y;
    this._container.style.width = `${size.x}px`;
    this._container.style.height = `${size.y}px`;
    if (m !== 1) this._ctx.scale(m, m);
    this._ctx.translate(-b.min!.x, -b.min!.y);
    this._draw();
  },

  setPoints(this: Record<string, unknown> & { _drawSoon(): void }, points: readonly Point[], order: readonly string[]) {
    this._points = points;
    // One batch per style, in layer order, so severe risks draw above the rest of their layer.
    const byStyle = new Map<string, Batch>();
    const rankOf = new Map(order.map((l, i) => [l, i]));
    const rank = points.map((p) => rankOf.get(p.layer) ?? order.length);
    const sorted = points.map((_p, i) => i).sort((a, b) => rank[a] - rank[b] || points[a].radius - points[b].radius);
    const batches: Batch[] = [];
    for (const i of sorted) {
      const p = points[i];
      const k = `${p.layer}|${p.colour}|${p.radius}|${p.ring}`;
      let batch = byStyle.get(k);
      if (!batch) {
        batch = { colour: p.colour, radius: p.radius, ring: p.ring, indices: [] };
        byStyle.set(k, batch);
        batches.push(batch);
      }
      batch.indices.push(i);
    }
    this._batches = batches;
    this._projZoom = NaN;
    this._drawSoon();
  },

  setHidden(this: Record<string, unknown> & { _drawSoon(): void }, hidden: ReadonlySet<string>) {
    this._hidden = new Set(hidden);
    this._drawSoon();
  },

  setSelected(this: Record<string, unknown> & { _drawSoon(): void }, key: string | null) {
    this._selected = key;
    this._drawSoon();
  },

  /** Points, hidden layers and the selection usually change together (one React commit runs
   *  all three effects): draw once, before the next frame is painted, not once per change. */
  _drawSoon(this: { _map?: L.Map; _frame: number; _draw(): void }) {
    if (!this._map || this._frame) return;
    this._frame = L.Util.requestAnimFrame(() => {
      this._frame = 0;
      this._draw();
    });
  },

  /** Absolute pixel coordinates at the current zoom, computed once per zoom and data change. */
  _project(this: { _map: L.Map; _points: Point[]; _projZoom: number; _xs: Float64Array; _ys: Float64Array }) {
    const z = this._map.getZoom();
    if (z === this._projZoom && this._xs.length === this._points.length) return;
    const n = this._points.length;
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const p = this._map.project([this._points[i].lat, this._points[i].lng], z);
      xs[i] = p.x;
      ys[i] = p.y;
    }
    this._xs = xs;
    this._ys = ys;
    this._projZoom = z;
  },

  _draw(
    this: RendererInternals & {
      _frame: number;
      _ctx: CanvasRenderingContext2D;
      _project(): void;
      _points: Point[];
      _batches: Batch[];
      _hidden: Set<string>;
      _selected: string | null;
      _xs: Float64Array;
      _ys: Float64Array;
    },
  ) {
    if (this._frame) {
      L.Util.cancelAnimFrame(this._frame);
      this._frame = 0;
    }
    if (!this._map || !this._bounds) return;
    this._project();
    const ctx = this._ctx;
    const b = this._bounds;
    const origin = this._map.getPixelOrigin();
    ctx.clearRect(b.min!.x, b.min!.y, b.max!.x - b.min!.x, b.max!.y - b.min!.y);
    const ox = origin.x;
    const oy = origin.y;
    let drawn = 0;
    for (const batch of this._batches) {
      if (batch.indices.length === 0 || this._hidden.has(this._points[batch.indices[0]].layer)) continue;
      const r = batch.radius;
      ctx.beginPath();
      for (const i of batch.indices) {
        const x = this._xs[i] - ox;
        const y = this._ys[i] - oy;
        if (x < b.min!.x - r || x > b.max!.x + r || y < b.min!.y - r || y > b.max!.y + r) continue;
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, Math.PI * 2);
        drawn++;
      }
      if (batch.ring) {
        ctx.lineWidth = 3;
        ctx.strokeStyle = batch.colour;
        ctx.stroke();
      } else {
        ctx.fillStyle = batch.colour;
        ctx.fill();
        ctx.lineWidth = 1;
        ctx.strokeStyle = '#06101c';
        ctx.stroke();
      }
    }
    const s = this._selected === null ? -1 : this._points.findIndex((p) => p.key === this._selected);
    if (s >= 0 && !this._hidden.has(this._points[s].layer)) {
      ctx.beginPath();
      ctx.arc(this._xs[s] - ox, this._ys[s] - oy, this._points[s].radius + 6, 0, Math.PI * 2);
      ctx.lineWidth = 3;
      ctx.strokeStyle = '#ffffff';
      ctx.stroke();
      drawn++;
    }
    // An empty canvas is taken out of the page. The browser copies a canvas's whole bitmap each
    // time the page's layers are rebuilt (a cell's data arriving, a camera starting): 35–50 ms for
    // a 4K wall map's 2288 × 992 px, for nothing when no incident is on it.
    const display = drawn === 0 ? 'none' : '';
    if (this._container.style.display !== display) this._container.style.display = display;
  },

  hit(this: { _map: L.Map; _project(): void; _points: Point[]; _hidden: Set<string>; _xs: Float64Array; _ys: Float64Array }, cp: L.Point): string | null {
    this._project();
    const abs = this._map.containerPointToLayerPoint(cp).add(this._map.getPixelOrigin());
    let best: string | null = null;
    let bestD = Infinity;
    // Later points draw on top: on a tie the last one wins, as the eye sees it.
    for (let i = 0; i < this._points.length; i++) {
      const p = this._points[i];
      if (this._hidden.has(p.layer)) continue;
      const d = Math.hypot(this._xs[i] - abs.x, this._ys[i] - abs.y);
      if (d <= p.radius + HIT_SLOP && d <= bestD) {
        best = p.key;
        bestD = d;
      }
    }
    return best;
  },

  pointOf(this: { _map: L.Map; _project(): void; _points: Point[]; _hidden: Set<string>; _xs: Float64Array; _ys: Float64Array }, key: string): L.Point | null {
    const i = this._points.findIndex((p) => p.key === key);
    if (i < 0 || this._hidden.has(this._points[i].layer)) return null;
    this._project();
    const layerPoint = L.point(this._xs[i], this._ys[i]).subtract(this._map.getPixelOrigin());
    return this._map.layerPointToContainerPoint(layerPoint);
  },

  visibleCount(this: { _points: Point[]; _hidden: Set<string> }): number {
    let n = 0;
    for (const p of this._points) if (!this._hidden.has(p.layer)) n++;
    return n;
  },
});
