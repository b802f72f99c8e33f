// Other panels move the map: a duty-log entry clicked on the wall centres its report, a camera
// tile's name its camera. Every map cell on the page follows. Import `focusMap` (this file is
// tiny: no Leaflet comes with it) and call it with a WGS84 point, a feature's key ("report:<id>",
// "camera:<id>" or a map object's id), or both; a key opens that feature's card. Given only a
// key, the map finds the place itself (a report taken without coordinates is drawn at its
// street), and does nothing if it does not draw that feature.
export type MapFocus = { lat: number; lng: number; zoom?: number; key?: string } | { key: string; zoom?: number; lat?: undefined; lng?: undefined };

type Listener = (f: MapFocus) => void;
const listeners = new Set<Listener>();

export function focusMap(f: MapFocus): void {
  for (const l of [...listeners]) l(f);
}

export function onMapFocus(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
