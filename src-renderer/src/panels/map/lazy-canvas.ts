// A canvas that is not redrawn while the map pans within what it already holds. Leaflet's
// renderers lay their canvas out afresh on every moveend (a new bitmap the size of the map plus
// its padding, and every path drawn again): on a wall map of 1,900 × 800 px with 0.3 padding that
// is a 3,000 × 1,300 px bitmap reallocated and redrawn for each step of a pan, which held the
// 4K wall's pan at a third of a bare page's frame rate. The canvas moves with the map pane anyway;
// it only needs redrawing when the view leaves the padded area it covers, the zoom changes or the
// map changes size. A reset of the view (viewreset, a new pixel origin) still redraws as before.
import L from 'leaflet';

interface RendererState {
  _map: L.Map | undefined;
  _bounds: L.Bounds | undefined;
  _zoom: number | undefined;
  /** The map's size at the last full layout (our own field). */
  _laidOutSize?: L.Point;
  _update(): void;
}

/** The last layout still covers the whole view, at the same zoom and map size: nothing to redraw. */
export function stillCovers(r: RendererState): boolean {
  const map = r._map;
  if (!map || !r._bounds || r._zoom !== map.getZoom() || !r._laidOutSize) return false;
  if ((map as L.Map & { _animatingZoom?: boolean })._animatingZoom) return false;
  const size = map.getSize();
  if (!size.equals(r._laidOutSize)) return false;
  const topLeft = map.containerPointToLayerPoint([0, 0]);
  const bottomRight = map.containerPointToLayerPoint(size);
  return r._bounds.contains(topLeft) && r._bounds.contains(bottomRight);
}

/**
 * Members to mix into a renderer class (Leaflet's `extend`): moveend lays the canvas out only
 * when the view has left it; `_update` (a reset, a zoom, a resize) works as the base class's.
 */
export function lazyMoveEnd(base: { prototype: object }): object {
  const proto = base.prototype as { getEvents(): Record<string, unknown>; _update(): void };
  return {
    getEvents(this: RendererState) {
      const events = proto.getEvents.call(this);
      events.moveend = (this as unknown as { _moveEndLazily(): void })._moveEndLazily;
      return events;
    },
    _moveEndLazily(this: RendererState) {
      if (!stillCovers(this)) this._update();
    },
    _update(this: RendererState) {
      proto._update.call(this);
      if (this._map) this._laidOutSize = this._map.getSize();
    },
  };
}

/** Leaflet's canvas renderer with the lazy moveend. */
export const LazyCanvas = (L.Canvas as unknown as { extend(p: object): new (o?: L.RendererOptions) => L.Canvas }).extend(lazyMoveEnd(L.Canvas));
