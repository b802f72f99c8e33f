// Entry of materials (物资): stock by place and item, the ledger of every movement, thresholds and
// their alarms, reserve targets (储备目标), and the streets' material requests. Opens the services and maps the contract's
// methods onto them. The places are the map's warehouse objects (read, never written) and the
// streets' reserve points; the map's old per-warehouse `stock` lines are taken over once as
// opening balances (StockService.adopt).
import type { Capability, CapabilityDeps } from '../capability';
import type { materialsMethods } from '../contract/materials';
import type { MaterialsLinks } from './links';
import { listPlaces } from './places';
import { RequestService } from './request-service';
import { StockService } from './stock-service';
import { TargetService } from './targets';

export type { MaterialsLinks } from './links';

export async function openMaterials(deps: CapabilityDeps, links: MaterialsLinks): Promise<Capability<typeof materialsMethods>> {
  const stock = new StockService(deps.store, deps.bus, deps.now, deps.log);
  const requests = new RequestService(deps.store, deps.bus, deps.now, stock);
  const targets = new TargetService(deps.store, deps.bus, deps.now);
  await stock.adopt();
  stock.schedule();
  const caller = (ctx: { peer: string; street?: string }) => ({ peer: ctx.peer, street: ctx.street });
  return {
    handlers: {
      'materials.listPlaces': () => listPlaces(deps.store),
      'materials.listStock': (f) => stock.listStock(f),
      'materials.listLedger': (f) => stock.listLedger(f),
      'materials.move': ({ movement, by }, ctx) => stock.move(movement, by, caller(ctx)),
      'materials.listThresholds': () => stock.listThresholds(),
      'materials.saveThreshold': ({ threshold, by }, ctx) => stock.saveThreshold(threshold, by, caller(ctx)),
      'materials.listTargets': ({ street }) => targets.list(street),
      'materials.saveTarget': ({ target, by }, ctx) => targets.save(target, by, caller(ctx)),
      'materials.removeTarget': ({ place, item, unit, by }, ctx) => targets.remove(place, item, unit, by, caller(ctx)),
      'materials.listRequests': (f, ctx) => requests.list(f, caller(ctx)),
      'materials.getRequest': ({ id }, ctx) => requests.get(id, caller(ctx)),
      'materials.request': ({ request, by }, ctx) => requests.request(request, by, caller(ctx)),
      'materials.approve': ({ id, by, note }, ctx) => requests.approve(id, by, note, caller(ctx)),
      'materials.refuse': ({ id, by, reason }, ctx) => requests.refuse(id, by, reason, caller(ctx)),
      'materials.dispatch': ({ id, from, by, note }, ctx) => requests.dispatch(id, from, by, note, caller(ctx)),
      'materials.confirmReceipt': ({ id, by, note, intoStock, into }, ctx) => requests.receive(id, by, note, intoStock, into, caller(ctx)),
      'materials.importStock': ({ fileBase64, dryRun, by }, ctx) => stock.importStock(links, Buffer.from(fileBase64, 'base64'), dryRun, by, caller(ctx)),
      'materials.cancelRequest': ({ id, by, reason }, ctx) => requests.cancel(id, by, reason, caller(ctx)),
    },
    close: async () => stock.close(),
  };
}
// What replay (复盘) folds of this capability's history at a moment (handed over by app.ts).
export { materialsAtMoment } from './at-moment';
