// A map object as a form holds it (text in inputs) and back as map.saveObject takes it. The
// server checks the result and names any field that is wrong; this only converts.
import type { MapObject, MapObjectInput, MapObjectKind } from '@contract/map';

export type Draft = Record<string, string | boolean> & { kind: MapObjectKind };

/**
 * Fields other capabilities took over (a warehouse's stock: materials; a team's status: teams).
 * The form does not offer them; a save sends them back as the map holds them now (inputFromDraft's
 * `current`), since the core refuses a change of either from the console.
 */
export const TAKEN_OVER: readonly string[] = ['stock', 'status'];

const NUMBER_FIELDS = ['lat', 'lng', 'capacity', 'areaM2', 'people', 'maxDepthCm', 'threatenedPeople'];

export const KIND_FIELDS: Record<MapObjectKind, string[]> = {
  risk: ['level', 'category', 'measures'],
  shelter: ['capacity', 'areaM2', 'indoor', 'manager'],
  warehouse: ['areaM2', 'stock', 'manager'],
  team: ['people', 'professional', 'status', 'equipment', 'contact'],
  waterlogging: ['maxDepthCm', 'remediated'],
  geohazard: ['hazardType', 'threatenedPeople', 'remediated'],
};

const DEFAULTS: Record<string, string | boolean> = {
  level: 'blue',
  category: 'other',
  status: 'standby',
  hazardType: 'other',
  indoor: true,
  professional: false,
  remediated: false,
};

export function newDraft(kind: MapObjectKind): Draft {
  const d: Draft = { kind, name: '', street: '', address: '', lat: '', lng: '', note: '' };
  for (const f of KIND_FIELDS[kind]) d[f] = DEFAULTS[f] ?? '';
  return d;
}

/** "沙包:200:袋; 救生衣:20:件" — the same form the CSV import reads. */
export function stockText(stock: { item: string; quantity: number; unit: string }[]): string {
  return stock.map((s) => `${s.item}:${s.quantity}:${s.unit}`).join('; ');
}

export function draftFromObject(o: MapObject): Draft {
  const d = newDraft(o.kind);
  const rec = o as unknown as Record<string, unknown>;
  d.id = o.id;
  d.name = o.name;
  d.street = o.street ?? '';
  d.address = o.address;
  d.note = o.note;
  d.lat = String(o.position.lat);
  d.lng = String(o.position.lng);
  for (const f of KIND_FIELDS[o.kind]) {
    const v = rec[f];
    d[f] = f === 'stock' ? stockText(o.kind === 'warehouse' ? o.stock : []) : typeof v === 'boolean' ? v : v === null || v === undefined ? '' : String(v);
  }
  return d;
}

function parseStock(text: string): unknown[] {
  return text
    .split(/[;；\n]/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const [item, qty, unit] = l.split(/[:：]/).map((p) => p.trim());
      return { item, quantity: Number(qty), unit };
    });
}

export function inputFromDraft(d: Draft, current?: MapObject): MapObjectInput {
  const out: Record<string, unknown> = { kind: d.kind, name: d.name, street: d.street || null, address: d.address, note: d.note };
  if (typeof d.id === 'string' && d.id) out.id = d.id;
  const num = (v: string | boolean): unknown => (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v);
  out.position = { lat: num(d.lat), lng: num(d.lng) };
  for (const f of KIND_FIELDS[d.kind]) {
    const v = d[f];
    if (TAKEN_OVER.includes(f) && current && current.kind === d.kind) out[f] = (current as unknown as Record<string, unknown>)[f];
    else if (f === 'stock') out.stock = parseStock(String(v));
    else if (v === '' && NUMBER_FIELDS.includes(f)) out[f] = f === 'areaM2' && d.kind === 'warehouse' ? null : undefined;
    else out[f] = NUMBER_FIELDS.includes(f) ? num(v) : v;
  }
  return out as MapObjectInput;
}
