// Fields of a map object that another capability has taken over, refused on the map's own save:
//  - a warehouse's `stock`: materials (物资) took the lines over once as opening balances, and keeps
//    stock, its ledger and thresholds from then on (core/materials);
//  - a team's `status`: teams (救援队伍) owns the status and writes the map's coarse copy of it
//    itself, through the map's save in process (transport 'local').
// Both are refused for callers from outside the core (a console over IPC or the hub's socket);
// in-process callers (the capabilities, transport 'local') are the ones that own them.
// A save that carries the field unchanged passes (a form sends the object back whole), and a new
// object may bring its first stock lines, which materials then takes over.
import type { CallContext } from '../contract/define';
import { RefusedError } from '../contract/errors';
import type { MapObjectParsed } from '../contract/map';
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
