// The embedded basemap: Guangzhou's district outlines (Yuexiu highlighted) and approximate label
// points for Yuexiu's 18 streets, both shipped in resources/map and bundled into the page, so
// the map works with no network at all. An outline of about 100 m precision, not a street map.
import districtsText from '../../../../resources/map/guangzhou-districts.geojson?raw';
import labelsText from '../../../../resources/map/yuexiu-street-labels.geojson?raw';

export interface DistrictFeature {
  type: 'Feature';
  id: string;
  properties: { adcode: string; name: string; centre: [number, number]; highlight: boolean };
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: number[][][] | number[][][][] };
}

export interface StreetLabel {
  name: string;
  nameEn: string;
  lng: number;
  lat: number;
}

let districts: DistrictFeature[] | null = null;
let labels: StreetLabel[] | null = null;

export function districtFeatures(): DistrictFeature[] {
  districts ??= (JSON.parse(districtsText) as { features: DistrictFeature[] }).features;
  return districts;
}

export function streetLabels(): StreetLabel[] {
  labels ??= (
    JSON.parse(labelsText) as { features: { properties: { name: string; nameEn: string }; geometry: { coordinates: [number, number] } }[] }
  ).features.map((f) => ({
    name: f.properties.name,
    nameEn: f.properties.nameEn,
    lng: f.geometry.coordinates[0],
    lat: f.geometry.coordinates[1],
  }));
  return labels;
}

/** English names of Guangzhou's districts (the outline file carries the Chinese ones). */
export const DISTRICT_NAMES_EN: Record<string, string> = {
  荔湾区: 'Liwan',
  越秀区: 'Yuexiu',
  海珠区: 'Haizhu',
  天河区: 'Tianhe',
  番禺区: 'Panyu',
  黄埔区: 'Huangpu',
  白云区: 'Baiyun',
  南沙区: 'Nansha',
  花都区: 'Huadu',
  从化区: 'Conghua',
  增城区: 'Zengcheng',
};

/** Yuexiu's extent (WGS84), for the first view. */
export const YUEXIU_BOUNDS: [[number, number], [number, number]] = [
  [23.108, 113.236],
  [23.172, 113.318],
];
