// Fields of a map object that another capability has taken over, refused on the map's own save:
//  - a warehouse's `stock`: materials (物资) took the lines over once as opening balances, and keeps
//    stock, its ledger and thresholds from then on (core/materials);
//  - a team's `status`: teams (救援队伍) owns the status and writes the map's coarse copy of it
//    itself, through the map's save in process (transport 'local').
// Both are refused for callers from outside the core (a console over IPC or the hub's socket);
// in-process callers (the capabilities, transport 'local') are the ones that own them.
// A save that carries the field unchanged passes (a form sends the object back whole), and a new
// object may bring its first stock lines, which materials then takes over.
// An import (map.importObjects) from outside the core that gives either field at all is refused,
// naming each field and row, nothing written; a row updating such an object keeps its own value.
import type { CallContext } from '../contract/define';
import { RefusedError } from '../contract/errors';
import type { MapObject, MapObjectParsed } from '../contract/map';
import type { Store } from '../store';
import { getObject } from './objects';

const stockOf = (lines: readonly { item: string; quantity: number; unit: string }[]): string =>
  JSON.stringify(
    lines.map((l) => [l.item, l.quantity, l.unit]).sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[2]).localeCompare(String(b[2]))),
  );

export function refuseTakenOver(store: Store, input: MapObjectParsed, ctx: Pick<CallContext, 'transport'>): void {
  if (input.id === undefined || ctx.transport === 'local') return;
  const before = getObject(store, input.id);
  if (!before) return;
  if (before.kind === 'warehouse' && input.kind === 'warehouse' && stockOf(before.stock) !== stockOf(input.stock))
    throw new RefusedError(
      {
        zh: '仓库的物资储备（stock）已由“物资”管理，不能在地图上修改：请在控制台“物资”页登记入库、出库、调拨或报废',
        en: "a warehouse's stock (field stock) is managed in Materials (物资) now, not on the map: record stock in, out, transfers and write-offs on the console's Materials tab",
      },
      { field: 'object.stock', managedIn: 'materials' },
    );
  if (before.kind === 'team' && input.kind === 'team' && before.status !== input.status)
    throw new RefusedError(
      {
        zh: '队伍状态（status）已由“救援队伍”管理，不能在地图上修改：请在控制台“救援队伍”页更改状态或派遣',
        en: "a team's status (field status) is managed in Teams (救援队伍) now, not on the map: change it or dispatch the team on the console's Teams tab",
      },
      { field: 'object.status', managedIn: 'teams' },
    );
}

/** A feature or row of an import that gives a field another capability owns. */
export interface TakenOverRow {
  index: number;
  label: string;
  field: 'stock' | 'status';
}

/**
 * An import from outside the core gives no warehouse stock and no team status (refused, naming each
 * field and row, nothing written); the in-process callers (teams' own import) may. A row that
 * updates an object it leaves the field out of keeps the object's own value, never the default.
 */
export function takenOverInImport(
  candidates: readonly { index: number; label: string; object: MapObjectParsed; given: readonly string[] }[],
  ctx: Pick<CallContext, 'transport'>,
): TakenOverRow[] {
  if (ctx.transport === 'local') return [];
  const rows: TakenOverRow[] = [];
  for (const c of candidates) {
    if (c.object.kind === 'warehouse' && c.given.includes('stock')) rows.push({ index: c.index, label: c.label, field: 'stock' });
    if (c.object.kind === 'team' && c.given.includes('status')) rows.push({ index: c.index, label: c.label, field: 'status' });
  }
  return rows;
}

/** The refusal of an import that gives fields taken over, every row named, in both languages. */
export function takenOverImportError(rows: readonly TakenOverRow[], format: 'geojson' | 'csv'): RefusedError {
  const zhRow = (r: TakenOverRow): string =>
    (format === 'geojson' ? `第 ${r.index} 个要素` : `第 ${r.index} 行`) + r.label.replace(/^(feature|line) \d+\s*/, '');
  const zhWhat = (r: TakenOverRow): string => (r.field === 'stock' ? '仓库物资储备（stock）已由“物资”管理' : '队伍状态（status）已由“救援队伍”管理');
  const enWhat = (r: TakenOverRow): string =>
    r.field === 'stock' ? "a warehouse's stock (field stock) is managed in Materials (物资)" : "a team's status (field status) is managed in Teams (救援队伍)";
  const shown = rows.slice(0, 50);
  const more = rows.length > 50 ? { zh: `；另有 ${rows.length - 50} 处`, en: `; and ${rows.length - 50} more` } : { zh: '', en: '' };
  return new RefusedError(
    {
      zh: `导入被拒绝，未写入任何内容：${shown.map((r) => `${zhRow(r)}：${zhWhat(r)}，不能经地图导入`).join('；')}${more.zh}。请删去该列，在控制台“物资”页或“救援队伍”页登记`,
      en: `import refused, nothing written: ${shown.map((r) => `${r.label}: ${enWhat(r)}, not imported on the map`).join('; ')}${more.en}. Leave the column out and record it on the console's Materials or Teams tab`,
    },
    {
      field: rows[0].field,
      managedIn: rows[0].field === 'stock' ? 'materials' : 'teams',
      problems: rows.map((r) => ({ index: r.index, label: r.label, field: r.field, message: `${enWhat(r)}, not imported on the map` })),
    },
  );
}

/** What an import row that updates an object keeps of it: the warehouse's stock lines, the team's status. */
export function keepTakenOver(input: MapObjectParsed, before: MapObject | undefined): MapObjectParsed {
  if (before?.kind === 'warehouse' && input.kind === 'warehouse') return { ...input, stock: before.stock };
  if (before?.kind === 'team' && input.kind === 'team') return { ...input, status: before.status };
  return input;
}
