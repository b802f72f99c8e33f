// Entry of the one map (一张图): map objects with their import and history, the demo set, and the
// operator's tile sources (including local .mbtiles files). Maps the contract's methods on them.
import type { Capability, CapabilityDeps } from '../capability';
import { RefusedError } from '../contract/errors';
import type { mapMethods } from '../contract/map';
import { MapObjectService } from './object-service';
import { getObject, objectHistory } from './objects';
import { refuseTakenOver } from './taken-over';
import { TileSourceService } from './tile-sources';

export async function openMap(deps: CapabilityDeps): Promise<Capability<typeof mapMethods>> {
  const { store, bus, now } = deps;
  const objects = new MapObjectService(store, bus, now);
  const sources = new TileSourceService(store, bus, deps.dataDir, now);

  if (deps.demo) {
    const n = await objects.loadDemo();
    if (n > 0) deps.log.info(`[map] loaded ${n} demo map objects (演示数据)`);
  }
  // Read the map once now, before the first wall asks for it.
  objects.counts();

  return {
    handlers: {
      'map.listObjects': (f) => objects.list(f),
      'map.getObject': ({ id }) => {
        const object = getObject(store, id);
        if (!object) throw new RefusedError({ zh: `地图上没有编号为 ${id} 的对象（可能已被删除）`, en: `no map object with id ${id}` });
        return { object, history: objectHistory(store, id) };
      },
      'map.saveObject': ({ object }, ctx) => {
        // A warehouse's stock (materials) and a team's status (teams) are no longer the map's to change.
        refuseTakenOver(store, object, ctx);
        return objects.save(object, ctx.peer);
      },
      'map.removeObject': ({ id }, ctx) => objects.remove(id, ctx.peer),
      'map.importObjects': ({ format, text, defaultKind, dryRun }, ctx) => objects.import(format, text, defaultKind, dryRun, ctx),
      'map.clearDemo': (_p, ctx) => objects.clearDemo(ctx.peer),
      'map.listSources': () => sources.state(),
      'map.saveSource': ({ source }) => sources.save(source),
      'map.removeSource': ({ id }) => sources.remove(id),
      'map.activateSource': ({ id }) => sources.activate(id),
      'map.getTile': ({ sourceId, z, x, y }) => sources.tile(sourceId, z, x, y),
    },
    close: async () => {
      objects.close();
      sources.close();
    },
  };
}
