// Camera sources and timed tours, kept in order of creation; the running tour in the kv table.
import { z } from 'zod';
import { CameraSource, CameraTour, type CamerasState } from '../contract/cameras';
import { RefusedError } from '../contract/errors';
import type { EventBus } from '../events';
import { readKv, writeKv } from '../kv';
import type { Store, Tx } from '../store';

const ACTIVE_KEY = 'cameras.activeTour';
const Active = z.object({ id: z.string().nullable() });

type Table = 'camera_source' | 'camera_tour';

export class CameraService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
  ) {}

  state(): CamerasState {
    const sources = this.rows('camera_source').map((s) => CameraSource.parse(JSON.parse(s)));
    const tours = this.rows('camera_tour').map((s) => CameraTour.parse(JSON.parse(s)));
    const active = readKv(this.store, ACTIVE_KEY, Active, { id: null }).id;
    return { sources, tours, activeTourId: active && tours.some((t) => t.id === active) ? active : null };
  }

  async saveSource(source: CameraSource): Promise<CamerasState> {
    await this.store.write((tx) => this.put(tx, 'camera_source', source.id, source));
    return this.changed();
  }

  async removeSource(id: string): Promise<CamerasState> {
    const s = this.state();
    if (!s.sources.some((c) => c.id === id)) throw new RefusedError(`no camera with id ${id}`);
    const inTours = s.tours.filter((t) => t.cameraIds.includes(id));
    if (inTours.length > 0) throw new RefusedError(`camera ${id} is in tour ${inTours.map((t) => `“${t.name}”`).join(', ')}; take it out of the tour first`);
    await this.store.write((tx) => tx.run('DELETE FROM camera_source WHERE id = ?', [id]));
    return this.changed();
  }

  async saveTour(tour: CameraTour): Promise<CamerasState> {
    const known = new Set(this.state().sources.map((c) => c.id));
    const unknown = tour.cameraIds.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new RefusedError(`tour “${tour.name}” names cameras that do not exist: ${unknown.join(', ')}`);
    await this.store.write((tx) => this.put(tx, 'camera_tour', tour.id, tour));
    return this.changed();
  }

  async removeTour(id: string): Promise<CamerasState> {
    if (!this.state().tours.some((t) => t.id === id)) throw new RefusedError(`no tour with id ${id}`);
    await this.store.write((tx) => {
      tx.run('DELETE FROM camera_tour WHERE id = ?', [id]);
      if (readKv(this.store, ACTIVE_KEY, Active, { id: null }).id === id) writeKv(tx, ACTIVE_KEY, { id: null }, this.now());
    });
    return this.changed();
  }

  async runTour(id: string | null): Promise<CamerasState> {
    if (id !== null && !this.state().tours.some((t) => t.id === id)) throw new RefusedError(`no tour with id ${id}`);
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

  private changed(): CamerasState {
    const s = this.state();
    this.bus.emit('cameras.changed', s);
    return s;
  }
}
