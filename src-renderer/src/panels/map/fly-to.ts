// Other panels move the map: a duty-log entry clicked on the wall centres its report, a camera
// tile its camera. Every map cell on the page follows. Import `focusMap` and call it with a
// WGS84 point; give `key` ("report:<id>", "camera:<id>" or a map object's id) to open its card.
export interface MapFocus {
  lat: number;
  lng: number;
  zoom?: number;
  key?: string;
}

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
