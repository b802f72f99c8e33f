// Map objects of the one map: stored as one row each (the searchable columns plus the whole
// record as JSON), every change kept in map_object_event with the record as it was before.
import { randomBytes } from 'node:crypto';
import { RefusedError } from '../contract/errors';
import { MAP_OBJECT_KINDS, RISK_LEVELS, type MapCounts, type MapObject, type MapObjectKind, type MapObjectParsed } from '../contract/map';
import type { StreetName } from '../contract/yuexiu';
import type { SqlValue, Store, Tx } from '../store';

interface Row {
  id: string;
  spec: string;
  demo: number;
  updated_at: number;
}

interface Reader {
  all<T = Record<string, SqlValue>>(sql: string, params?: SqlValue[]): T[];
  get<T = Record<string, SqlValue>>(sql: string, params?: SqlValue[]): T | undefined;
}

export type EventKind = 'created' | 'changed' | 'removed' | 'imported' | 'demo';

/** A new object id, made here and passed to SQL so the journal replays the same id. */
export function newObjectId(): string {
  return `obj_${randomBytes(9).toString('base64url')}`;
}

function fromRow(r: Row): MapObject {
  const spec = JSON.parse(r.spec) as MapObjectParsed;
  const base = { ...spec, id: r.id, demo: r.demo === 1, updatedAt: r.updated_at };
  if (base.kind === 'shelter') return { ...base, areaPerPerson: Math.round((base.areaM2 / base.capacity) * 100) / 100 };
  return base as MapObject;
}

/** What is stored as spec: the record without id (the row's key) and without derived fields. */
function specOf(o: MapObjectParsed): string {
  const { id: _id, ...rest } = o;
  return JSON.stringify(rest);
}

function levelOf(o: MapObjectParsed): string | null {
  return o.kind === 'risk' ? o.level : null;
}

export function getObject(db: Reader, id: string): MapObject | undefined {
  const r = db.get<Row>('SELECT id, spec, demo, updated_at FROM map_object WHERE id = ?', [id]);
  return r ? fromRow(r) : undefined;
}

export interface ObjectFilter {
  kinds?: MapObjectKind[];
  street?: StreetName;
  q?: string;
}

export function listObjects(db: Reader, f: ObjectFilter = {}): MapObject[] {
  const where: string[] = [];
  const params: SqlValue[] = [];
  if (f.kinds && f.kinds.length > 0) {
    where.push(`kind IN (${f.kinds.map(() => '?').join(', ')})`);
    params.push(...f.kinds);
  }
  if (f.street) {
    where.push('street = ?');
    params.push(f.street);
  }
  if (f.q) {
    // instr() rather than LIKE: the operator's words may hold % or _.
    where.push('instr(name, ?) > 0');
    params.push(f.q);
  }
  // In insertion order (rowid): the map does not need them sorted, and 5,000 rows sort slowly.
  const sql = `SELECT id, spec, demo, updated_at FROM map_object ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY rowid`;
  return db.all<Row>(sql, params).map(fromRow);
}

export function countObjects(db: Reader): MapCounts {
  const byKind = Object.fromEntries(MAP_OBJECT_KINDS.map((k) => [k, 0])) as MapCounts['byKind'];
  for (const r of db.all<{ kind: string; n: number }>('SELECT kind, count(*) AS n FROM map_object GROUP BY kind')) {
    if (r.kind in byKind) byKind[r.kind as MapObjectKind] = r.n;
  }
  const riskByLevel = Object.fromEntries(RISK_LEVELS.map((l) => [l, 0])) as MapCounts['riskByLevel'];
  for (const r of db.all<{ level: string; n: number }>("SELECT level, count(*) AS n FROM map_object WHERE kind = 'risk' GROUP BY level")) {
    if (r.level in riskByLevel) riskByLevel[r.level as keyof typeof riskByLevel] = r.n;
  }
  const sum = (kind: string, field: string): number =>
    db.get<{ v: number | null }>(`SELECT sum(json_extract(spec, '$.${field}')) AS v FROM map_object WHERE kind = ?`, [kind])?.v ?? 0;
  const demo = db.get<{ n: number }>('SELECT count(*) AS n FROM map_object WHERE demo = 1')?.n ?? 0;
  return {
    byKind,
    riskByLevel,
    teamPeople: sum('team', 'people'),
    shelterCapacity: sum('shelter', 'capacity'),
    shelterAreaM2: Math.round(sum('shelter', 'areaM2') * 100) / 100,
    demo,
  };
}

/** Writes one object (insert or update) and its history entry, inside the caller's transaction. */
export function putObject(tx: Tx, o: MapObjectParsed & { id: string }, opts: { at: number; peer: string; event: EventKind; demo: boolean }): MapObject {
  const before = tx.get<Row>('SELECT id, spec, demo, updated_at FROM map_object WHERE id = ?', [o.id]);
  if (before) {
    const prev = JSON.parse(before.spec) as MapObjectParsed;
    if (prev.kind !== o.kind)
      throw new RefusedError(
        {
          zh: `对象 ${o.id} 的类型是 ${prev.kind}，不能改为 ${o.kind}：请删除后新建`,
          en: `object ${o.id} is a ${prev.kind}; its kind cannot change to ${o.kind} (remove it and create a new one)`,
        },
        { field: 'kind' },
      );
  }
  // One statement for both: an update keeps the object's demo mark and creation time.
  tx.run(
    `INSERT INTO map_object (id, kind, name, street, lat, lng, level, spec, demo, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, name = excluded.name, street = excluded.street, lat = excluded.lat, lng = excluded.lng,
       level = excluded.level, spec = excluded.spec, updated_at = excluded.updated_at`,
    [o.id, o.kind, o.name, o.street, o.position.lat, o.position.lng, levelOf(o), specOf(o), opts.demo ? 1 : 0, opts.at, opts.at],
  );
  const event = before ? (opts.event === 'created' ? 'changed' : opts.event) : opts.event;
  tx.run('INSERT INTO map_object_event (object_id, at, kind, peer, before_json) VALUES (?, ?, ?, ?, ?)', [
    o.id,
    opts.at,
    event,
    opts.peer,
    before ? before.spec : null,
  ]);
  return fromRow({ id: o.id, spec: specOf(o), demo: before ? before.demo : opts.demo ? 1 : 0, updated_at: opts.at });
}

export function removeObject(tx: Tx, id: string, at: number, peer: string): void {
  const before = tx.get<Row>('SELECT id, spec, demo, updated_at FROM map_object WHERE id = ?', [id]);
  if (!before) throw new RefusedError({ zh: `地图上没有编号为 ${id} 的对象（可能已被删除）`, en: `no map object with id ${id}` });
  tx.run('DELETE FROM map_object WHERE id = ?', [id]);
  tx.run('INSERT INTO map_object_event (object_id, at, kind, peer, before_json) VALUES (?, ?, ?, ?, ?)', [id, at, 'removed', peer, before.spec]);
}

export function objectHistory(db: Reader, id: string): { at: number; kind: EventKind | 'removed'; peer: string; before: unknown }[] {
  return db
    .all<{ at: number; kind: string; peer: string; before_json: string | null }>(
      'SELECT at, kind, peer, before_json FROM map_object_event WHERE object_id = ? ORDER BY seq DESC LIMIT 200',
      [id],
    )
    .map((r) => ({ at: r.at, kind: r.kind as EventKind, peer: r.peer, before: r.before_json === null ? null : JSON.parse(r.before_json) }));
}

export function hasAnyObject(store: Store): boolean {
  return store.get('SELECT 1 AS one FROM map_object LIMIT 1') !== undefined;
}
