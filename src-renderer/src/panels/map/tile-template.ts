// An operator's URL template as Leaflet reads it: the key filled in, WMTS names as {z}/{x}/{y}.
import type { TileSource } from '@contract/map';

/** The template with the key filled in and WMTS names turned into Leaflet's {z}/{x}/{y}. */
export function leafletTemplate(source: Extract<TileSource, { url: string }>): string {
  return source.url
    .replaceAll('{key}', encodeURIComponent(source.key))
    .replaceAll('{tk}', encodeURIComponent(source.key))
    .replaceAll('{TileMatrix}', '{z}')
    .replaceAll('{TileRow}', '{y}')
    .replaceAll('{TileCol}', '{x}');
}
