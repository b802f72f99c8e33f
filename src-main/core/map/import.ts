// Reads map objects from GeoJSON or CSV and checks each one against the contract, collecting
// every problem (not just the first) so a refusal names each bad feature or row at once.
//
// Field names are those of map.saveObject; the common Chinese column names are understood too
// (名称, 类型, 街道, 经度, 纬度, …), as are Chinese kind and level words (风险点, 避护场所, 红色, …).
import type { z } from 'zod';
import { MapObjectInput, MapObjectKind, type ImportProblem, type MapObjectParsed } from '../contract/map';
import { CsvError, parseCsv } from './csv';

export interface ImportCandidate {
  index: number;
  label: string;
  object: MapObjectParsed;
  /** The fields the feature or row gave (before the contract's defaults). */
  given: readonly string[];
}

export interface ImportReading {
  candidates: ImportCandidate[];
  problems: ImportProblem[];
}

const FIELD_ALIASES: Record<string, string> = {
  名称: 'name',
  类型: 'kind',
  类别: 'kind',
  街道: 'street',
  地址: 'address',
  备注: 'note',
  纬度: 'lat',
  经度: 'lng',
  longitude: 'lng',
  lon: 'lng',
  latitude: 'lat',
  等级: 'level',
  风险等级: 'level',
  领域: 'category',
  管控措施: 'measures',
  容纳人数: 'capacity',
  面积: 'areaM2',
  area: 'areaM2',
  室内: 'indoor',
  负责人: 'manager',
  人数: 'people',
  专业队伍: 'professional',
  装备: 'equipment',
  状态: 'status',
  联系方式: 'contact',
  物资: 'stock',
  编号: 'id',
};

const KIND_ALIASES: Record<string, string> = {
  风险点: 'risk',
  危险源: 'risk',
  '风险点、危险源': 'risk',
  避护场所: 'shelter',
  应急避护场所: 'shelter',
  避难场所: 'shelter',
  仓库: 'warehouse',
  物资仓库: 'warehouse',
  应急物资储备仓库: 'warehouse',
  队伍: 'team',
  救援队伍: 'team',
  抢险队伍: 'team',
  内涝点: 'waterlogging',
  内涝风险点: 'waterlogging',
  地质灾害点: 'geohazard',
  地质灾害隐患点: 'geohazard',
};

const LEVEL_ALIASES: Record<string, string> = { 红: 'red', 红色: 'red', 橙: 'orange', 橙色: 'orange', 黄: 'yellow', 黄色: 'yellow', 蓝: 'blue', 蓝色: 'blue' };

const NUMBER_FIELDS = new Set(['capacity', 'areaM2', 'people', 'maxDepthCm', 'threatenedPeople', 'lat', 'lng']);
const BOOLEAN_FIELDS = new Set(['indoor', 'professional', 'remediated']);
const TRUE_WORDS = new Set(['true', '1', 'yes', 'y', '是']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'n', '否']);

/** Turns import properties (after aliasing) into the shape map.saveObject takes. */
function normalise(props: Record<string, unknown>, defaultKind: MapObjectKind | undefined, fromText: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, rawValue] of Object.entries(props)) {
    const key = FIELD_ALIASES[rawKey.trim()] ?? rawKey.trim();
    let value = rawValue;
    if (typeof value === 'string') value = value.trim();
    // Empty cells mean "not given": the contract's defaults apply.
    if (value === '' || value === null || value === undefined) continue;
    if (fromText && typeof value === 'string') {
      if (NUMBER_FIELDS.has(key)) value = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
      else if (BOOLEAN_FIELDS.has(key)) value = TRUE_WORDS.has(value.toLowerCase()) ? true : FALSE_WORDS.has(value.toLowerCase()) ? false : value;
      else if (key === 'stock') value = parseStock(value);
    }
    out[key] = value;
  }
  if (out.kind === undefined && defaultKind) out.kind = defaultKind;
  if (typeof out.kind === 'string') out.kind = KIND_ALIASES[out.kind] ?? out.kind;
  if (typeof out.level === 'string') out.level = LEVEL_ALIASES[out.level] ?? out.level;
  if (typeof out.id === 'number') out.id = String(out.id);
  return out;
}

/** "沙包:2000:袋; 救生衣:150:件" → stock lines; left as text (and refused) when malformed. */
function parseStock(text: string): unknown {
  const lines = text
    .split(/[;；]/)
    .map((l) => l.trim())
    .filter(Boolean);
  const parsed = lines.map((l) => {
    const [item, qty, unit] = l.split(/[:：]/).map((p) => p.trim());
    return { item, quantity: /^\d+(\.\d+)?$/.test(qty ?? '') ? Number(qty) : qty, unit };
  });
  return parsed;
}

function issuesText(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.') || '(feature)', message: i.message }));
}

function check(index: number, label: string, raw: Record<string, unknown>, out: ImportReading): void {
  if (raw.kind === undefined) {
    out.problems.push({ index, label, field: 'kind', message: `no kind: give one of ${MapObjectKind.options.join(', ')} (or choose a default kind)` });
    return;
  }
  if (!MapObjectKind.safeParse(raw.kind).success) {
    out.problems.push({ index, label, field: 'kind', message: `“${String(raw.kind)}” is not a kind; expected one of ${MapObjectKind.options.join(', ')}` });
    return;
  }
  const parsed = MapObjectInput.safeParse(raw);
  if (!parsed.success) {
    for (const p of issuesText(parsed.error)) out.problems.push({ index, label, ...p });
    return;
  }
  out.candidates.push({ index, label, object: parsed.data, given: Object.keys(raw) });
}

const nameOf = (props: Record<string, unknown>): string => {
  const n = props.name ?? props['名称'];
  return typeof n === 'string' && n.trim() ? ` (“${n.trim().slice(0, 40)}”)` : '';
};

export function readGeoJson(text: string, defaultKind: MapObjectKind | undefined): ImportReading {
  const out: ImportReading = { candidates: [], problems: [] };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    out.problems.push({ index: 0, label: 'file', field: '(file)', message: `not JSON: ${(err as Error).message}` });
    return out;
  }
  const d = doc as { type?: unknown; features?: unknown };
  const features = d?.type === 'FeatureCollection' && Array.isArray(d.features) ? d.features : d?.type === 'Feature' ? [d] : null;
  if (!features) {
    out.problems.push({ index: 0, label: 'file', field: 'type', message: 'not a GeoJSON FeatureCollection (or a single Feature)' });
    return out;
  }
  features.forEach((f: unknown, i: number) => {
    const index = i + 1;
    const feat = (f ?? {}) as { type?: unknown; id?: unknown; geometry?: { type?: unknown; coordinates?: unknown } | null; properties?: unknown };
    const props = (feat.properties && typeof feat.properties === 'object' ? feat.properties : {}) as Record<string, unknown>;
    const label = `feature ${index}${nameOf(props)}`;
    if (feat.type !== 'Feature') {
      out.problems.push({ index, label, field: 'type', message: 'not a GeoJSON Feature' });
      return;
    }
    const g = feat.geometry;
    if (!g || g.type !== 'Point') {
      out.problems.push({ index, label, field: 'geometry', message: `geometry is ${g ? String(g.type) : 'missing'}: only Points are imported` });
      return;
    }
    const c = g.coordinates;
    if (!Array.isArray(c) || c.length < 2 || typeof c[0] !== 'number' || typeof c[1] !== 'number') {
      out.problems.push({ index, label, field: 'geometry.coordinates', message: 'a Point’s coordinates are [longitude, latitude] numbers' });
      return;
    }
    const raw = normalise(props, defaultKind, false);
    if (feat.id !== undefined && raw.id === undefined) raw.id = String(feat.id);
    raw.position = { lat: c[1], lng: c[0] };
    check(index, label, raw, out);
  });
  return out;
}

export function readCsv(text: string, defaultKind: MapObjectKind | undefined): ImportReading {
  const out: ImportReading = { candidates: [], problems: [] };
  let rows;
  try {
    rows = parseCsv(text);
  } catch (err) {
    out.problems.push({ index: 0, label: 'file', field: '(file)', message: err instanceof CsvError ? err.message : String(err) });
    return out;
  }
  if (rows.length === 0) {
    out.problems.push({ index: 0, label: 'file', field: '(file)', message: 'no header line' });
    return out;
  }
  const header = rows[0].cells.map((h) => FIELD_ALIASES[h.trim()] ?? h.trim());
  for (const need of ['name', 'lat', 'lng']) {
    if (!header.includes(need)) out.problems.push({ index: 1, label: 'line 1 (header)', field: need, message: `the header has no ${need} column` });
  }
  const dup = header.find((h, i) => h !== '' && header.indexOf(h) !== i);
  if (dup) out.problems.push({ index: 1, label: 'line 1 (header)', field: dup, message: `column ${dup} is given twice` });
  if (out.problems.length > 0) return out;
  for (const row of rows.slice(1)) {
    const props: Record<string, unknown> = {};
    header.forEach((h, i) => {
      if (h) props[h] = row.cells[i] ?? '';
    });
    const label = `line ${row.line}${nameOf(props)}`;
    if (row.cells.length > header.length && row.cells.slice(header.length).some((c) => c.trim() !== '')) {
      out.problems.push({ index: row.line, label, field: '(row)', message: `${row.cells.length} cells but the header has ${header.length} columns` });
      continue;
    }
    const raw = normalise(props, defaultKind, true);
    const { lat, lng } = raw;
    delete raw.lat;
    delete raw.lng;
    raw.position = { lat, lng };
    check(row.line, label, raw, out);
  }
  return out;
}

/** Problems no single line shows: the same id twice in one file. */
export function crossCheck(reading: ImportReading): void {
  const seen = new Map<string, string>();
  for (const c of reading.candidates) {
    const id = c.object.id;
    if (!id) continue;
    const first = seen.get(id);
    if (first) reading.problems.push({ index: c.index, label: c.label, field: 'id', message: `id ${id} is also used by ${first}` });
    else seen.set(id, c.label);
  }
}

/** One refusal message naming every problem (the UI gets them as data too). */
export function refusalMessage(problems: ImportProblem[], what: 'features' | 'rows'): string {
  const shown = problems.slice(0, 50).map((p) => `${p.label}: ${p.field}: ${p.message}`);
  const more = problems.length > 50 ? `; and ${problems.length - 50} more` : '';
  const bad = new Set(problems.map((p) => p.label)).size;
  return `import refused, nothing written: ${bad} bad ${bad === 1 ? what.slice(0, -1) : what} — ${shown.join('; ')}${more}`;
}
