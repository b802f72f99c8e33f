// The places stock is held at: the map's warehouse objects (the map owns where they are and what
// they are called) and each street's reserve point. The warehouses are read from the map's table
// by SQL, as records.ts reads the roster's people: read only, never written from here.
import { RefusedError, RpcCode, RpcError } from '../contract/errors';
import { placeKey, placeFromKey, type Place, type PlaceInfo } from '../contract/materials';
import { StreetName } from '../contract/yuexiu';
import type { Reader } from '../shared/records';

interface WarehouseRow {
  id: string;
  name: string;
  street: string | null;
}

/** A street's reserve point, as a place. */
export function streetPlace(street: string): PlaceInfo {
  return { key: `street:${street}`, kind: 'street', id: null, name: `${street}物资储备点`, street, gone: false };
}

function warehousePlace(r: WarehouseRow): PlaceInfo {
  return { key: `warehouse:${r.id}`, kind: 'warehouse', id: r.id, name: r.name, street: r.street, gone: false };
}

/** Every place: the warehouses on the map (by name), then the 18 streets' reserve points. */
export function listPlaces(db: Reader): PlaceInfo[] {
  const warehouses = db.all<WarehouseRow>("SELECT id, name, street FROM map_object WHERE kind = 'warehouse' ORDER BY name, id").map(warehousePlace);
  return [...warehouses, ...StreetName.options.map(streetPlace)];
}

/** Resolves place keys to places, remembering the answers for one read. */
export class PlaceBook {
  private readonly known = new Map<string, PlaceInfo>();
  constructor(private readonly db: Reader) {}

  info(key: string): PlaceInfo {
    let p = this.known.get(key);
    if (!p) {
      p = placeInfo(this.db, key);
      this.known.set(key, p);
    }
    return p;
  }
}

export function placeInfo(db: Reader, key: string): PlaceInfo {
  const place = placeFromKey(key);
  if (place?.kind === 'street') return streetPlace(place.street);
  const id = place?.kind === 'warehouse' ? place.id : key;
  const r = db.get<WarehouseRow>("SELECT id, name, street FROM map_object WHERE id = ? AND kind = 'warehouse'", [id]);
  return r ? warehousePlace(r) : { key, kind: 'warehouse', id, name: `已不在地图上的仓库 (warehouse ${id} is no longer on the map)`, street: null, gone: true };
}

/** The place a movement goes to or is taken from: a warehouse must be on the map. */
export function existingPlace(db: Reader, place: Place, field: string): PlaceInfo {
  const info = placeInfo(db, placeKey(place));
  if (info.gone) throw new RefusedError({ zh: `地图上没有此仓库：${info.id}`, en: `no warehouse with id ${info.id} on the map: params.${field}` }, { field });
  return info;
}

/** A caller of a street acts only at its own street's places (refused -32003, naming both). */
export function checkStreetPlace(place: PlaceInfo, street: string | undefined, field: string): void {
  if (street === undefined || place.street === street) return;
  throw new RpcError(
    RpcCode.Forbidden,
    `${place.name}不属于${street}，${street}只能管理本街道的物资 (forbidden: ${place.key} is not a place of ${street}: params.${field})`,
    { street, place: place.key, field },
  );
}
