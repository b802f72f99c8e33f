// A Leaflet layer for an operator's tile source: XYZ and TMS templates, WMTS templates (Web
// Mercator matrix sets), and .mbtiles files whose tiles the core reads and sends (map.getTile,
// fetched through the function the layer is made with: the map slice's getTile command).
import L from 'leaflet';
import type { ParamsOf, ResultOf } from '@contract/api';
import type { TileSource } from '@contract/map';
import { escapeHtml } from './escape-html';
import { leafletTemplate } from './tile-template';

/** Fetches one tile of an .mbtiles source; null where the file has none (or it was refused). */
export type FetchTile = (at: ParamsOf<'map.getTile'>) => Promise<ResultOf<'map.getTile'> | null>;

/** A grid layer whose tiles come from the core over the API (no URL the browser could fetch). */
const MbtilesLayer = L.GridLayer.extend({
  createTile(this: L.GridLayer & { options: { fetchTile: FetchTile; sourceId: string } }, coords: L.Coords, done: L.DoneCallback): HTMLElement {
    const img = document.createElement('img');
    img.alt = '';
    img.setAttribute('role', 'presentation');
    this.options
      .fetchTile({ sourceId: this.options.sourceId, z: coords.z, x: coords.x, y: coords.y })
      .then((t) => {
        if (t) {
          img.onload = () => done(undefined, img);
          img.onerror = () => done(new Error('tile image failed'), img);
          img.src = `data:${t.mediaType};base64,${t.base64}`;
        } else done(undefined, img);
      })
      .catch((err: Error) => done(err, img));
    return img;
  },
});

export function tileLayerFor(source: TileSource, fetchTile: FetchTile): L.Layer {
  // The attribution is the operator's text; Leaflet's attribution box would read it as HTML.
  const common = { minZoom: source.minZoom, maxZoom: 19, maxNativeZoom: source.maxZoom, attribution: escapeHtml(source.attribution) };
  if (source.type === 'mbtiles')
    return new (MbtilesLayer as unknown as new (o: object) => L.GridLayer)({ ...common, fetchTile, sourceId: source.id, tileSize: 256 });
  return L.tileLayer(leafletTemplate(source), {
    ...common,
    subdomains: source.subdomains || 'abc',
    tms: source.type === 'tms',
    // Intranet tile servers rarely send CORS headers; plain <img> tiles need none.
    crossOrigin: false,
  });
}
