// Wall presets: named layouts with a panel per cell, and which preset each display shows.
import { standardLayout } from '../contract/layouts';
import { RefusedError } from '../contract/errors';
import { WallPreset, type WallState } from '../contract/schemas';
import type { EventBus } from '../events';
import type { Store, Tx } from '../store';

/**
 * What a fresh wall shows: a real command picture, no empty cell. 综合态势 has the one map in the
 * large cell and who is on duty, the warnings in force, the live plan responses, the power state and
 * the duty log around it; the others are made of the same panels. Seeded once, on an empty store
 * (ensureDefaults): a store with presets keeps its own.
 */
export const DEFAULT_PRESETS: WallPreset[] = [
  {
    id: 'overview',
    name: '综合态势',
    layout: standardLayout('1+5'),
    cells: ['map', 'duty-now', 'warnings', 'plan-responses', 'power', 'duty-log'],
  },
  { id: 'single', name: '单屏', layout: standardLayout('1x1'), cells: ['map'] },
  { id: 'quad', name: '四分屏', layout: standardLayout('2x2'), cells: ['map', 'warnings', 'plan-responses', 'power'] },
];

export class WallService {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly now: () => number,
  ) {}

  /** Seeds the default presets once, on a store that has none. */
  async ensureDefaults(): Promise<void> {
    const { n } = this.store.get<{ n: number }>('SELECT count(*) AS n FROM wall_preset') ?? { n: 0 };
    if (n > 0) return;
    await this.store.write((tx) => {
      for (const p of DEFAULT_PRESETS) this.put(tx, p);
      tx.run('INSERT INTO wall_active (display, preset_id) VALUES (0, ?)', [DEFAULT_PRESETS[0].id]);
    });
  }

  state(): WallState {
    const presets = this.store.all<{ spec: string }>('SELECT spec FROM wall_preset ORDER BY rowid').map((r) => WallPreset.parse(JSON.parse(r.spec)));
    const active: Record<string, string> = {};
    for (const r of this.store.all<{ display: number; preset_id: string }>('SELECT display, preset_id FROM wall_active'))
      active[String(r.display)] = r.preset_id;
    return { presets, active };
  }

  async savePreset(preset: WallPreset): Promise<WallState> {
    const clash = this.store.get<{ id: string }>('SELECT id FROM wall_preset WHERE name = ? AND id <> ?', [preset.name, preset.id]);
    if (clash) throw new RefusedError(`a preset named “${preset.name}” already exists (id ${clash.id})`);
    await this.store.write((tx) => this.put(tx, preset));
    return this.changed();
  }

  async deletePreset(id: string): Promise<WallState> {
    this.mustExist(id);
    const shown = this.store.all<{ display: number }>('SELECT display FROM wall_active WHERE preset_id = ?', [id]);
    if (shown.length > 0)
      throw new RefusedError(`preset ${id} is showing on display ${shown.map((r) => r.display + 1).join(', ')}; switch that display to another preset first`);
    await this.store.write((tx) => tx.run('DELETE FROM wall_preset WHERE id = ?', [id]));
    return this.changed();
  }

  async activate(display: number, presetId: string): Promise<WallState> {
    this.mustExist(presetId);
    await this.store.write((tx) =>
      tx.run('INSERT INTO wall_active (display, preset_id) VALUES (?, ?) ON CONFLICT(display) DO UPDATE SET preset_id = excluded.preset_id', [
        display,
        presetId,
      ]),
    );
    return this.changed();
  }

  private put(tx: Tx, p: WallPreset): void {
    tx.run(
      'INSERT INTO wall_preset (id, name, spec, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, spec = excluded.spec, updated_at = excluded.updated_at',
      [p.id, p.name, JSON.stringify(p), this.now()],
    );
  }

  private mustExist(id: string): void {
    if (!this.store.get('SELECT 1 AS one FROM wall_preset WHERE id = ?', [id])) throw new RefusedError(`no preset with id ${id}`);
  }

  private changed(): WallState {
    const s = this.state();
    this.bus.emit('wall.changed', s);
    return s;
  }
}
