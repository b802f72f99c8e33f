// The one map (一张图): the district's map objects (risk points and hazards, shelters, warehouses,
// rescue teams, waterlogging and geological hazard points), their import from GeoJSON or CSV, and
// the tile sources an operator can put under them.
//
// Semantics the core keeps (the UI can rely on them):
//  - Every position is WGS84 and checked to lie in Yuexiu (yuexiu.ts Coordinates). A basemap in
//    GCJ-02 is the renderer's business: it shifts the overlays, never the stored data.
//  - An import is all or nothing. A refusal (-32000) names every bad feature or row, with its
//    field and reason, and writes nothing; `data.problems` lists them for the UI.
//  - A feature or row carrying an `id` of an existing object updates it; otherwise it creates one
//    (with that id when it is well formed, so importing the same file twice changes nothing).
//  - Demo objects (演示数据) are flagged `demo` and labelled as such wherever they are shown.
//  - Tile sources: XYZ and TMS URL templates ({z} {x} {y}, {s} for subdomains), WMTS templates
//    ({TileMatrix} {TileRow} {TileCol}, Web Mercator "GoogleMapsCompatible" matrix sets only), and
//    .mbtiles files placed by the operator in <dataDir>/tiles/ (read by the core with sql.js and
//    served through map.getTile). {key} (or {tk}) in a template is replaced by the source's key,
//    e.g. a Tianditu token. With no active source the map shows the embedded district outline.
import { z } from 'zod';
import { event, method } from './define';
import { EntityId, Timestamp, type Label } from './primitives';
import { utf8Max } from './limits';
import { Coordinates, StreetName } from './yuexiu';

// ---- vocabulary ----------------------------------------------------------------------
export const MapObjectKind = z.enum(['risk', 'shelter', 'warehouse', 'team', 'waterlogging', 'geohazard']);
export type MapObjectKind = z.infer<typeof MapObjectKind>;
export const MAP_OBJECT_KINDS = MapObjectKind.options;

/** Risk grading of the seed plan: red is the most severe. */
export const RiskLevel = z.enum(['red', 'orange', 'yellow', 'blue']);
export type RiskLevel = z.infer<typeof RiskLevel>;
export const RISK_LEVELS = RiskLevel.options;
export const RISK_LEVEL_LABELS: Record<RiskLevel, Label> = {
  red: { zh: '红色（重大风险）', en: 'Red (major)' },
  orange: { zh: '橙色（较大风险）', en: 'Orange (considerable)' },
  yellow: { zh: '黄色（一般风险）', en: 'Yellow (general)' },
  blue: { zh: '蓝色（低风险）', en: 'Blue (low)' },
};
/** The same levels by colour alone, where space is short (the wall map's legend, a detail card). */
export const RISK_LEVEL_SHORT_LABELS: Record<RiskLevel, Label> = {
  red: { zh: '红色', en: 'Red' },
  orange: { zh: '橙色', en: 'Orange' },
  yellow: { zh: '黄色', en: 'Yellow' },
  blue: { zh: '蓝色', en: 'Blue' },
};
/** The colours of the four-colour risk map (安全风险四色图). */
export const RISK_LEVEL_COLOURS: Record<RiskLevel, string> = { red: '#ff1f1f', orange: '#ff8a00', yellow: '#ffe100', blue: '#1f7bff' };

export const RiskCategory = z.enum(['fire', 'traffic', 'construction', 'building', 'geological', 'hazchem', 'gas', 'crowd', 'flood', 'other']);
export type RiskCategory = z.infer<typeof RiskCategory>;
// Twin in shape of contract/teams.ts TEAM_COLUMNS (both tables of two-language words); different facts, kept apart on purpose.
export const RISK_CATEGORY_LABELS: Record<RiskCategory, Label> = {
  fire: { zh: '消防', en: 'Fire' },
  traffic: { zh: '道路交通', en: 'Traffic' },
  construction: { zh: '建筑施工', en: 'Construction' },
  building: { zh: '老旧危房', en: 'Old buildings' },
  geological: { zh: '地质灾害', en: 'Geological' },
  hazchem: { zh: '危险化学品', en: 'Hazardous chemicals' },
  gas: { zh: '燃气管道', en: 'Gas pipelines' },
  crowd: { zh: '人员密集场所', en: 'Crowded places' },
  flood: { zh: '三防', en: 'Flood and wind' },
  other: { zh: '其他', en: 'Other' },
};

export const TeamStatus = z.enum(['standby', 'deployed', 'resting']);
export type TeamStatus = z.infer<typeof TeamStatus>;
export const TEAM_STATUS_LABELS: Record<TeamStatus, Label> = {
  standby: { zh: '待命', en: 'Standing by' },
  deployed: { zh: '出动中', en: 'Deployed' },
  resting: { zh: '休整', en: 'Resting' },
};

export const GeohazardType = z.enum(['landslide', 'collapse', 'subsidence', 'debris-flow', 'other']);
export type GeohazardType = z.infer<typeof GeohazardType>;
export const GEOHAZARD_TYPE_LABELS: Record<GeohazardType, Label> = {
  landslide: { zh: '滑坡', en: 'Landslide' },
  collapse: { zh: '崩塌', en: 'Rockfall' },
  subsidence: { zh: '地面塌陷', en: 'Subsidence' },
  'debris-flow': { zh: '泥石流', en: 'Debris flow' },
  other: { zh: '其他', en: 'Other' },
};

/** The seed plan's target for shelter area per person (Table 3, indicator 9). */
export const SHELTER_AREA_TARGET_M2 = 1.5;

// ---- map objects -----------------------------------------------------------------------
const common = {
  /** Omit to create; give to change that object (or to create it with that id on import). */
  id: EntityId.optional(),
  name: z.string().trim().min(1, 'a map object needs a name').max(80, 'a name is at most 80 characters'),
  /** The street it lies in; null when not known. */
  street: StreetName.nullable().default(null),
  address: z.string().trim().max(200).default(''),
  position: Coordinates,
  note: z.string().trim().max(1000).default(''),
};

export const StockItem = z.strictObject({
  item: z.string().trim().min(1, 'a stock line needs an item').max(60),
  quantity: z.number().min(0, 'a quantity is not negative').max(1e9),
  unit: z.string().trim().min(1, 'a stock line needs a unit').max(12),
});
export type StockItem = z.infer<typeof StockItem>;

export const RiskDetails = z.strictObject({
  kind: z.literal('risk'),
  ...common,
  level: RiskLevel,
  category: RiskCategory.default('other'),
  measures: z.string().trim().max(1000).default(''),
});
export const ShelterDetails = z.strictObject({
  kind: z.literal('shelter'),
  ...common,
  /** People it can take. */
  capacity: z.number().int().min(1, 'a shelter takes at least 1 person').max(1_000_000),
  /** Usable area in square metres. */
  areaM2: z.number().positive('a shelter’s area is more than 0 m²').max(10_000_000),
  indoor: z.boolean().default(true),
  manager: z.string().trim().max(60).default(''),
});
export const WarehouseDetails = z.strictObject({
  kind: z.literal('warehouse'),
  ...common,
  areaM2: z.number().min(0).max(1_000_000).nullable().default(null),
  stock: z.array(StockItem).max(100).default([]),
  manager: z.string().trim().max(60).default(''),
});
export const TeamDetails = z.strictObject({
  kind: z.literal('team'),
  ...common,
  people: z.number().int().min(1, 'a team has at least 1 person').max(10_000),
  /** Professional team (专业抢险队伍) or a street's part-time team (街道兼职抢险队伍). */
  professional: z.boolean().default(false),
  equipment: z.string().trim().max(1000).default(''),
  status: TeamStatus.default('standby'),
  contact: z.string().trim().max(60).default(''),
});
export const WaterloggingDetails = z.strictObject({
  kind: z.literal('waterlogging'),
  ...common,
  /** Worst depth seen, in centimetres. */
  maxDepthCm: z.number().min(0).max(1000).nullable().default(null),
  remediated: z.boolean().default(false),
});
export const GeohazardDetails = z.strictObject({
  kind: z.literal('geohazard'),
  ...common,
  hazardType: GeohazardType.default('other'),
  /** People living within its threat. */
  threatenedPeople: z.number().int().min(0).max(1_000_000).nullable().default(null),
  remediated: z.boolean().default(false),
});

/** A map object as given by a form or an import line. */
export const MapObjectInput = z.discriminatedUnion('kind', [RiskDetails, ShelterDetails, WarehouseDetails, TeamDetails, WaterloggingDetails, GeohazardDetails]);
export type MapObjectInput = z.input<typeof MapObjectInput>;
export type MapObjectParsed = z.output<typeof MapObjectInput>;

// What the core sends back. Plain shapes, like duty's Report: the input rules above (trimming,
// defaults, the Yuexiu bounds) were applied when the object was written, and checking 5,000 of
// them again on every read held the hub's one thread for hundreds of milliseconds.
const storedCommon = {
  id: EntityId,
  name: z.string(),
  street: StreetName.nullable(),
  address: z.string(),
  position: z.object({ lat: z.number(), lng: z.number() }),
  note: z.string(),
  /** Part of the embedded demo set (演示数据). */
  demo: z.boolean(),
  updatedAt: Timestamp,
};
const nullableNumber = z.number().nullable();
export const MapObject = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('risk'), ...storedCommon, level: RiskLevel, category: RiskCategory, measures: z.string() }),
  z.object({
    kind: z.literal('shelter'),
    ...storedCommon,
    capacity: z.number(),
    areaM2: z.number(),
    indoor: z.boolean(),
    manager: z.string(),
    /** areaM2 / capacity, to two decimals. */
    areaPerPerson: z.number(),
  }),
  z.object({
    kind: z.literal('warehouse'),
    ...storedCommon,
    areaM2: nullableNumber,
    stock: z.array(z.object({ item: z.string(), quantity: z.number(), unit: z.string() })),
    manager: z.string(),
  }),
  z.object({
    kind: z.literal('team'),
    ...storedCommon,
    people: z.number(),
    professional: z.boolean(),
    equipment: z.string(),
    status: TeamStatus,
    contact: z.string(),
  }),
  z.object({ kind: z.literal('waterlogging'), ...storedCommon, maxDepthCm: nullableNumber, remediated: z.boolean() }),
  z.object({ kind: z.literal('geohazard'), ...storedCommon, hazardType: GeohazardType, threatenedPeople: nullableNumber, remediated: z.boolean() }),
]);
export type MapObject = z.output<typeof MapObject>;

// ---- packed objects (issue 17: a 4K wall with 50,000 risk points) -------------------------
/**
 * One field of a packed shape, for all its objects: every value in order (`values`), one value
 * they all share (`same`: a field empty everywhere, an import's one time), or a short dictionary
 * and each object's index in it (`dict`: a level, a street, a category).
 */
export const PackedColumn = z.discriminatedUnion('form', [
  z.object({ form: z.literal('values'), values: z.array(z.unknown()) }),
  z.object({ form: z.literal('same'), value: z.unknown() }),
  z.object({ form: z.literal('dict'), dict: z.array(z.unknown()), index: z.array(z.number().int().min(0)) }),
]);
export type PackedColumn = z.infer<typeof PackedColumn>;

/**
 * The map's objects by column, for map.listObjects with `packed: true`: each shape of object (its
 * field names, `position` as two columns, lat and lng) with its `n` objects' values field by
 * field, and `order`, the shape of each object in turn (left out when there is one shape). The
 * same objects as `objects`, in order, in far fewer bytes: the wall bench's 50,000 risk points are
 * 5.6 MB as one row per object (this table's first form) and 2.7 MB by column. On a 4K wall that
 * took the reply's way from asked to parsed from 1318 to 816 ms (medians of five runs each).
 */
export const PackedMapObjects = z.object({
  shapes: z.array(z.object({ keys: z.array(z.string()), n: z.number().int().min(0), columns: z.array(PackedColumn) })),
  order: z.array(z.number().int().min(0)).optional(),
});
export type PackedMapObjects = z.infer<typeof PackedMapObjects>;

/** A field of plain values with at most this many of them (and far fewer than objects) is sent as a dictionary. */
const PACK_DICT_MAX = 256;

function packColumn(values: unknown[]): PackedColumn {
  const seen = new Map<unknown, number>();
  for (const v of values) {
    // Only plain values are shared: a list (a warehouse's stock) stays each object's own.
    if (typeof v === 'object' && v !== null) return { form: 'values', values };
    if (!seen.has(v)) seen.set(v, seen.size);
    if (seen.size > PACK_DICT_MAX) return { form: 'values', values };
  }
  if (seen.size === 1) return { form: 'same', value: values[0] };
  if (seen.size * 4 > values.length) return { form: 'values', values };
  return { form: 'dict', dict: [...seen.keys()], index: values.map((v) => seen.get(v)!) };
}

export function packMapObjects(objects: readonly MapObject[], { names = true }: { names?: boolean } = {}): PackedMapObjects {
  const shapeOf = new Map<string, number>();
  const groups: { keys: string[]; objects: Record<string, unknown>[] }[] = [];
  const order: number[] = new Array(objects.length);
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i] as Record<string, unknown> & MapObject;
    const keys = Object.keys(o);
    const signature = keys.join(',');
    let shape = shapeOf.get(signature);
    if (shape === undefined) {
      shape = groups.push({ keys, objects: [] }) - 1;
      shapeOf.set(signature, shape);
    }
    groups[shape].objects.push(o);
    order[i] = shape;
  }
  const shapes = groups.map(({ keys, objects: list }) => {
    const columns: PackedColumn[] = [];
    for (const k of keys)
      if (k === 'position') {
        columns.push({ form: 'values', values: list.map((o) => (o as MapObject).position.lat) });
        columns.push({ form: 'values', values: list.map((o) => (o as MapObject).position.lng) });
      } else if (k === 'name' && !names) columns.push({ form: 'same', value: '' });
      else columns.push(packColumn(list.map((o) => o[k])));
    return { keys, n: list.length, columns };
  });
  return groups.length > 1 ? { shapes, order } : { shapes };
}

/** Field `k` of every object of a shape, from its column (one field at a time: a 4K wall unpacks 50,000 objects while it starts). */
function fill(list: Record<string, unknown>[], k: string, c: PackedColumn): void {
  const n = list.length;
  if (c.form === 'values') for (let r = 0; r < n; r++) list[r][k] = c.values[r];
  else if (c.form === 'same') for (let r = 0; r < n; r++) list[r][k] = c.value;
  else for (let r = 0; r < n; r++) list[r][k] = c.dict[c.index[r]];
}

/** A column's values as one array. */
function valuesOf(c: PackedColumn, n: number): unknown[] {
  if (c.form === 'values') return c.values;
  if (c.form === 'same') return new Array<unknown>(n).fill(c.value);
  return c.index.map((x) => c.dict[x]);
}

/** The objects of a packed table (packMapObjects' inverse); a table that does not add up is an error naming what is wrong. */
export function unpackMapObjects(packed: PackedMapObjects): MapObject[] {
  const { shapes, order } = packed;
  const total = shapes.reduce((n, s) => n + s.n, 0);
  if (!order && shapes.length > 1) throw new Error('packed map objects: several shapes and no order');
  if (order && order.length !== total) throw new Error(`packed map objects: an order of ${order.length} for ${total} objects`);
  // Each shape's objects built field by field, in the shape's order of fields.
  const byShape = shapes.map((s, si) => {
    const want = s.keys.length + (s.keys.includes('position') ? 1 : 0);
    if (s.columns.length !== want) throw new Error(`packed map objects: shape ${si} has ${s.columns.length} columns for ${want} fields`);
    s.columns.forEach((c, ci) => {
      const len = c.form === 'values' ? c.values.length : c.form === 'dict' ? c.index.length : s.n;
      if (len !== s.n) throw new Error(`packed map objects: shape ${si} column ${ci} has ${len} values for ${s.n} objects`);
      if (c.form === 'dict' && c.index.some((x) => x >= c.dict.length))
        throw new Error(`packed map objects: shape ${si} column ${ci} points past its dictionary`);
    });
    const list: Record<string, unknown>[] = new Array(s.n);
    for (let r = 0; r < s.n; r++) list[r] = {};
    let j = 0;
    for (const k of s.keys)
      if (k === 'position') {
        const lat = valuesOf(s.columns[j], s.n);
        const lng = valuesOf(s.columns[j + 1], s.n);
        for (let r = 0; r < s.n; r++) list[r].position = { lat: lat[r], lng: lng[r] };
        j += 2;
      } else fill(list, k, s.columns[j++]);
    return list as MapObject[];
  });
  if (!order) return byShape[0] ?? [];
  const next = new Array<number>(shapes.length).fill(0);
  const out: MapObject[] = new Array(total);
  for (let i = 0; i < total; i++) {
    const si = order[i];
    const list = byShape[si];
    if (!list) throw new Error(`packed map objects: object ${i} names shape ${si}, which is not in the table`);
    if (next[si] >= list.length) throw new Error(`packed map objects: object ${i} is one more of shape ${si} than its ${list.length}`);
    out[i] = list[next[si]++];
  }
  return out;
}

export const MapCounts = z.object({
  byKind: z.record(MapObjectKind, z.number().int()),
  riskByLevel: z.record(RiskLevel, z.number().int()),
  /** People in all rescue teams. */
  teamPeople: z.number().int(),
  shelterCapacity: z.number().int(),
  shelterAreaM2: z.number(),
  /** Demo objects (演示数据) among them. */
  demo: z.number().int(),
});
export type MapCounts = z.infer<typeof MapCounts>;

export const MapObjectEvent = z.object({
  at: Timestamp,
  kind: z.enum(['created', 'changed', 'removed', 'imported', 'demo']),
  peer: z.string(),
  /** The object before the change (null on creation). */
  before: z.unknown().nullable(),
});

/** One refused feature or row of an import. */
export const ImportProblem = z.object({
  /** 1-based feature number (GeoJSON) or line number (CSV, the header is line 1). */
  index: z.number().int(),
  /** "feature 3 (“北京路骑楼”)" or "line 7". */
  label: z.string(),
  field: z.string(),
  message: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

/** Most features one import may carry (and the map is built to draw smoothly). */
export const MAX_IMPORT_FEATURES = 10_000;
/**
 * Largest import text, in bytes as it travels (UTF-8, JSON escapes included: see limits.ts), so
 * that an import at the limit still fits in one hub message of MAX_MESSAGE_BYTES.
 */
export const MAX_IMPORT_BYTES = 900_000;

// ---- tile sources ----------------------------------------------------------------------
/** Datum of a tile source: GCJ-02 is the offset used by Chinese consumer maps. */
export const TileCrs = z.enum(['wgs84', 'gcj02']);
export type TileCrs = z.infer<typeof TileCrs>;

export const TileSourceId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'a source id is lower-case letters, digits and dashes');

const urlTemplate = z
  .string()
  .trim()
  .max(500)
  .regex(/^(https?:\/\/[^\s]+|\/[^\s]*)$/, 'a tile URL is http://…, https://… or a path on the hub (/…)');

const hasAll = (s: string, parts: string[]): boolean => parts.every((p) => s.includes(p));

const sourceCommon = {
  id: TileSourceId,
  name: z.string().trim().min(1, 'a tile source needs a name').max(40),
  crs: TileCrs,
  minZoom: z.number().int().min(0).max(22).default(0),
  maxZoom: z.number().int().min(0).max(22).default(18),
  attribution: z.string().trim().max(200).default(''),
};

/** Letters for {s}, e.g. "abc" or "01234567" (Tianditu t0–t7). */
const subdomains = z
  .string()
  .trim()
  .regex(/^[a-z0-9]{0,10}$/, 'subdomains are up to 10 letters or digits')
  .default('');
/** Replaces {key} or {tk} in the URL (a Tianditu token, an intranet server key). */
const tileKey = z
  .string()
  .trim()
  .max(100)
  .regex(/^[A-Za-z0-9._-]*$/, 'a key is letters, digits, dots, dashes and underscores')
  .default('');

export const TileSource = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.enum(['xyz', 'tms']),
      ...sourceCommon,
      url: urlTemplate,
      subdomains,
      key: tileKey,
    }),
    z.strictObject({
      type: z.literal('wmts'),
      ...sourceCommon,
      url: urlTemplate,
      subdomains,
      key: tileKey,
    }),
    z.strictObject({
      type: z.literal('mbtiles'),
      ...sourceCommon,
      /** A file name in <dataDir>/tiles/ (see map.listSources for what is there). */
      file: z
        .string()
        .max(255, 'a file name is at most 255 characters')
        .regex(/^[^/\\\0]+\.mbtiles$/, 'an .mbtiles file name in the tiles folder, without a path'),
    }),
  ])
  .superRefine((s, ctx) => {
    if (s.maxZoom < s.minZoom) ctx.addIssue({ code: 'custom', path: ['maxZoom'], message: 'the maximum zoom is not below the minimum' });
    if (s.type === 'mbtiles') return;
    const url = s.url;
    const wmtsStyle = hasAll(url, ['{TileMatrix}', '{TileRow}', '{TileCol}']);
    const xyzStyle = hasAll(url, ['{z}', '{x}', '{y}']) || hasAll(url, ['{z}', '{x}', '{-y}']);
    if (s.type === 'wmts' && !wmtsStyle && !xyzStyle)
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'a WMTS template holds {TileMatrix}, {TileRow} and {TileCol} (or {z}, {x}, {y})' });
    if (s.type !== 'wmts' && !xyzStyle) ctx.addIssue({ code: 'custom', path: ['url'], message: 'an XYZ or TMS template holds {z}, {x} and {y}' });
    if (url.includes('{s}') && s.subdomains === '') ctx.addIssue({ code: 'custom', path: ['subdomains'], message: 'the URL has {s}: give the subdomains' });
    const wantsKey = url.includes('{key}') || url.includes('{tk}');
    if (wantsKey && s.key === '') ctx.addIssue({ code: 'custom', path: ['key'], message: 'the URL has {key}: give the key (e.g. the Tianditu token)' });
  });
export type TileSource = z.output<typeof TileSource>;
export type TileSourceInput = z.input<typeof TileSource>;

export const MbtilesFile = z.object({
  file: z.string(),
  size: z.number().int(),
  /** From the file's metadata table, where present. */
  name: z.string(),
  format: z.string(),
  minZoom: z.number().int().nullable(),
  maxZoom: z.number().int().nullable(),
  /** The reason it cannot be read, if so. */
  error: z.string().nullable(),
});
export type MbtilesFile = z.infer<typeof MbtilesFile>;

export const MapSources = z.object({
  sources: z.array(TileSource),
  /** The source under the map; null shows the embedded district outline only. */
  activeId: TileSourceId.nullable(),
  /** .mbtiles files found in <dataDir>/tiles/. */
  mbtiles: z.array(MbtilesFile),
  tilesDir: z.string(),
});
export type MapSources = z.infer<typeof MapSources>;

/** Largest .mbtiles file the core will open (sql.js holds the whole file in memory). */
export const MAX_MBTILES_BYTES = 512 * 1024 * 1024;

// ---- methods ---------------------------------------------------------------------------
// One entry per method, each of the same shape (define.ts): the likeness between method tables is the
// declaration itself, kept on purpose (the `duplicates` tool lists it as a twin).
export const mapMethods = {
  'map.listObjects': method({
    right: 'read',
    summary: 'Map objects, optionally of some kinds, in one street, or whose name contains q; with counts of everything on the map.',
    params: z.strictObject({
      kinds: z.array(MapObjectKind).max(MAP_OBJECT_KINDS.length).optional(),
      street: StreetName.optional(),
      q: z.string().trim().max(40).optional(),
      /** The objects as a table (`packed`, with `objects` empty): what a wall asks for. */
      packed: z.boolean().optional(),
      /**
       * False: every object's name comes empty. A wall draws no object's name (its card asks for
       * its one object), and 50,000 CJK names were a third of a 4K wall's reply and made the whole
       * message two-byte text, which the page took three times as long to receive.
       */
      names: z.boolean().optional(),
    }),
    result: z.object({ objects: z.array(MapObject), packed: PackedMapObjects.optional(), counts: MapCounts }),
  }),
  'map.getObject': method({
    right: 'read',
    summary: 'One map object with the history of its changes (newest first).',
    params: z.strictObject({ id: EntityId }),
    result: z.object({ object: MapObject, history: z.array(MapObjectEvent) }),
  }),
  'map.saveObject': method({
    right: 'map.edit',
    summary: 'Create a map object (no id) or change one (id); its kind cannot change.',
    params: z.strictObject({ object: MapObjectInput }),
    result: MapObject,
  }),
  'map.removeObject': method({
    right: 'map.edit',
    summary: 'Remove a map object (its history is kept).',
    params: z.strictObject({ id: EntityId }),
    result: z.object({ id: EntityId, counts: MapCounts }),
  }),
  'map.importObjects': method({
    right: 'map.edit',
    summary:
      'Import map objects from GeoJSON (a FeatureCollection of Points; properties as in map.saveObject) or CSV (header: kind,name,lat,lng,street,… ; WGS84). All or nothing: a refusal names every bad feature or row and writes nothing.',
    params: z.strictObject({
      format: z.enum(['geojson', 'csv']),
      text: utf8Max(z.string().min(1, 'the file is empty'), MAX_IMPORT_BYTES, 'an import', 'split the file'),
      /** Used for features and rows that name no kind. */
      defaultKind: MapObjectKind.optional(),
      /** Check only: report what would happen, write nothing. */
      dryRun: z.boolean().default(false),
    }),
    result: z.object({ created: z.number().int(), updated: z.number().int(), dryRun: z.boolean(), counts: MapCounts }),
  }),
  'map.clearDemo': method({
    right: 'map.edit',
    summary: 'Remove every demo object (演示数据) from the map.',
    params: z.strictObject({}),
    result: z.object({ removed: z.number().int(), counts: MapCounts }),
  }),
  'map.listSources': method({
    right: 'read',
    summary: 'The operator’s tile sources, the active one, and the .mbtiles files in the tiles folder.',
    params: z.strictObject({}),
    result: MapSources,
  }),
  'map.saveSource': method({
    right: 'map.edit',
    summary: 'Create or replace a tile source (XYZ, TMS, WMTS template, or an .mbtiles file).',
    params: z.strictObject({ source: TileSource }),
    result: MapSources,
  }),
  'map.removeSource': method({
    right: 'map.edit',
    summary: 'Remove a tile source; if it was active the map falls back to the embedded outline.',
    params: z.strictObject({ id: TileSourceId }),
    result: MapSources,
  }),
  'map.activateSource': method({
    right: 'map.edit',
    summary: 'Put a tile source under the map, or none (null) for the embedded district outline.',
    params: z.strictObject({ id: TileSourceId.nullable() }),
    result: MapSources,
  }),
  'map.getTile': method({
    right: 'read',
    summary: 'One tile of an .mbtiles source (XYZ numbering; the TMS row flip is done by the core); null where the file has none.',
    params: z.strictObject({
      sourceId: TileSourceId,
      z: z.number().int().min(0).max(22),
      x: z.number().int().min(0),
      y: z.number().int().min(0),
    }),
    result: z.object({ mediaType: z.string(), base64: z.string() }).nullable(),
  }),
} as const;

// ---- events ----------------------------------------------------------------------------
export const mapEvents = {
  'map.objectsChanged': event({
    right: 'read',
    summary:
      'Map objects were saved, removed, imported or loaded. Carries the changed objects (null for a bulk change: re-read map.listObjects) and the counts.',
    payload: z.object({
      change: z.enum(['saved', 'removed', 'imported', 'demo', 'cleared']),
      objects: z.array(MapObject).nullable(),
      removedIds: z.array(EntityId),
      counts: MapCounts,
    }),
  }),
  'map.sourcesChanged': event({ right: 'read', summary: 'Tile sources or the active source changed.', payload: MapSources }),
} as const;
