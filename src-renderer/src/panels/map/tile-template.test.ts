// The map panel's tile templates.
import { describe, expect, it } from 'vitest';
import { leafletTemplate } from './tile-template';

describe('tile templates', () => {
  it('fills the key and turns WMTS names into Leaflet’s', () => {
    const url = leafletTemplate({
      type: 'wmts',
      id: 't',
      name: 't',
      crs: 'wgs84',
      minZoom: 0,
      maxZoom: 18,
      attribution: '',
      subdomains: '0',
      key: 'a b',
      url: 'http://t{s}.x/wmts?TILEMATRIX={TileMatrix}&TILEROW={TileRow}&TILECOL={TileCol}&tk={key}',
    });
    expect(url).toBe('http://t{s}.x/wmts?TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=a%20b');
  });
});
