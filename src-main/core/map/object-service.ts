// Changes to the map objects: save, remove, import (all or nothing), the demo set. Each change
// is one durable transaction, then one map.objectsChanged event.
import { RefusedError } from '../contract/errors';
import {
  MAX_IMPORT_FEATURES,
  MapObjectInput,
  packMapObjects,
  type MapCounts,
  type PackedMapObjects,
  type MapObject,
  type MapObjectKind,
  type MapObjectParsed,
} from '../contract/map';
import type { EventBus } from '../events';
import type { Store } from '../store';
import { demoObjects } from './demo';
import { crossCheck, readCsv, readGeoJson, refusalMessage } from './import';
import { keepTakenOver, takenOverImportError, takenOverInImport } from './taken-over';
import type { CallContext } from '../contract/define';
import { countObjects, getObject, hasAnyObject, listObjects, newObjectId, putObject, removeObject, type ObjectFilter } from './objects';

/** Bulk changes carry no objects in their event: panels re-read instead. */
const EVENT_OBJECTS_MAX = 50;

export class MapObjectService {
  /**
   * Every object and the counts, as last read. Every wall display asks for the whole map when it
   * opens, and reading 5,000 rows blocks the hub's one thread for a noticeable time; only this
   * service writes map_object, so it knows exactly when the copy goes stale.
   */
  private cache: { objects: MapObject[]; counts: MapCounts; packed?: PackedMapObjects } | null = null;
  private refill: ReturnType<typeof setImmediate> | null = null;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
  ) {}

  private current(): { objects: MapObject[]; counts: MapCounts; packed?: PackedMapObjects; packedNameless?: PackedMapObjects } {
    this.cache ??= { objects: listObjects(this.store), counts: countObjects(this.store) };
    return this.cache;
  }

  /** Reads the map again soon after a change, so the next wall to ask does not wait for it. */
  private stale(): void {
    this.cache = null;
    if (this.refill) return;
    this.refill = setImmediate(() => {
      this.refill = null;
      this.current();
    });
  }

  /** Stops a pending re-read (the store is about to close). */
  close(): void {
    if (this.refill) clearImmediate(this.refill);
    this.refill = null;
  }

  list(f: ObjectFilter & { packed?: boolean; names?: boolean } = {}): { objects: MapObject[]; packed?: PackedMapObjects; counts: MapCounts } {
    const current = this.current();
    const { objects, counts } = current;
    const names = f.names !== false;
    if (!f.kinds?.length && !f.street && !f.q) {
      // The whole map packed (every wall asks for it, without names): packed once per change, like the copy.
      if (f.packed && names) return { objects: [], packed: (current.packed ??= packMapObjects(objects)), counts };
      if (f.packed) return { objects: [], packed: (current.packedNameless ??= packMapObjects(objects, { names })), counts };
      return { objects: names ? objects : objects.map((o) => ({ ...o, name: '' })), counts };
    }
    const kinds = f.kinds?.length ? new Set(f.kinds) : null;
    const chosen = objects.filter((o) => (!kinds || kinds.has(o.kind)) && (!f.street || o.street === f.street) && (!f.q || o.name.includes(f.q)));
    if (f.packed) return { objects: [], packed: packMapObjects(chosen, { names }), counts };
    return { objects: names ? chosen : chosen.map((o) => ({ ...o, name: '' })), counts };
  }

  counts(): MapCounts {
    return this.current().counts;
  }

  async save(input: MapObjectParsed, peer: string): Promise<MapObject> {
    if (input.id !== undefined && !getObject(this.store, input.id))
      throw new RefusedError(
        { zh: `地图上没有编号为 ${input.id} 的对象：新建时请不要填编号`, en: `no map object with id ${input.id}; omit the id to create one` },
        { field: 'id' },
      );
    const id = input.id ?? newObjectId();
    const at = this.now();
    const saved = await this.store.write((tx) => putObject(tx, { ...input, id }, { at, peer, event: input.id ? 'changed' : 'created', demo: false }));
    this.emit('saved', [saved], []);
    return saved;
  }

  async remove(id: string, peer: string): Promise<{ id: string; counts: MapCounts }> {
    if (!getObject(this.store, id)) throw new RefusedError({ zh: `地图上没有编号为 ${id} 的对象（可能已被删除）`, en: `no map object with id ${id}` });
    const at = this.now();
    await this.store.write((tx) => removeObject(tx, id, at, peer));
    const counts = this.emit('removed', [], [id]);
    return { id, counts };
  }

  async import(
    format: 'geojson' | 'csv',
    text: string,
    defaultKind: MapObjectKind | undefined,
    dryRun: boolean,
    ctx: Pick<CallContext, 'peer' | 'transport'>,
  ): Promise<{ created: number; updated: number; dryRun: boolean; counts: MapCounts }> {
    const { peer } = ctx;
    const reading = format === 'geojson' ? readGeoJson(text, defaultKind) : readCsv(text, defaultKind);
    const n = reading.candidates.length;
    if (n > MAX_IMPORT_FEATURES)
      throw new RefusedError({
        zh: `未写入任何内容：一次导入最多 ${MAX_IMPORT_FEATURES} ${format === 'geojson' ? '个要素' : '行'}，此文件有 ${n}：请拆分文件`,
        en: `nothing written: an import carries at most ${MAX_IMPORT_FEATURES} ${format === 'geojson' ? 'features' : 'rows'}, this one ${n}: split the file`,
      });
    crossCheck(reading);
    // An id already on the map with another kind would fail inside the write: name it here too.
    for (const c of reading.candidates) {
      const existing = c.object.id ? getObject(this.store, c.object.id) : undefined;
      if (existing && existing.kind !== c.object.kind)
        reading.problems.push({
          index: c.index,
          label: c.label,
          field: 'kind',
          message: `id ${existing.id} is a ${existing.kind} on the map; its kind cannot change to ${c.object.kind}`,
        });
    }
    const what = format === 'geojson' ? 'features' : 'rows';
    if (reading.problems.length > 0) {
      reading.problems.sort((a, b) => a.index - b.index);
      throw new RefusedError(
        {
          zh: `导入被拒绝，未写入任何内容：${new Set(reading.problems.map((p) => p.label)).size} ${what === 'features' ? '个要素' : '行'}有误 — ${reading.problems
            .slice(0, 50)
            .map((p) => `${p.label}：${p.field}：${p.message}`)
            .join('；')}${reading.problems.length > 50 ? `；另有 ${reading.problems.length - 50} 处` : ''}`,
          en: refusalMessage(reading.problems, what),
        },
        { problems: reading.problems },
      );
    }
    // A warehouse's stock (materials) and a team's status (teams) are not the map's to import.
    const taken = takenOverInImport(reading.candidates, ctx);
    if (taken.length > 0) throw takenOverImportError(taken, format);
    if (reading.candidates.length === 0)
      throw new RefusedError(
        { zh: `导入被拒绝：文件中没有${what === 'features' ? '要素' : '数据行'}`, en: `import refused: the file holds no ${what}` },
        { problems: [] },
      );
    const updated = reading.candidates.filter((c) => c.object.id && getObject(this.store, c.object.id)).length;
    const created = reading.candidates.length - updated;
    if (dryRun) return { created, updated, dryRun, counts: this.counts() };
    const at = this.now();
    const saved = await this.store.write((tx) =>
      reading.candidates.map((c) => {
        const object = ctx.transport === 'local' ? c.object : keepTakenOver(c.object, c.object.id ? getObject(tx, c.object.id) : undefined);
        return putObject(tx, { ...object, id: c.object.id ?? newObjectId() }, { at, peer, event: 'imported', demo: false });
      }),
    );
    const counts = this.emit('imported', saved, []);
    return { created, updated, dryRun, counts };
  }

  /** Loads the demo set into an empty map (never over an operator's own objects). */
  async loadDemo(): Promise<number> {
    if (hasAnyObject(this.store)) return 0;
    const objects = demoObjects().map((o) => ({ ...MapObjectInput.parse(o), id: o.id }));
    const at = this.now();
    await this.store.write((tx) => {
      for (const o of objects) putObject(tx, o, { at, peer: 'demo', event: 'demo', demo: true });
    });
    this.emit('demo', null, []);
    return objects.length;
  }

  async clearDemo(peer: string): Promise<{ removed: number; counts: MapCounts }> {
    const ids = this.store.all<{ id: string }>('SELECT id FROM map_object WHERE demo = 1 ORDER BY id').map((r) => r.id);
    const at = this.now();
    if (ids.length > 0) await this.store.write((tx) => ids.forEach((id) => removeObject(tx, id, at, peer)));
    const counts = this.emit('cleared', null, ids.length <= EVENT_OBJECTS_MAX ? ids : []);
    return { removed: ids.length, counts };
  }

  private emit(change: 'saved' | 'removed' | 'imported' | 'demo' | 'cleared', objects: MapObject[] | null, removedIds: string[]): MapCounts {
    this.stale();
    const counts = countObjects(this.store);
    const carried = objects && objects.length <= EVENT_OBJECTS_MAX ? objects : null;
    this.bus.emit('map.objectsChanged', { change, objects: change === 'cleared' ? null : carried, removedIds, counts });
    return counts;
  }
}
