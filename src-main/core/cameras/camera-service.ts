// Camera sources and timed tours, kept in order of creation; the running tour in the kv table.
// An RTSP camera's password is stored with its source and never leaves this file but to `onRtsp`
// (the media engine's mountpoints): clients see `passwordSet`.
import { z } from 'zod';
import { CameraSourceSave, CameraTour, sourceProblem, type CameraSource, type CamerasState } from '../contract/cameras';
import { RefusedError } from '../contract/errors';
import type { EventBus } from '../events';
import { readKv, writeKv } from '../kv';
import type { Store, Tx } from '../store';

/** A camera source's fields and problems in Chinese, for the refusal (sourceProblem says them in English). */
const SOURCE_FIELD_ZH = { url: '地址', kind: '类型', user: '用户名', password: '密码' } as const;
const SOURCE_PROBLEM_ZH = {
  url: 'RTSP 摄像机的地址应为 rtsp://主机[:端口]/路径，用户名和密码填在各自的栏里（不要写在地址中）',
  kind: 'rtsp:// 地址的类型须选 RTSP',
  user: '用户名和密码只用于 RTSP 摄像机',
  password: '用户名和密码只用于 RTSP 摄像机',
} as const;

const ACTIVE_KEY = 'cameras.activeTour';
const Active = z.object({ id: z.string().nullable() });

type Table = 'camera_source' | 'camera_tour';

/** An enabled RTSP camera, secrets included, as the media engine needs it. */
export interface RtspCamera {
  id: string;
  name: string;
  url: string;
  user?: string;
  password?: string;
}

/** What clients see of a source: never the password. */
function viewOf(s: CameraSourceSave): CameraSource {
  const { password, ...rest } = s;
  return s.kind === 'rtsp' ? { ...rest, passwordSet: password !== undefined && password !== '' } : rest;
}

/** Where an RTSP password goes: the server (host and port) and the account. A stored one is reused only while this stays. */
function secretDestination(s: CameraSourceSave): string {
  let authority = s.url;
  try {
    const u = new URL(s.url);
    authority = `${u.protocol}//${u.host}`;
  } catch {
    // kept whole
  }
  return JSON.stringify([s.kind, authority, s.user ?? '']);
}

export class CameraService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
    /** Told every enabled RTSP camera (secrets included) at start and after every change of sources. */
    private readonly onRtsp: (cameras: RtspCamera[]) => void = () => undefined,
  ) {
    this.onRtsp(this.rtspCameras());
  }

  state(): CamerasState {
    const sources = this.stored().map(viewOf);
    const tours = this.rows('camera_tour').map((s) => CameraTour.parse(JSON.parse(s)));
    const active = readKv(this.store, ACTIVE_KEY, Active, { id: null }).id;
    return { sources, tours, activeTourId: active && tours.some((t) => t.id === active) ? active : null };
  }

  /**
   * Adds or replaces a source. An RTSP password left out keeps the stored one while the URL's host
   * and port and the user stay the same (otherwise it is dropped, never sent to another server);
   * "" clears it.
   */
  async saveSource(source: CameraSourceSave): Promise<CamerasState> {
    const problem = sourceProblem(source);
    if (problem)
      throw new RefusedError(
        { zh: `摄像机的“${SOURCE_FIELD_ZH[problem.field]}”有误：${SOURCE_PROBLEM_ZH[problem.field]}`, en: `source.${problem.field}: ${problem.message}` },
        { field: `source.${problem.field}` },
      );
    let next = source;
    if (source.kind === 'rtsp' && source.password === undefined) {
      const existing = this.stored().find((c) => c.id === source.id);
      if (existing?.password && secretDestination(existing) === secretDestination(source)) next = { ...source, password: existing.password };
    }
    if (next.password === '') next = { ...next, password: undefined };
    if (next.user === '') next = { ...next, user: undefined };
    const stored = next;
    await this.store.write((tx) => this.put(tx, 'camera_source', stored.id, stored));
    return this.changed(true);
  }

  /** Every enabled RTSP camera with its secrets (for the media engine only). */
  rtspCameras(): RtspCamera[] {
    return this.stored()
      .filter((c) => c.kind === 'rtsp' && c.enabled)
      .map((c) => ({ id: c.id, name: c.name, url: c.url, user: c.user, password: c.password }));
  }

  private stored(): CameraSourceSave[] {
    return this.rows('camera_source').map((s) => CameraSourceSave.parse(JSON.parse(s)));
  }

  async removeSource(id: string): Promise<CamerasState> {
    const s = this.state();
    if (!s.sources.some((c) => c.id === id)) throw new RefusedError({ zh: `没有编号为 ${id} 的摄像机（可能已被删除）`, en: `no camera with id ${id}` });
    const inTours = s.tours.filter((t) => t.cameraIds.includes(id));
    if (inTours.length > 0)
      throw new RefusedError({
        zh: `摄像机 ${id} 在轮巡${inTours.map((t) => `“${t.name}”`).join('、')}中：请先把它从轮巡中移出`,
        en: `camera ${id} is in tour ${inTours.map((t) => `“${t.name}”`).join(', ')}; take it out of the tour first`,
      });
    await this.store.write((tx) => tx.run('DELETE FROM camera_source WHERE id = ?', [id]));
    return this.changed(true);
  }

  async saveTour(tour: CameraTour): Promise<CamerasState> {
    const known = new Set(this.state().sources.map((c) => c.id));
    const unknown = tour.cameraIds.filter((id) => !known.has(id));
    if (unknown.length > 0)
      throw new RefusedError({
        zh: `轮巡“${tour.name}”中有不存在的摄像机：${unknown.join('、')}`,
        en: `tour “${tour.name}” names cameras that do not exist: ${unknown.join(', ')}`,
      });
    await this.store.write((tx) => this.put(tx, 'camera_tour', tour.id, tour));
    return this.changed();
  }

  async removeTour(id: string): Promise<CamerasState> {
    if (!this.state().tours.some((t) => t.id === id)) throw new RefusedError({ zh: `没有编号为 ${id} 的轮巡（可能已被删除）`, en: `no tour with id ${id}` });
    await this.store.write((tx) => {
      tx.run('DELETE FROM camera_tour WHERE id = ?', [id]);
      if (readKv(this.store, ACTIVE_KEY, Active, { id: null }).id === id) writeKv(tx, ACTIVE_KEY, { id: null }, this.now());
    });
    return this.changed();
  }

  async runTour(id: string | null): Promise<CamerasState> {
    if (id !== null && !this.state().tours.some((t) => t.id === id))
      throw new RefusedError({ zh: `没有编号为 ${id} 的轮巡（可能已被删除）`, en: `no tour with id ${id}` });
    await this.store.write((tx) => writeKv(tx, ACTIVE_KEY, { id }, this.now()));
    return this.changed();
  }

  private rows(table: Table): string[] {
    return this.store.all<{ spec: string }>(`SELECT spec FROM ${table} ORDER BY position, id`).map((r) => r.spec);
  }

  private put(tx: Tx, table: Table, id: string, value: unknown): void {
    const existing = tx.get<{ position: number }>(`SELECT position FROM ${table} WHERE id = ?`, [id]);
    const position = existing?.position ?? (tx.get<{ p: number | null }>(`SELECT max(position) AS p FROM ${table}`)?.p ?? -1) + 1;
    tx.run(
      `INSERT INTO ${table} (id, position, spec, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET spec = excluded.spec, updated_at = excluded.updated_at`,
      [id, position, JSON.stringify(value), this.now()],
    );
  }

  private changed(sources = false): CamerasState {
    if (sources) this.onRtsp(this.rtspCameras());
    const s = this.state();
    this.bus.emit('cameras.changed', s);
    return s;
  }
}
